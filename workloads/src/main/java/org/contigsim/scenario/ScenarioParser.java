// Over 400 lines: one short method per section of a scenario file, each holding the rules docs/scenarios.md states.
package org.contigsim.scenario;

import com.typesafe.config.ConfigObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.base.Units;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;
import org.contigsim.hocon.Section;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.nic.AccessPattern;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.procfs.HostImport;
import org.contigsim.procfs.ProcDump;
import org.contigsim.procfs.ProcParseException;

/**
 * Reads a scenario file (HOCON) and checks all of it before returning: every key known, every
 * value of the right type and range, the values consistent with each other, the host bootable.
 * Keys the file leaves out take the defaults below, which are checked like written values. The
 * first problem becomes a {@link InputException}, {@code FILE:LINE: key.path: what is wrong}.
 * docs/scenarios.md is the user's reference for the same rules.
 */
public final class ScenarioParser {
    public static final int MAX_HOSTS = 100_000;
    public static final long MAX_RUN_NANOS = Units.nanos("365d");
    public static final double MAX_ARRIVALS_PER_HOUR = 1e6;

    static final List<String> TOP_KEYS = List.of("name", "hosts", "host", "background", "warmup", "duration",
            "epoch", "jobs", "policies", "classes");
    static final List<String> JOB_KEYS = List.of("arrivals-per-hour", "hosts-per-job", "buffer", "message",
            "pattern", "bytes", "max-wait", "policy", "placement", "min-chunk", "contiguity",
            "arrivals", "retry", "duration");
    static final List<String> RETRY_KEYS = List.of("max-attempts", "backoff", "backoff-factor");
    static final List<String> CLASS_KEYS = List.of("count", "host", "background", "import");
    /** The policies with settings of their own, each a section of {@code policies}. */
    static final List<String> POLICY_SECTIONS = List.of(BufferPolicy.Kind.COMPACTION.label(),
            BufferPolicy.Kind.HUGETLB_BOOT.label(), BufferPolicy.Kind.PROTECT_ORDERS.label(),
            BufferPolicy.Kind.MOVABLE_ZONE.label());
    /** hugetlb page sizes: 2 MiB (PMD) up to 16 GiB (the largest gigantic size any architecture has). */
    static final long MIN_HUGE_PAGE = 2L << 20;
    static final long MAX_HUGE_PAGE = 16L << 30;

    private final Path file;

    private ScenarioParser(Path file) {
        this.file = file;
    }

    /** Parses and validates {@code file}; a {@link InputException} names the first problem. */
    public static Scenario parse(Path file) {
        return new ScenarioParser(file).parse(HoconReader.read(file));
    }

    /** Validates {@code root}, read from {@code file}: a run plan's base scenario or one of its variants. */
    static Scenario parse(Path file, ConfigObject root) {
        return new ScenarioParser(file).parse(root);
    }

    private Scenario parse(ConfigObject root) {
        Section top = Section.root(root, file.toString());
        top.allowOnly(TOP_KEYS);
        String name = name(top);
        int hosts = (int) top.required("hosts", "a whole number", "the number of simulated hosts")
                .whole(1, MAX_HOSTS);
        HostSpec host = host(top.section("host"), null);
        String background = BackgroundParser.parse(top, "background");
        long warmup = runTime(top.field("warmup", "a duration", "0"), 0, "0");
        long duration = runTime(top.required("duration", "a duration", "simulated time of the run after warm-up"),
                1, "1ns");
        long epoch = epoch(top.field("epoch", "a duration", "1m"), duration);
        List<HostClass> classes = classes(top, hosts, host, background);
        long smallest = host.memoryBytes();
        for (HostClass c : classes) {
            smallest = Math.min(smallest, c.host().memoryBytes());
        }
        JobSpec jobs = jobs(top.section("jobs"), hosts, smallest);
        PolicySettings policies = policies(top.section("policies"));
        Scenario scenario = new Scenario(name, hosts, host, background, warmup, duration, epoch, jobs, policies, classes);
        checkPolicy(top, scenario);
        return scenario;
    }

    /**
     * {@code classes { NAME { count, host {...}, background, import {...} } }}: keys a class
     * leaves out take the top-level values.
     */
    private List<HostClass> classes(Section top, int hosts, HostSpec host, String background) {
        Section all = top.section("classes");
        List<HostClass> classes = new ArrayList<>();
        int taken = 0;
        for (String name : all.keys()) {
            Section c = all.section(name);
            c.allowOnly(CLASS_KEYS);
            if (name.equals(HostClass.DEFAULT)) {
                throw c.field("count", "a whole number", "0").error("'" + HostClass.DEFAULT
                        + "' names the hosts of the top-level host block; give this class another name");
            }
            HostSpec spec = host(c.section("host"), host);
            Path dir = file.toAbsolutePath().getParent();
            HostClass.Fleet fleet = ImportBlock.readFleet(c.section("import"), dir, spec);
            Field countField = fleet == null ? c.required("count", "a whole number", "hosts of this class")
                    : c.field("count", "a whole number", Integer.toString(fleet.dumps().size()));
            int count = (int) countField.whole(1, MAX_HOSTS);
            if (fleet != null && count != fleet.dumps().size()) {
                throw countField.error(countField.shown() + " hosts, but import.dir holds " + fleet.dumps().size()
                        + " dumps (one host each; leave count out to take them all)");
            }
            taken += count;
            if (taken > hosts) {
                throw countField.error("classes hold " + taken + " hosts, more than hosts (" + hosts + ")");
            }
            String bg = c.has("background") ? BackgroundParser.parse(c, "background") : background;
            ProcDump start = fleet == null ? ImportBlock.read(c.section("import"), dir, spec) : null;
            classes.add(new HostClass(name, count, spec, bg, start, fleet));
        }
        return classes;
    }

    /** A file named in the scenario: relative to the scenario file's directory. */
    private Path relative(Field f) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(f.text()) : dir.resolve(f.text()).normalize();
    }

    private static PolicySettings policies(Section p) {
        p.allowOnly(POLICY_SECTIONS);
        PolicySettings d = PolicySettings.DEFAULTS;
        Section compaction = p.section(BufferPolicy.Kind.COMPACTION.label());
        compaction.allowOnly(List.of("proactiveness"));
        int proactiveness = (int) compaction.field("proactiveness", "a whole number",
                Integer.toString(d.proactiveness())).whole(0, 100);
        Section huge = p.section(BufferPolicy.Kind.HUGETLB_BOOT.label());
        huge.allowOnly(List.of("page-size", "reserve"));
        Field pageField = huge.field("page-size", "a size", Units.format(d.hugePageBytes()));
        long page = pageField.bytes();
        if (Long.bitCount(page) != 1 || page < MIN_HUGE_PAGE || page > MAX_HUGE_PAGE) {
            throw pageField.error(pageField.shown() + " is not a hugetlb page size (a power of two from 2MiB to 16GiB)");
        }
        MemoryShare reserve = share(huge.field("reserve", "a size or a percentage", d.hugetlbReserve().text()));
        Section protect = p.section(BufferPolicy.Kind.PROTECT_ORDERS.label());
        List<String> orderKeys = new ArrayList<>();
        for (int o = 0; o < Pages.NR_ORDERS; o++) {
            orderKeys.add("order-" + o);
        }
        protect.allowOnly(orderKeys);
        long[] orders = new long[Pages.NR_ORDERS];
        for (int o = 0; o < Pages.NR_ORDERS; o++) {
            orders[o] = protect.field("order-" + o, "a whole number", Long.toString(d.protectOrders()[o]))
                    .whole(0, 1L << 30);
        }
        Section movableSection = p.section(BufferPolicy.Kind.MOVABLE_ZONE.label());
        movableSection.allowOnly(List.of("size"));
        MemoryShare movable = share(movableSection.field("size", "a size or a percentage", d.movable().text()));
        return new PolicySettings(proactiveness, page, reserve, orders, movable);
    }

    /** A size ({@code 16GiB}) or a share of the host's memory ({@code 25%}, 0 to 100). */
    private static MemoryShare share(Field f) {
        String t = f.text().strip();
        if (t.endsWith("%")) {
            double pct;
            try {
                pct = Double.parseDouble(t.substring(0, t.length() - 1).strip());
            } catch (NumberFormatException e) {
                throw f.error("expected a size or a percentage of host memory, found " + f.quoted());
            }
            if (!(pct >= 0 && pct <= 100)) {
                throw f.outOfRange("0%", "100%");
            }
            return MemoryShare.percent(pct);
        }
        return MemoryShare.bytes(f.bytes());
    }

    /**
     * The selected policy's settings against every class of host: a boot that would fail, or a
     * pool that could never hold one buffer, is an error in the scenario.
     */
    private static void checkPolicy(Section top, Scenario s) {
        BufferPolicy.Kind policy = s.jobs().policy();
        Section p = top.section("policies");
        long buffer = s.jobs().bufferBytes();
        for (HostClass c : s.fleet()) {
            long memory = c.host().memoryBytes();
            BufferPolicy b = s.policies().resolve(policy, memory);
            String on = " on " + Units.format(memory) + " hosts" + (c.name().equals(HostClass.DEFAULT) ? ""
                    : " (class " + c.name() + ")");
            if (b instanceof BufferPolicy.HugetlbBoot h) {
                Field reserve = p.section(policy.label()).field("reserve", "a size or a percentage",
                        s.policies().hugetlbReserve().text());
                long reserved = (long) h.pages() * h.pageBytes();
                long needed = h.need(buffer);
                if (reserved < needed) {
                    throw reserve.error(reserve.shown() + on + " is " + h.pages() + " pages of "
                            + Units.format(h.pageBytes()) + ", less than one jobs.buffer ("
                            + Units.format(buffer) + ") needs");
                }
                if (reserved > memory / 2) {
                    throw reserve.error(reserve.shown() + on + " is more than half of host memory");
                }
                bootable(reserve, b, c.host(), on);
            }
            if (b instanceof BufferPolicy.MovableZone m) {
                Field size = p.section(policy.label()).field("size", "a size or a percentage",
                        s.policies().movable().text());
                if (m.bytes() >= memory / 2) {
                    throw size.error(size.shown() + on + " is not less than half of host memory");
                }
                bootable(size, b, c.host(), on);
            }
        }
    }

    /** The zone layout (and gigantic pages' place in it) of a host with the policy's boot settings. */
    private static void bootable(Field setting, BufferPolicy b, HostSpec host, String on) {
        try {
            ZoneLayout.of(b.configure(host.builder()).build());
        } catch (IllegalArgumentException e) {
            throw setting.error(setting.shown() + on + " does not boot: " + e.getMessage());
        }
    }

    private String name(Section top) {
        if (!top.has("name")) {
            String base = file.getFileName().toString();
            return base.endsWith(".conf") ? base.substring(0, base.length() - ".conf".length()) : base;
        }
        Field f = top.field("name", "a name", null);
        // reports and file names print it on one line
        if (f.text().isEmpty() || f.text().chars().anyMatch(Character::isISOControl)) {
            throw f.error("expected a name on one line, found " + f.quoted());
        }
        return f.text();
    }

    /** A host block; keys it leaves out take {@code inherit}'s values, or the defaults when null. */
    private static HostSpec host(Section h, HostSpec inherit) {
        return HostBlock.read(h, inherit == null ? HostSpec.DEFAULT : inherit, HostBlock.Use.SCENARIO);
    }

    /** A warm-up or run length: {@code min} ns to 365 days. */
    private static long runTime(Field f, long min, String minText) {
        long nanos = f.nanos();
        if (nanos < min || nanos > MAX_RUN_NANOS) {
            throw f.outOfRange(minText, DurationText.format(MAX_RUN_NANOS));
        }
        return nanos;
    }

    private static long epoch(Field f, long duration) {
        long nanos = f.nanos();
        if (nanos < 1) {
            throw f.outOfRange("1ns", DurationText.format(duration));
        }
        if (nanos > duration) {
            throw f.error(f.shown() + " is longer than duration (" + DurationText.format(duration) + ")");
        }
        return nanos;
    }

    private static JobSpec jobs(Section j, int hosts, long memory) {
        j.allowOnly(JOB_KEYS);
        double arrivals = j.field("arrivals-per-hour", "a number", "60").decimal(0, MAX_ARRIVALS_PER_HOUR);
        Field perJob = j.field("hosts-per-job", "a whole number", "2");
        int hostsPerJob = (int) perJob.whole(1, MAX_HOSTS);
        if (hostsPerJob > hosts) {
            throw perJob.error(perJob.shown() + " is more than hosts (" + hosts + ")");
        }
        long buffer = buffer(j.field("buffer", "a size", "1GiB"), memory);
        Field messageField = j.field("message", "a size", "1MiB");
        long message = messageField.bytes();
        if (message < 1) {
            throw messageField.outOfRange("1B", Units.format(buffer));
        }
        if (message > buffer) {
            throw messageField.error(messageField.shown() + " is larger than jobs.buffer (" + Units.format(buffer) + ")");
        }
        AccessPattern pattern = j.field("pattern", "an access pattern", AccessPattern.RANDOM.label())
                .oneOf(AccessPattern.values(), "an access pattern");
        Field bytesField = j.field("bytes", "a size", "1TiB");
        long duration = jobDuration(j);
        long bytes = duration > 0 ? 0 : bytesField.bytes();
        if (bytes < 1 && duration == 0) {
            throw bytesField.error(bytesField.shown() + " is out of range (at least 1B)");
        }
        long maxWait = j.field("max-wait", "a duration", "10m").nanos();
        BufferPolicy.Kind policy = j.field("policy", "a buffer policy", BufferPolicy.Kind.CONTIG_RANGE.label())
                .oneOf(BufferPolicy.Kind.values(), "a buffer policy");
        PlacementPolicy placement = PlacementParser.parse(j);
        Field chunkField = j.field("min-chunk", "a size", Units.format(buffer));
        long minChunk = chunkField.bytes();
        if (minChunk < Pages.PAGE_SIZE || minChunk % Pages.PAGE_SIZE != 0) {
            throw chunkField.error(chunkField.shown() + " is not a whole number of 4KiB pages");
        }
        if (minChunk > buffer) {
            throw chunkField.error(chunkField.shown() + " is larger than jobs.buffer (" + Units.format(buffer) + ")");
        }
        Contiguity contiguity = j.field("contiguity", String.join(" or ", Contiguity.names()),
                Contiguity.STRICT.label()).oneOf(Contiguity.values(), "a contiguity requirement");
        ArrivalSpec process = ArrivalsParser.parse(j);
        return new JobSpec(process instanceof ArrivalSpec.Trace ? 0 : arrivals, hostsPerJob, buffer, message, pattern,
                bytes, maxWait, policy, placement, minChunk, contiguity, process, retry(j.section("retry")), duration);
    }

    /** jobs.duration, or 0 when jobs are bounded by jobs.bytes; giving both is an error. */
    private static long jobDuration(Section j) {
        if (!j.has("duration")) {
            return 0;
        }
        Field f = j.field("duration", "a duration", null);
        if (j.has("bytes")) {
            throw f.error("jobs.bytes is given too: a job moves jobs.bytes or runs for jobs.duration, not both");
        }
        return runTime(f, 1, "1ns");
    }

    private static RetrySpec retry(Section r) {
        r.allowOnly(RETRY_KEYS);
        int maxAttempts = (int) r.field("max-attempts", "a whole number", "0").whole(0, 1_000_000);
        long backoff = runTime(r.field("backoff", "a duration", "0s"), 0, "0");
        double factor = r.field("backoff-factor", "a number", "1").decimal(1, 1000);
        return new RetrySpec(maxAttempts, backoff, factor);
    }

    private static long buffer(Field f, long memory) {
        long buffer = f.bytes();
        if (buffer < Pages.PAGE_SIZE) {
            throw f.error(f.shown() + " is smaller than one 4KiB page");
        }
        if (buffer % Pages.PAGE_SIZE != 0) {
            throw f.error(f.shown() + " is not a whole number of 4KiB pages");
        }
        if (buffer > memory) {
            throw f.error(f.shown() + " is larger than host.memory (" + Units.format(memory) + ")");
        }
        return buffer;
    }
}
