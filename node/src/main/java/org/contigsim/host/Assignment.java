package org.contigsim.host;

/**
 * Work the coordinator gives a host for an epoch, applied at its exact simulated time. Within an
 * epoch a host applies assignments in {@link #ORDER}: by time, then releases before allocations
 * (memory freed at an instant is available to an allocation at the same instant), then by job id,
 * whatever order they arrived in.
 */
public sealed interface Assignment permits Assignment.Allocate, Assignment.Release {
    long atNanos();

    long jobId();

    /** An RDMA buffer of {@code bytes}, physically contiguous, registered with the host's NIC. */
    record Allocate(long atNanos, long jobId, long bytes) implements Assignment {
    }

    /** Deregisters and frees the job's buffer. */
    record Release(long atNanos, long jobId) implements Assignment {
    }

    java.util.Comparator<Assignment> ORDER = java.util.Comparator.comparingLong(Assignment::atNanos)
            .thenComparingInt(a -> a instanceof Release ? 0 : 1)
            .thenComparingLong(Assignment::jobId);
}
