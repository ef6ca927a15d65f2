package org.contigsim.scenario;

import java.util.Objects;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.nic.AccessPattern;
import org.contigsim.placement.PlacementPolicy;

/**
 * The jobs of a scenario: each arrives, needs a contiguous, registered buffer on several hosts at
 * once, streams data between them and leaves.
 *
 * @param arrivalsPerHour mean job arrivals per simulated hour, 0..1e6: the Poisson rate, the diurnal
 *     mean, the bursty calm rate; 0 for a trace
 * @param hostsPerJob hosts each job runs on at once, 1..the scenario's hosts
 * @param bufferBytes contiguous buffer each job needs on each of its hosts, in bytes: a whole number
 *     of 4 KiB pages, at most the host's memory
 * @param messageBytes size of one message, in bytes, 1..bufferBytes
 * @param pattern where successive messages fall in the buffer
 * @param bytesPerJob data each job moves before it finishes, in bytes; 0 when jobs run for durationNanos
 * @param maxWaitNanos simulated nanoseconds a job may wait for its buffers; a strict job waiting
 *     longer fails
 * @param policy how hosts obtain the contiguous buffers (its settings are the scenario's {@link PolicySettings})
 * @param placement how the coordinator picks a job's hosts: a named placement or one spelled out
 * @param minChunkBytes the smallest physically contiguous chunk a buffer may have and still count
 *     as contiguous, in bytes: a whole number of pages, at most the buffer (the default: the whole
 *     buffer in one piece)
 * @param contiguity strict: a job runs only on buffers whose chunks all reach minChunkBytes
 *     (otherwise it gives them back and waits); preferred: it runs on whatever it got, at the
 *     throughput the NIC model gives for those buffers
 * @param arrivals the process by which jobs arrive
 * @param retry when a job whose attempt failed tries again, and how often it may
 * @param durationNanos how long each job holds its buffers, moving data at its throughput all the
 *     while; 0 when jobs move bytesPerJob instead (exactly one of the two is set)
 */
public record JobSpec(double arrivalsPerHour, int hostsPerJob, long bufferBytes, long messageBytes,
        AccessPattern pattern, long bytesPerJob, long maxWaitNanos, BufferPolicy.Kind policy,
        PlacementPolicy placement, long minChunkBytes, Contiguity contiguity, ArrivalSpec arrivals, RetrySpec retry,
        long durationNanos) {

    public JobSpec {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(contiguity, "contiguity");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(retry, "retry");
    }

    /** Poisson arrivals, a retry every epoch and jobs bounded by bytes: the jobs before those could be chosen. */
    public JobSpec(double arrivalsPerHour, int hostsPerJob, long bufferBytes, long messageBytes, AccessPattern pattern,
            long bytesPerJob, long maxWaitNanos, BufferPolicy.Kind policy, PlacementPolicy placement,
            long minChunkBytes, Contiguity contiguity) {
        this(arrivalsPerHour, hostsPerJob, bufferBytes, messageBytes, pattern, bytesPerJob, maxWaitNanos, policy,
                placement, minChunkBytes, contiguity, new ArrivalSpec.Poisson(), RetrySpec.EVERY_EPOCH, 0);
    }
}
