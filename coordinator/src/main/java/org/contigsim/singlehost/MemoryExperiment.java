package org.contigsim.singlehost;

import org.contigsim.memory.PhysicalMemory;
import org.contigsim.runtime.Progress;
import org.contigsim.workload.MemoryWorkload;

/**
 * {@code contigsim memory}'s work once its flags are read: a booted (or imported) host aged under
 * a background workload and printed. One host, no cluster, no actors.
 */
public final class MemoryExperiment {
    /**
     * How the host ages: {@code workload} (named {@code workloadName} in JSON output) from boot to
     * {@code uptimeNanos} on host 0's random stream of run {@code seed}.
     */
    public record Aging(String workloadName, MemoryWorkload workload, long seed, long uptimeNanos) {
    }

    private MemoryExperiment() {
    }

    /** Ages {@code mem} and returns it in {@code format}; {@code importedFrom} is the dump it booted from, or null. */
    public static String ageAndPrint(PhysicalMemory mem, Aging aging, ProcFormat format, String importedFrom,
            Progress progress) {
        HostAging.run(mem, aging.workload(), aging.seed(), aging.uptimeNanos(), progress);
        return format.render(mem, new MemoryJson.RunInfo(aging.seed(), aging.workloadName(), aging.uptimeNanos(),
                importedFrom));
    }
}
