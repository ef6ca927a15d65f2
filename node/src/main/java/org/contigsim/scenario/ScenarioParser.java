package org.contigsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.workload.Units;
import org.contigsim.workload.Workloads;

/**
 * Reads a scenario file (HOCON) and checks all of it before returning: every key known, every
 * value of the right type and range, the values consistent with each other, the host bootable.
 * Keys the file leaves out take the defaults below, which are checked like written values. The
 * first problem becomes a {@link ScenarioException}, {@code FILE:LINE: key.path: what is wrong}.
 * docs/scenarios.md is the user's reference for the same rules.
 */
public final class ScenarioParser {
    /** Ways of obtaining a job's contiguous buffers that the simulator implements. */
    public static final List<String> POLICIES = List.of("contig-range", "buddy", "compaction");
    public static final List<String> CONTIGUITY = List.of("strict", "preferred");
    /** Placement policies of the coordinator (org.contigsim.coordinator.Placement). */
    public static final List<String> PLACEMENTS = List.of("first-fit", "best-contiguity", "fragmentation-aware");
    public static final int MAX_HOSTS = 100_000;
    /** HostConfig refuses less: DMA alone is 16 MiB. */
    public static final long MIN_MEMORY_BYTES = 2 * HostConfig.DMA_BYTES;
    public static final long MAX_RUN_NANOS = Units.nanos("365d");
    public static final double MAX_ARRIVALS_PER_HOUR = 1e6;

    static final List<String> TOP_KEYS = List.of("name", "hosts", "host", "background", "warmup", "duration",
            "epoch", "jobs");
    static final List<String> HOST_KEYS = List.of("memory", "nodes", "kernel", "nic");
    static final List<String> JOB_KEYS = List.of("arrivals-per-hour", "hosts-per-job", "buffer", "message",
            "pattern", "bytes", "max-wait", "policy", "placement", "min-chunk", "contiguity");
    static final List<String> PATTERNS = List.of("random", "perftest");

    private final Path file;

    private ScenarioParser(Path file) {
        this.file = file;
    }

    /** Parses and validates {@code file}; a {@link ScenarioException} names the first problem. */
    public static Scenario parse(Path file) {
        return new ScenarioParser(file).parse();
    }

    private Scenario parse() {
        Section top = Section.root(HoconReader.read(file), file.toString());
        top.allowOnly(TOP_KEYS);
        String name = name(top);
        int hosts = (int) top.required("hosts", "a whole number", "the number of simulated hosts")
                .whole(1, MAX_HOSTS);
        HostSpec host = host(top.section("host"));
        String background = top.field("background", "a workload name", "fragmenting")
                .oneOf(Workloads.NAMES, "a background workload");
        long warmup = runTime(top.field("warmup", "a duration", "0"), 0, "0");
        long duration = runTime(top.required("duration", "a duration", "simulated time of the run after warm-up"),
                1, "1ns");
        long epoch = epoch(top.field("epoch", "a duration", "1m"), duration);
        JobSpec jobs = jobs(top.section("jobs"), hosts, host.memoryBytes());
        return new Scenario(name, hosts, host, background, warmup, duration, epoch, jobs);
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

    private HostSpec host(Section h) {
        h.allowOnly(HOST_KEYS);
        Field memoryField = h.field("memory", "a size", "64GiB");
        long memory = memoryField.bytes();
        if (memory < MIN_MEMORY_BYTES || memory > HostConfig.MAX_MEMORY_BYTES) {
            throw memoryField.outOfRange(Units.format(MIN_MEMORY_BYTES), Units.format(HostConfig.MAX_MEMORY_BYTES));
        }
        if (memory % Pages.PAGE_SIZE != 0) {
            throw memoryField.error(memoryField.shown() + " is not a whole number of 4KiB pages");
        }
        int nodes = (int) h.field("nodes", "a whole number", "1").whole(1, 64);
        List<String> kernels = new ArrayList<>();
        for (KernelVersion v : KernelVersion.values()) {
            kernels.add(v.label());
        }
        String kernel = h.field("kernel", "a kernel version", KernelVersion.V6_15.label())
                .oneOf(kernels, "a modelled kernel");
        String nic = h.field("nic", "a NIC profile name", DeviceProfile.DEFAULT)
                .oneOf(DeviceProfile.names(), "a NIC profile");
        try {
            // the zone layout has its own limits (at least 64 MiB per node): fail here, not at boot
            ZoneLayout.of(HostConfig.builder(memory).nodes(nodes).kernel(KernelVersion.fromLabel(kernel)).build());
        } catch (IllegalArgumentException e) {
            throw memoryField.error(memoryField.shown() + " on " + nodes + (nodes == 1 ? " node" : " nodes")
                    + " does not boot: " + e.getMessage());
        }
        return new HostSpec(memory, nodes, kernel, nic);
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
        AccessPattern pattern = AccessPattern.valueOf(j.field("pattern", "an access pattern", "random")
                .oneOf(PATTERNS, "an access pattern").toUpperCase(Locale.ROOT));
        Field bytesField = j.field("bytes", "a size", "1TiB");
        long bytes = bytesField.bytes();
        if (bytes < 1) {
            throw bytesField.error(bytesField.shown() + " is out of range (at least 1B)");
        }
        long maxWait = j.field("max-wait", "a duration", "10m").nanos();
        String policy = j.field("policy", "a buffer policy", POLICIES.get(0)).oneOf(POLICIES, "a buffer policy");
        String placement = j.field("placement", "a placement policy", PLACEMENTS.get(0))
                .oneOf(PLACEMENTS, "a placement policy");
        Field chunkField = j.field("min-chunk", "a size", Units.format(buffer));
        long minChunk = chunkField.bytes();
        if (minChunk < Pages.PAGE_SIZE || minChunk % Pages.PAGE_SIZE != 0) {
            throw chunkField.error(chunkField.shown() + " is not a whole number of 4KiB pages");
        }
        if (minChunk > buffer) {
            throw chunkField.error(chunkField.shown() + " is larger than jobs.buffer (" + Units.format(buffer) + ")");
        }
        String contiguity = j.field("contiguity", "strict or preferred", CONTIGUITY.get(0))
                .oneOf(CONTIGUITY, "a contiguity requirement");
        return new JobSpec(arrivals, hostsPerJob, buffer, message, pattern, bytes, maxWait, policy, placement,
                minChunk, contiguity);
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
