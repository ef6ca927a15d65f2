package org.contigsim.workload;

/**
 * The {@code fragmenting} preset: a busy server's background demand, the pattern that fragments
 * real fleets. File reads keep the page cache full, so free memory sits at the watermarks and
 * kswapd evicts continuously; a resident set of anonymous memory churns as processes come and
 * go; network buffers and slab churn unmovable memory; and a trickle of unmovable kernel
 * allocations is never freed. Under that pressure unmovable requests find their own pageblocks
 * full and fall back into movable ones, which is what leaves no free 2 MiB block behind.
 *
 * <p>It is a {@link Background} of four components with their defaults; docs/scenarios.md
 * ("Background workloads") gives the rates and why.
 */
public final class FragmentingWorkload {
    private FragmentingWorkload() {
    }

    /**
     * A busy host: 64 MiB/s of file reads into the page cache; 40% of memory anonymous, 20% of
     * faults THP-eligible, half of it replaced per hour; 2% in slab replaced once an hour; 1% in
     * network buffers replaced 30 times an hour; 0.1% of memory per hour of unmovable memory
     * that is never freed.
     */
    public static Background defaults() {
        return new Background(AnonMemory.DEFAULTS, KernelMemory.DEFAULTS, NetBuffers.DEFAULTS, PageCache.DEFAULTS,
                null, null, null);
    }
}
