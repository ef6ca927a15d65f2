package org.contigsim.coordinator;

import java.util.List;
import java.util.Locale;
import org.contigsim.host.HostSummary;

/**
 * One executed epoch, one row of {@code epochs.csv}: job counts at its end and the hosts'
 * memory as they reported it.
 */
public record EpochRecord(long epoch, long startNanos, long endNanos, int jobsArrived, int jobsWaiting,
        int jobsRunning, int jobsCompleted, int jobsFailed, int placed, int allocationFailures,
        double meanFreeGib, double meanLargestContigGib, double minLargestContigGib, double meanUnusableIndex9,
        long pagesMigrated, double compactionSeconds) {

    static final String CSV_HEADER = "epoch,start_s,end_s,jobs_arrived,jobs_waiting,jobs_running,jobs_completed,"
            + "jobs_failed,placed,allocation_failures,mean_free_gib,mean_largest_contig_gib,min_largest_contig_gib,"
            + "mean_unusable_index_9,pages_migrated,compaction_s";

    /**
     * @param migrated pages all hosts migrated during the epoch
     * @param compactNanos simulated time all hosts spent compacting during the epoch
     */
    static EpochRecord of(Simulation.Plan plan, int placed, int failures, List<Job> jobs, HostSummary[] hosts,
            long migrated, long compactNanos) {
        JobCounts n = JobCounts.of(jobs);
        double free = 0;
        double contig = 0;
        double minContig = Double.MAX_VALUE;
        double unusable = 0;
        for (HostSummary h : hosts) {
            unusable += h.unusableIndex9() / 1000.0;
            free += h.freeBytes();
            contig += h.largestContigBytes();
            minContig = Math.min(minContig, h.largestContigBytes());
        }
        double gib = 1L << 30;
        return new EpochRecord(plan.epoch(), plan.startNanos(), plan.untilNanos(), n.arrived(), n.waiting(), n.running(),
                n.completed(), n.failed(), placed, failures, free / hosts.length / gib, contig / hosts.length / gib,
                minContig / gib, unusable / hosts.length, migrated, compactNanos / 1e9);
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%d,%.6f", epoch,
                startNanos / 1e9, endNanos / 1e9, jobsArrived, jobsWaiting, jobsRunning, jobsCompleted, jobsFailed,
                placed, allocationFailures, meanFreeGib, meanLargestContigGib, minLargestContigGib, meanUnusableIndex9,
                pagesMigrated, compactionSeconds);
    }
}
