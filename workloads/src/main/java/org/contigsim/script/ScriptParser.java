package org.contigsim.script;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.base.Units;
import org.contigsim.workload.Preset;

/**
 * Reads a memory script (HOCON) and checks all of it before anything runs: every key known,
 * every value of the right type and range, every tag freed or pinned allocated by an earlier
 * step, the host bootable. The first problem becomes a {@link ScriptException} whose message is
 * {@code FILE:LINE: key.path: what is wrong}.
 */
public final class ScriptParser {
    /** A host's per-order minimums: the boot setting of the buffer policy of that name. */
    private static final String PROTECT_ORDERS = BufferPolicy.Kind.PROTECT_ORDERS.label();
    static final List<String> TOP_KEYS = List.of("seed", "host", "steps");
    static final List<String> HOST_KEYS = List.of("memory", "nodes", "kernel", "movablecore", "cma", "hugetlb",
            PROTECT_ORDERS, "min-free-kbytes", "watermark-scale-factor", "watermark-boost-factor",
            "extfrag-threshold", "compaction-proactiveness", "direct-compaction");
    private static final String TAG_CHARS = "[A-Za-z0-9_.:-]+";
    private static final long MAX_CHUNK_BYTES = Pages.PAGE_SIZE << Pages.MAX_ORDER;

    private final Path path;
    private final String fileName;
    /** Tags allocated by the steps read so far. */
    private Set<String> tags = new LinkedHashSet<>();
    private int nodes;

    private ScriptParser(Path path) {
        this.path = path;
        this.fileName = path.toString();
    }

    /** Parses and validates {@code script}; a {@link ScriptException} names the first problem. */
    public static Script parse(Path script) {
        return new ScriptParser(script).parse();
    }

    private Script parse() {
        if (!Files.isRegularFile(path)) {
            throw new ScriptException(fileName + ":1: cannot read the script: no such file");
        }
        ConfigObject root;
        try {
            Config c = ConfigFactory.parseFile(path.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
            root = c.resolve().root();
        } catch (ConfigException e) {
            throw new ScriptException(syntaxError(e), e);
        }
        ScriptObject top = new ScriptObject(fileName, root, "");
        top.allowOnly(TOP_KEYS, "the script");
        long seed = top.has("seed") ? top.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : 0;
        if (!top.has("host")) {
            throw top.missing("host", "the script needs host { memory = ... }");
        }
        if (!top.has("steps")) {
            throw top.missing("steps", "the script needs steps = [ ... ]");
        }
        Script.Host host = host(top.object("host"));
        List<Script.Step> steps = steps(top.list("steps"), "steps");
        return new Script(fileName, seed, host, steps);
    }

    private String syntaxError(ConfigException e) {
        ConfigOrigin o = e.origin();
        String msg = e.getMessage();
        if (o == null) {
            return fileName + ":1: " + msg;
        }
        String prefix = o.description() + ": ";
        if (msg.startsWith(prefix)) {
            msg = msg.substring(prefix.length());
        }
        return ScriptObject.fileOf(o, fileName) + ":" + ScriptObject.lineOf(o) + ": " + msg;
    }


    // ------------------------------------------------------------------ host

    private Script.Host host(ScriptObject h) {
        h.allowOnly(HOST_KEYS, "host");
        long memory = h.pagesBytes("memory", true);
        nodes = h.has("nodes") ? (int) h.integer("nodes", 1, 64) : 1;
        HostConfig.Builder b = HostConfig.builder(memory).nodes(nodes);
        if (h.has("kernel")) {
            String k = h.scalarText("kernel");
            b.kernel(KernelVersion.named(k).orElseThrow(() -> h.error("kernel", "'" + k
                    + "' is not a modelled kernel (allowed: " + String.join(", ", KernelVersion.names()) + ")")));
        }
        if (h.has("movablecore")) {
            b.movableBytes(h.pagesBytes("movablecore", false));
        }
        if (h.has("cma")) {
            b.cmaBytes(h.pagesBytes("cma", false));
        }
        if (h.has("hugetlb")) {
            b.hugetlb(hugetlb(h.list("hugetlb"), h.child("hugetlb")));
        }
        if (h.has(PROTECT_ORDERS)) {
            b.protectOrders(protectOrders(h.object(PROTECT_ORDERS)));
        }
        if (h.has("min-free-kbytes")) {
            b.minFreeKbytes(h.integer("min-free-kbytes", 0, 1L << 40));
        }
        if (h.has("watermark-scale-factor")) {
            b.watermarkScaleFactor((int) h.integer("watermark-scale-factor", 1, 3000));
        }
        if (h.has("watermark-boost-factor")) {
            b.watermarkBoostFactor((int) h.integer("watermark-boost-factor", 0, Integer.MAX_VALUE));
        }
        if (h.has("extfrag-threshold")) {
            b.extfragThreshold((int) h.integer("extfrag-threshold", 0, 1000));
        }
        if (h.has("compaction-proactiveness")) {
            b.compactionProactiveness((int) h.integer("compaction-proactiveness", 0, 100));
        }
        if (h.has("direct-compaction")) {
            b.directCompaction(h.bool("direct-compaction"));
        }
        HostConfig config;
        try {
            config = b.build();
            ZoneLayout.of(config);
        } catch (IllegalArgumentException e) {
            throw new ScriptException(hostProblemAt(h, e.getMessage()).error(e.getMessage()), e);
        }
        return new Script.Host(config, hostProblemAt(h, "hugetlb"));
    }

    /** The host key a HostConfig or ZoneLayout complaint is about (the host object when none fits). */
    private static Script.Where hostProblemAt(ScriptObject h, String message) {
        String m = message.toLowerCase(Locale.ROOT);
        for (String key : List.of("movablecore", "cma", "hugetlb", "node", "memory")) {
            if (m.contains(key) && h.has(key.equals("node") ? "nodes" : key)) {
                return h.where(key.equals("node") ? "nodes" : key);
            }
        }
        return h.where();
    }

    private List<HostConfig.HugetlbReservation> hugetlb(ConfigList list, String p) {
        List<HostConfig.HugetlbReservation> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ScriptObject r = ScriptObject.element(fileName, list.get(i), p + "[" + i + "]",
                    "an object such as { size = 2MiB, count = 64 }");
            r.allowOnly(List.of("size", "count"), "a hugetlb reservation");
            if (!r.has("size") || !r.has("count")) {
                throw r.missing(r.has("size") ? "count" : "size", "a hugetlb reservation needs size and count");
            }
            long size = r.hugePageBytes("size");
            int count = (int) r.integer("count", 0, Integer.MAX_VALUE);
            out.add(new HostConfig.HugetlbReservation(size, count));
        }
        return out;
    }

    private long[] protectOrders(ScriptObject o) {
        long[] counts = new long[Pages.NR_ORDERS];
        for (String key : o.sortedKeys()) {
            int order;
            try {
                order = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                order = -1;
            }
            if (order < 0 || order > Pages.MAX_ORDER) {
                throw o.error(key, "'" + key + "' is not an order (0.." + Pages.MAX_ORDER + ")");
            }
            counts[order] = o.integer(key, 0, Integer.MAX_VALUE);
        }
        return counts;
    }

    // ------------------------------------------------------------------ steps

    private List<Script.Step> steps(ConfigList list, String p) {
        List<Script.Step> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(step(ScriptObject.element(fileName, list.get(i), p + "[" + i + "]",
                    "an object such as { step = compact }")));
        }
        return out;
    }

    private Script.Step step(ScriptObject s) {
        if (!s.has("step")) {
            throw s.missing("step", "every step names its type (" + String.join(", ", Script.StepType.names()) + ")");
        }
        String label = s.string("step");
        Script.StepType type = Script.StepType.named(label).orElseThrow(() -> s.error("step", "'" + label
                + "' is not a step type (allowed: " + String.join(", ", Script.StepType.names()) + ")"));
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

    private Script.Step compact(ScriptObject s) {
        s.allowOnly(List.of("step"), "a compact step");
        return new Script.Compact(s.where());
    }

    private Script.Step allocate(ScriptObject s) {
        s.allowOnly(List.of("step", "kind", "size", "chunk", "tag", "node", "report"), "an allocate step");
        Script.Kind kind = kind(s, null, "an allocate step needs kind, size and tag");
        long size = s.pagesBytes("size", true);
        long chunk = s.has("chunk") ? chunkBytes(s) : Pages.PAGE_SIZE;
        if (size % chunk != 0) {
            throw s.error("size", "'" + s.scalarText("size") + "' is not a whole number of " + Units.format(chunk)
                    + " chunks");
        }
        String tag = newTag(s, "an allocate step needs kind, size and tag");
        int node = node(s);
        boolean report = s.has("report") && s.bool("report");
        return new Script.Allocate(s.where(), kind, Pages.bytesToPages(size),
                Long.numberOfTrailingZeros(Pages.bytesToPages(chunk)), tag, node, report);
    }

    private long chunkBytes(ScriptObject s) {
        long chunk = s.pagesBytes("chunk", true);
        long pages = Pages.bytesToPages(chunk);
        if (Long.bitCount(pages) != 1) {
            throw s.error("chunk", "'" + s.scalarText("chunk") + "' is not a power-of-two number of 4 KiB pages");
        }
        if (chunk > MAX_CHUNK_BYTES) {
            throw s.error("chunk", "'" + s.scalarText("chunk") + "' is larger than the largest buddy block (4MiB)");
        }
        return chunk;
    }

    private Script.Step free(ScriptObject s) {
        s.allowOnly(List.of("step", "tag", "every", "fraction", "report"), "a free step");
        String tag = knownTag(s, "a free step needs the tag to free");
        boolean report = s.has("report") && s.bool("report");
        if (s.has("every") && s.has("fraction")) {
            throw s.error("fraction", "give either every or fraction, not both");
        }
        if (s.has("every")) {
            int every = (int) s.integer("every", 1, Integer.MAX_VALUE);
            return new Script.Free(s.where(), tag, Script.FreeMode.EVERY, every, 0, report);
        }
        if (s.has("fraction")) {
            double f = s.fraction("fraction");
            return new Script.Free(s.where(), tag, Script.FreeMode.FRACTION, 0, f, report);
        }
        return new Script.Free(s.where(), tag, Script.FreeMode.ALL, 0, 0, report);
    }

    private Script.Step pin(ScriptObject s, boolean pin) {
        s.allowOnly(List.of("step", "tag", "report"), pin ? "a pin step" : "an unpin step");
        String tag = knownTag(s, "a " + (pin ? "pin" : "unpin") + " step needs the tag to " + (pin ? "pin" : "unpin"));
        return new Script.Pin(s.where(), tag, pin, s.has("report") && s.bool("report"));
    }

    private Script.Step hugepages(ScriptObject s) {
        s.allowOnly(List.of("step", "size", "max", "keep"), "a hugepages step");
        long size = s.has("size") ? s.hugePageBytes("size") : 2L << 20;
        long max = s.has("max") ? s.integer("max", 0, Integer.MAX_VALUE) : -1;
        boolean keep = s.has("keep") && s.bool("keep");
        return new Script.Hugepages(s.where(), size, max, keep);
    }

    private Script.Step advance(ScriptObject s, Script.StepType type) {
        s.allowOnly(List.of("step", "duration", "workload"), "an " + type.label() + " step");
        if (!s.has("duration")) {
            throw s.missing("duration", "an " + type.label() + " step needs a duration");
        }
        long nanos = s.duration("duration");
        Preset workload = null;
        if (s.has("workload")) {
            String w = s.string("workload");
            workload = Preset.named(w).orElseThrow(() -> s.error("workload", "'" + w + "' is not a workload (allowed: "
                    + String.join(", ", Preset.names()) + ")"));
        }
        return new Script.Advance(s.where(), nanos, workload);
    }

    private Script.Step print(ScriptObject s) {
        s.allowOnly(List.of("step", "what"), "a print step");
        if (!s.has("what")) {
            throw s.missing("what", "a print step needs what to print (" + String.join(", ", Script.Output.names())
                    + ")");
        }
        String what = s.string("what");
        return new Script.Print(s.where(), Script.Output.named(what).orElseThrow(() -> s.error("what", "'" + what
                + "' cannot be printed (allowed: " + String.join(", ", Script.Output.names()) + ")")));
    }

    private Script.Step contig(ScriptObject s) {
        s.allowOnly(List.of("step", "kind", "size", "tag", "node"), "a contig step");
        Script.Kind kind = s.has("kind") ? kind(s, Script.Kind.PINNED, null) : Script.Kind.UNMOVABLE;
        long size = s.pagesBytes("size", true);
        String tag = newTag(s, "a contig step needs size and tag");
        return new Script.Contig(s.where(), kind, Pages.bytesToPages(size), tag, node(s));
    }

    private Script.Step repeat(ScriptObject s) {
        s.allowOnly(List.of("step", "times", "steps"), "a repeat step");
        if (!s.has("times")) {
            throw s.missing("times", "a repeat step needs times and steps");
        }
        int times = (int) s.integer("times", 0, Integer.MAX_VALUE);
        Set<String> before = new LinkedHashSet<>(tags);
        List<Script.Step> body = steps(s.list("steps"), s.child("steps"));
        if (times == 0) {
            tags = before;
        }
        return new Script.Repeat(s.where(), times, body);
    }

    private Script.Kind kind(ScriptObject s, Script.Kind excluded, String missingHint) {
        if (!s.has("kind")) {
            throw s.missing("kind", missingHint);
        }
        String label = s.string("kind");
        Script.Kind k = Script.Kind.fromLabel(label);
        List<String> allowed = new ArrayList<>();
        for (Script.Kind c : Script.Kind.values()) {
            if (c != excluded) {
                allowed.add(c.label());
            }
        }
        if (k == null || k == excluded) {
            throw s.error("kind", "'" + label + "' is not a kind" + (k != null ? " here" : "") + " (allowed: "
                    + String.join(", ", allowed) + ")");
        }
        return k;
    }

    private String newTag(ScriptObject s, String missingHint) {
        if (!s.has("tag")) {
            throw s.missing("tag", missingHint);
        }
        String tag = s.string("tag");
        if (!tag.matches(TAG_CHARS)) {
            throw s.error("tag", "'" + tag + "' is not a tag (letters, digits and _ . : - only)");
        }
        tags.add(tag);
        return tag;
    }

    private String knownTag(ScriptObject s, String missingHint) {
        if (!s.has("tag")) {
            throw s.missing("tag", missingHint);
        }
        String tag = s.string("tag");
        if (!tags.contains(tag)) {
            throw s.error("tag", "no earlier allocate or contig step has tag '" + tag + "' (known: "
                    + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ")");
        }
        return tag;
    }

    private int node(ScriptObject s) {
        return s.has("node") ? (int) s.integer("node", 0, nodes - 1) : 0;
    }
}
