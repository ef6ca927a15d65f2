package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.contigsim.host.HostSummary;

/**
 * What the live metrics show after each epoch (docs/metrics.md), read from the simulation and
 * its epoch record; free of any metrics library, so the mapping is tested alone. It only reads:
 * the simulation cannot tell whether it is watched. Not thread-safe: one instance per run, fed
 * from the coordinator's thread.
 */
public final class SimulationMetrics {
    /** The job outcomes (and states before one) of {@link Sample#jobs()}, in this order. */
    public static final List<String> OUTCOMES = List.of("waiting", "running", "contiguous", "fallback", "failed");

    private static final double GIB = 1L << 30;

    /**
     * One epoch's view. Gauges are the state at the end of the epoch; the {@code new...} and
     * count fields are what happened during it (the caller adds them to counters and histograms).
     *
     * @param jobs jobs per {@link #OUTCOMES} entry: waiting (or allocating), running, completed on
     *     contiguous buffers, completed on fallback buffers, failed
     * @param newWaitSeconds wait of each job that started running in this epoch, in job-id order
     * @param newThroughputMibS NIC-model throughput of the same jobs, in the same order
     * @param unusableIndex9 mean over hosts of the order-9 unusable free space index (0 to 1)
     */
    public record Sample(long epochs, double simulatedSeconds, double endSeconds, SortedMap<String, Integer> jobs,
            List<Double> newWaitSeconds, List<Double> newThroughputMibS, double unusableIndex9,
            double meanLargestContigBytes, double minLargestContigBytes, double meanFreeBytes, int placed,
            int allocationFailures, long pagesMigrated, double compactionSeconds, long allocatorOps) {
    }

    /** Jobs whose start has been reported (a job starts at most once). */
    private final BitSet reported = new BitSet();
    /** Every job below this id has been reported or has failed: where the next scan begins. */
    private int scanFrom;
    private long allocatorOpsBefore;

    /** The view after {@code sim} absorbed {@code r}, its latest epoch. */
    public Sample sample(Simulation sim, EpochRecord r) {
        List<Job> jobs = sim.jobs();
        JobCounts n = JobCounts.of(jobs);
        SortedMap<String, Integer> byOutcome = new TreeMap<>();
        int[] counts = {n.waiting(), n.running(), n.contiguous(), n.fallback(), n.failed()};
        for (int i = 0; i < counts.length; i++) {
            byOutcome.put(OUTCOMES.get(i), counts[i]);
        }
        List<Double> waits = new ArrayList<>();
        List<Double> throughputs = new ArrayList<>();
        boolean settled = true;
        for (int id = scanFrom; id < jobs.size(); id++) {
            Job j = jobs.get(id);
            if (j.startNanos >= 0 && !reported.get(id)) {
                reported.set(id);
                waits.add(j.waitNanos() / 1e9);
                throughputs.add(j.mibPerSecond);
            }
            settled &= reported.get(id) || j.state == Job.State.FAILED;
            if (settled) {
                scanFrom = id + 1;
            }
        }
        long ops = 0;
        for (HostSummary s : sim.summaries()) {
            ops += s.allocatorOps();
        }
        long newOps = ops - allocatorOpsBefore;
        allocatorOpsBefore = ops;
        return new Sample(r.epoch() + 1, sim.nowNanos() / 1e9, sim.endNanos() / 1e9, byOutcome, List.copyOf(waits),
                List.copyOf(throughputs), r.meanUnusableIndex9(), r.meanLargestContigGib() * GIB,
                r.minLargestContigGib() * GIB, r.meanFreeGib() * GIB, r.placed(), r.allocationFailures(),
                r.pagesMigrated(), r.compactionSeconds(), newOps);
    }
}
