package org.contigsim.coordinator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.SortedMap;

/**
 * What a run found, as {@code results.json} holds it: made once from the finished simulation
 * ({@link RunResults#summary}), written as it is (components in declaration order, names in
 * snake case: {@link ResultsJson}), and read by sweeps, comparisons and capacity searches.
 * Percentiles, means and sums are rounded to 6 decimals as written.
 *
 * @param simulatedSeconds simulated time at the end, warm-up included
 * @param figures the main figures, written at the top level beside the rest
 * @param simulation the run's size as work
 * @param hostsFinal each host's memory at the end, by host id
 */
public record RunSummary(String scenario, long seed, int hosts, String policy, String placement,
        double simulatedSeconds, int epochsExecuted, @JsonUnwrapped Figures figures, Work simulation,
        List<HostFinal> hostsFinal) {

    public RunSummary {
        hostsFinal = List.copyOf(hostsFinal);
    }

    /** The figures that tell variants apart: the jobs' fate, waits, throughput, fragmentation, compaction. */
    public record Figures(Jobs jobs, Waits waitSeconds, Throughput throughputMibS, Fragmentation fragmentation,
            Compaction compaction) {
    }

    /**
     * What became of the jobs.
     *
     * @param started jobs that got their buffers (whatever became of them after)
     * @param contiguous completed on buffers that met min-chunk; {@code fallback} completed on the others
     * @param waitingAtEnd waiting for buffers at the end, or with an allocation in flight
     * @param placementAttempts times a job was given hosts, over every job
     * @param bufferAllocationFailures buffers a host could not allocate, and strict jobs given
     *     buffers not contiguous enough
     * @param boundBy started jobs by what limits their throughput (Limit label to count)
     */
    public record Jobs(int submitted, int started, int completed, int contiguous, int fallback, int runningAtEnd,
            int waitingAtEnd, int failed, int placementAttempts, int bufferAllocationFailures,
            SortedMap<String, Integer> boundBy) {
    }

    /** How long the started jobs waited for their buffers, in seconds (0 when none started). */
    public record Waits(double p50, double p95, double p99, double max, double mean) {
    }

    /** The NIC-model throughput of the started jobs in MiB/s (0 when none started). */
    public record Throughput(double mean, double p5, double min) {
    }

    /** Over the epochs, of the means over hosts. */
    public record Fragmentation(UnusableIndex meanUnusableIndexOrder9, LargestContig meanLargestContigGib) {
    }

    /** The order-9 unusable free space index (0 to 1): first epoch, last epoch, worst; null without epochs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnusableIndex(Double firstEpoch, Double lastEpoch, Double max) {
    }

    /** The largest contiguous free range in GiB: first epoch, last epoch, worst; null without epochs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LargestContig(Double firstEpoch, Double lastEpoch, Double min) {
    }

    /** The work of every host's compaction (alloc_contig_range's migrations included). */
    public record Compaction(long pagesMigrated, double simulatedSeconds) {
    }

    /** The run's size as work: what docs/benchmarks.md divides by wall time. */
    public record Work(double hostSeconds, long allocatorOperations, int epochs) {
    }

    /** One host's memory at the end of the run (hosts.csv has the same but the unusable index). */
    public record HostFinal(int host, @JsonProperty("class") String hostClass, long freeBytes,
            long largestContigBytes, long largestAlignedContigBytes, int largestFreeBlockOrder,
            double unusableIndexOrder9, int buffers, long bufferBytes, long contigAttempts, long pagesMigrated,
            long hugetlbFreeBytes) {
    }
}
