package org.contigsim.coordinator;

import org.contigsim.nic.Limit;
import org.contigsim.nic.RegionLayout;

/**
 * One RDMA job as the coordinator tracks it: it arrives, waits for hosts that can give it a
 * contiguous buffer each, runs for as long as its bytes take at the throughput the NIC model
 * gives its buffers (or for its fixed duration), and releases them.
 */
final class Job {
    enum State { WAITING, ALLOCATING, RUNNING, DONE, FAILED }

    final long id;
    final long arrivalNanos;
    /** This job's own data to move or time to run (from a trace), 0 for the scenario's. */
    final long bytes;
    final long durationNanos;
    State state = State.WAITING;
    /** Hosts of the current attempt, in ring order. */
    int[] hosts = new int[0];
    RegionLayout[] layouts = new RegionLayout[0];
    /** Each host's smallest physically contiguous chunk, in the same order. */
    long[] minChunks = new long[0];
    /** Per host (as {@link #hosts}): physically contiguous chunks of its buffer. */
    int[] chunks = new int[0];
    /** Whether every buffer the job ran on met min-chunk (false: it ran on a fallback). */
    boolean contiguous;
    int attempts;
    /** No attempt before this: the backoff after a failed attempt (jobs.retry). */
    long notBeforeNanos;
    long startNanos = -1;
    long endNanos = -1;
    double mibPerSecond;
    Limit bound;

    Job(long id, JobArrivals.Arrival arrival) {
        this.id = id;
        this.arrivalNanos = arrival.atNanos();
        this.bytes = arrival.bytes();
        this.durationNanos = arrival.durationNanos();
    }

    long waitNanos() {
        return startNanos - arrivalNanos;
    }
}
