package org.contigsim.workload;

import org.contigsim.base.Rng;

/**
 * Background memory demand on one host over simulated time. {@link #run} is called with
 * consecutive, non-overlapping intervals; all randomness comes from the host's own {@link Rng}.
 */
public interface MemoryWorkload {
    /** Performs the workload's operations for simulated time [fromNanos, toNanos). */
    void run(HostMemory host, Rng rng, long fromNanos, long toNanos);
}
