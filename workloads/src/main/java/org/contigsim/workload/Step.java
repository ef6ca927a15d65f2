package org.contigsim.workload;

import org.contigsim.base.Rng;

/**
 * One step of a {@link Background}: the simulated interval {@code [startNanos, endNanos)} (a second,
 * or the part of one that a call to {@link MemoryWorkload#run} covers), the host and its stream.
 *
 * @param totalPages the host's memory, the base of every share
 */
public record Step(HostMemory host, Rng rng, long totalPages, long startNanos, long endNanos) {
    static final long SECOND = 1_000_000_000L;
    static final double HOUR = 3600.0;

    /** The step's length in seconds: rates per second and per hour are scaled by it. */
    public double seconds() {
        return (endNanos - startNanos) / (double) SECOND;
    }
}
