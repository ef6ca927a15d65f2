package org.contigsim.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.contigsim.base.Units;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;
import org.contigsim.hocon.Section;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneType;
import org.contigsim.procfs.ProcDump;
import org.contigsim.procfs.ProcParseException;
import org.contigsim.scenario.HostBlock;
import org.contigsim.scenario.ImportBlock;
import org.contigsim.workload.Preset;

/**
 * Reads a memory script (HOCON, through the same layer as scenarios: includes, units, file:line
 * locations, unknown keys) and checks all of it before anything runs: every key known, every value
 * of the right type and range, every tag freed or pinned allocated by an earlier step, the host
 * bootable ({@link HostBlock}, as a scenario's host). The first problem becomes an
 * {@link InputException} whose message is {@code FILE:LINE: key.path: what is wrong}.
 */
public final class ScriptParser {
    static final List<String> TOP_KEYS = List.of("seed", "host", "import", "steps");
    private static final String TAG_CHARS = "[A-Za-z0-9_.:-]+";
    private static final long MAX_CHUNK_BYTES = Pages.PAGE_SIZE << Pages.MAX_ORDER;
    private static final String STEP_SHAPE = "an object such as { step = compact }";

    private final Path path;
    private final Start start;
    /** Tags allocated by the steps read so far. */
    private Set<String> tags = new LinkedHashSet<>();
    private int nodes;

    /**
     * A real state the command line boots the script's host into, in place of the script's own
     * {@code import} ({@code memory --script S --from-buddyinfo B}).
     *
     * @param dump the {@code /proc} files
     * @param memoryBytes the host's RAM ({@code --memory}); 0 keeps the script's, or the size the dump implies
     */
    public record Start(ProcDump dump, long memoryBytes) {
    }

    private ScriptParser(Path path, Start start) {
        this.path = path;
        this.start = start;
    }

    /** Parses and validates {@code script}; an {@link InputException} names the first problem. */
    public static Script parse(Path script) {
        return new ScriptParser(script, null).parse();
    }

    /** As {@link #parse(Path)}, the host booted into {@code start} (null: the script's own import, if any). */
    public static Script parse(Path script, Start start) {
        return new ScriptParser(script, start).parse();
    }

    private Script parse() {
        String fileName = path.toString();
        Section top = Section.root(HoconReader.read(path), fileName);
        top.allowOnly(TOP_KEYS);
        long seed = top.field("seed", "a whole number", "0").whole(Long.MIN_VALUE, Long.MAX_VALUE);
        if (!top.has("host")) {
            throw top.problem("host", "missing (the script needs host { memory = ... })");
        }
        List<Section.Element> stepList = top.list("steps", "a list of steps");
        if (stepList == null) {
            throw top.problem("steps", "missing (the script needs steps = [ ... ])");
        }
        Section h = top.section("host");
        boolean imported = start != null || top.has("import");
        HostSpec host = imported ? HostBlock.readImported(h, HostBlock.Use.SCRIPT)
                : HostBlock.read(h, null, HostBlock.Use.SCRIPT);
        ProcDump dump = null;
        if (start != null) {
            host = start.memoryBytes() > 0 ? host.withMemory(start.memoryBytes()) : host;
            dump = start.dump();
        } else if (imported) {
            Path dir = path.toAbsolutePath().getParent();
            dump = ImportBlock.read(top.section("import"), dir, host);
        }
        nodes = dump == null ? host.nodes() : dumpNodes(dump, h);
        return new Script(fileName, seed, new Script.Host(host, dump, h.at("hugetlb")), steps(stepList));
    }

    /** The nodes of a host booted from {@code dump} (the dump's, whatever the block says), for the steps' node keys. */
    private static int dumpNodes(ProcDump dump, Section h) {
        try {
            return dump.snapshot().nodeIds().size();
        } catch (ProcParseException e) {
            throw h.location().problem(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw h.location().problem(dump.buddyinfoName() + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ steps

    private List<Script.Step> steps(List<Section.Element> list) {
        List<Script.Step> out = new ArrayList<>();
        for (Section.Element e : list) {
            out.add(step(e.section(STEP_SHAPE)));
        }
        return out;
    }

    private Script.Step step(Section s) {
        Script.StepType type = s.required("step", "a step type", "every step names its type ("
                + String.join(", ", Script.StepType.names()) + ")").oneOf(Script.StepType.values(), "a step type");
        return switch (type) {
            case ALLOCATE -> allocate(s);
            case FREE -> free(s);
            case PIN, UNPIN -> pin(s, type == Script.StepType.PIN);
            case COMPACT -> compact(s);
            case HUGEPAGES -> hugepages(s);
            case ADVANCE, SLEEP -> advance(s, type);
            case PRINT -> print(s);
            case CONTIG -> contig(s);
            case REPEAT -> repeat(s);
        };
    }

    private Script.Step compact(Section s) {
        s.allowOnly(List.of("step"));
        return new Script.Compact(s.location());
    }

    private Script.Step allocate(Section s) {
        s.allowOnly(List.of("step", "kind", "size", "chunk", "tag", "node", "zone", "report"));
        Script.Kind kind = kind(s, null, "an allocate step needs kind, size and tag");
        ZoneType zone = s.has("zone") ? zone(s.field("zone", "a zone name", null), kind) : null;
        Field sizeField = s.required("size", "a size", "an allocate step needs kind, size and tag");
        long size = pagesBytes(sizeField, true);
        long chunk = s.has("chunk") ? chunkBytes(s.field("chunk", "a size", null)) : Pages.PAGE_SIZE;
        if (size % chunk != 0) {
            throw sizeField.error(sizeField.quoted() + " is not a whole number of " + Units.format(chunk) + " chunks");
        }
        String tag = newTag(s, "an allocate step needs kind, size and tag");
        return new Script.Allocate(s.location(), kind, Pages.bytesToPages(size),
                Long.numberOfTrailingZeros(Pages.bytesToPages(chunk)), tag, node(s), report(s), zone);
    }

    private static long chunkBytes(Field f) {
        long chunk = pagesBytes(f, true);
        if (Long.bitCount(Pages.bytesToPages(chunk)) != 1) {
            throw f.error(f.quoted() + " is not a power-of-two number of 4 KiB pages");
        }
        if (chunk > MAX_CHUNK_BYTES) {
            throw f.error(f.quoted() + " is larger than the largest buddy block (4MiB)");
        }
        return chunk;
    }

    private Script.Step free(Section s) {
        s.allowOnly(List.of("step", "tag", "every", "fraction", "report"));
        String tag = knownTag(s, "a free step needs the tag to free");
        boolean report = report(s);
        if (s.has("every") && s.has("fraction")) {
            throw s.problem("fraction", "give either every or fraction, not both");
        }
        if (s.has("every")) {
            int every = (int) s.field("every", "a whole number", null).whole(1, Integer.MAX_VALUE);
            return new Script.Free(s.location(), tag, Script.FreeMode.EVERY, every, 0, report);
        }
        if (s.has("fraction")) {
            Field f = s.field("fraction", "a number", null);
            double fraction = f.decimal(-Double.MAX_VALUE, Double.MAX_VALUE);
            if (!(fraction > 0 && fraction <= 1)) {
                throw f.error(f.shown() + " is not a fraction in (0, 1]");
            }
            return new Script.Free(s.location(), tag, Script.FreeMode.FRACTION, 0, fraction, report);
        }
        return new Script.Free(s.location(), tag, Script.FreeMode.ALL, 0, 0, report);
    }

    private Script.Step pin(Section s, boolean pin) {
        s.allowOnly(List.of("step", "tag", "report"));
        String tag = knownTag(s, "a " + (pin ? "pin" : "unpin") + " step needs the tag to " + (pin ? "pin" : "unpin"));
        return new Script.Pin(s.location(), tag, pin, report(s));
    }

    private Script.Step hugepages(Section s) {
        s.allowOnly(List.of("step", "size", "max", "keep", "pool"));
        long size = s.has("size") ? HostBlock.hugePageBytes(s.field("size", "a size", null)) : 2L << 20;
        if (s.has("pool") && (s.has("max") || s.has("keep"))) {
            throw s.problem("pool", "give either pool (the pool's new size) or max and keep, not both");
        }
        long pool = s.has("pool") ? s.field("pool", "a whole number", null).whole(0, Integer.MAX_VALUE) : -1;
        long max = s.has("max") ? s.field("max", "a whole number", null).whole(0, Integer.MAX_VALUE) : -1;
        boolean keep = s.field("keep", "true or false", "false").bool();
        return new Script.Hugepages(s.location(), size, max, keep, pool);
    }

    private Script.Step advance(Section s, Script.StepType type) {
        s.allowOnly(List.of("step", "duration", "workload"));
        long nanos = s.required("duration", "a duration", "an " + type.label() + " step needs a duration").nanos();
        Preset workload = s.has("workload")
                ? s.field("workload", "a workload name", null).oneOf(Preset.values(), "a workload") : null;
        return new Script.Advance(s.location(), nanos, workload);
    }

    private Script.Step print(Section s) {
        s.allowOnly(List.of("step", "what"));
        Script.Output what = s.required("what", "a file name", "a print step needs what to print ("
                + String.join(", ", Script.Output.names()) + ")").oneOf(Script.Output.values(), "printable");
        return new Script.Print(s.location(), what);
    }

    private Script.Step contig(Section s) {
        s.allowOnly(List.of("step", "kind", "size", "tag", "node"));
        Script.Kind kind = s.has("kind") ? kind(s, Script.Kind.PINNED, null) : Script.Kind.UNMOVABLE;
        long size = pagesBytes(s.required("size", "a size", "a contig step needs size and tag"), true);
        String tag = newTag(s, "a contig step needs size and tag");
        return new Script.Contig(s.location(), kind, Pages.bytesToPages(size), tag, node(s));
    }

    private Script.Step repeat(Section s) {
        s.allowOnly(List.of("step", "times", "steps"));
        int times = (int) s.required("times", "a whole number", "a repeat step needs times and steps")
                .whole(0, Integer.MAX_VALUE);
        List<Section.Element> body = s.list("steps", "a list of steps");
        if (body == null) {
            throw s.problem("steps", "missing (a repeat step needs times and steps)");
        }
        Set<String> before = new LinkedHashSet<>(tags);
        List<Script.Step> steps = steps(body);
        if (times == 0) {
            tags = before;
        }
        return new Script.Repeat(s.location(), times, steps);
    }

    /** A GFP zone modifier: the highest zone the request may use; Movable only for movable kinds. */
    private static ZoneType zone(Field f, Script.Kind kind) {
        List<String> known = List.of(ZoneType.DMA.procName(), ZoneType.DMA32.procName(), ZoneType.NORMAL.procName(),
                ZoneType.MOVABLE.procName());
        if (!known.contains(f.text())) {
            throw f.error(f.quoted() + " is not a zone (known: " + String.join(", ", known) + ")");
        }
        ZoneType z = ZoneType.fromProcName(f.text());
        if (z == ZoneType.MOVABLE && kind.pageClass("t").type() != MigrateType.MOVABLE) {
            throw f.error("only movable kinds (anon, page-cache) may use ZONE_MOVABLE, not " + kind.label());
        }
        return z;
    }

    private static Script.Kind kind(Section s, Script.Kind excluded, String missingHint) {
        Field f = s.required("kind", "a kind", missingHint);
        Script.Kind k = Script.Kind.fromLabel(f.text());
        List<String> allowed = new ArrayList<>();
        for (Script.Kind c : Script.Kind.values()) {
            if (c != excluded) {
                allowed.add(c.label());
            }
        }
        if (k == null || k == excluded) {
            throw f.error(f.quoted() + " is not a kind" + (k != null ? " here" : "") + " (known: "
                    + String.join(", ", allowed) + ")");
        }
        return k;
    }

    private String newTag(Section s, String missingHint) {
        Field f = s.required("tag", "a tag", missingHint);
        if (!f.text().matches(TAG_CHARS)) {
            throw f.error(f.quoted() + " is not a tag (letters, digits and _ . : - only)");
        }
        tags.add(f.text());
        return f.text();
    }

    private String knownTag(Section s, String missingHint) {
        Field f = s.required("tag", "a tag", missingHint);
        if (!tags.contains(f.text())) {
            throw f.error("no earlier allocate or contig step has tag " + f.quoted() + " (known: "
                    + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ")");
        }
        return f.text();
    }

    private int node(Section s) {
        return (int) s.field("node", "a whole number", "0").whole(0, nodes - 1);
    }

    private static boolean report(Section s) {
        return s.field("report", "true or false", "false").bool();
    }

    /** A size that is a whole number of 4 KiB pages (positive when {@code positive}), in bytes. */
    private static long pagesBytes(Field f, boolean positive) {
        long b = f.bytes();
        if (b % Pages.PAGE_SIZE != 0) {
            throw f.error(f.quoted() + " is not a whole number of 4 KiB pages");
        }
        if (positive && b == 0) {
            throw f.error(f.quoted() + " must be at least one 4 KiB page");
        }
        return b;
    }
}
