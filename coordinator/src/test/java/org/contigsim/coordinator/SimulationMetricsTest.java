package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.host.Host;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostSummary;
import org.contigsim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The live metrics' mapping from the simulation (docs/metrics.md), without any metrics library. */
class SimulationMetricsTest {
    private static final double GIB = 1L << 30;

    /** Runs {@code scenario} as {@link DirectRun} does, sampling after every epoch. */
    private static List<SimulationMetrics.Sample> run(Simulation sim) {
        Host[] hosts = new Host[sim.scenario().hosts()];
        for (int h = 0; h < hosts.length; h++) {
            hosts[h] = new Host(sim.setup(h));
        }
        SimulationMetrics metrics = new SimulationMetrics();
        List<SimulationMetrics.Sample> samples = new ArrayList<>();
        while (!sim.finished()) {
            Simulation.Plan plan = sim.plan();
            HostNode.EpochDone[] replies = new HostNode.EpochDone[hosts.length];
            for (int h = 0; h < hosts.length; h++) {
                Host.Epoch e = hosts[h].advance(plan.untilNanos(), plan.assignments().get(h));
                replies[h] = new HostNode.EpochDone(plan.epoch(), e.summary(), e.outcomes());
            }
            EpochRecord r = sim.absorb(replies);
            samples.add(metrics.sample(sim, r));
        }
        return samples;
    }

    @Test
    void shouldReportEveryEpochJobAndPageOnceAndEndAtTheRunsEnd() {
        Scenario tiny = Scenarios.tiny();
        Simulation sim = new Simulation(tiny, 5);
        List<SimulationMetrics.Sample> samples = run(sim);
        List<EpochRecord> records = sim.records();
        assertEquals(records.size(), samples.size());

        List<Double> waits = new ArrayList<>();
        List<Double> throughputs = new ArrayList<>();
        long migrated = 0;
        double compaction = 0;
        long ops = 0;
        int placed = 0;
        for (int i = 0; i < samples.size(); i++) {
            SimulationMetrics.Sample s = samples.get(i);
            EpochRecord r = records.get(i);
            assertEquals(i + 1, s.epochs());
            assertEquals(r.endNanos() / 1e9, s.simulatedSeconds(), 1e-9, "time at the epoch's end");
            assertEquals(r.jobsArrived(), s.jobs().values().stream().mapToInt(Integer::intValue).sum(),
                    "every arrived job has exactly one outcome or state");
            assertEquals(r.jobsWaiting(), s.jobs().get("waiting"));
            assertEquals(r.jobsRunning(), s.jobs().get("running"));
            assertEquals(r.jobsFailed(), s.jobs().get("failed"));
            assertEquals(r.jobsCompleted(), s.jobs().get("contiguous") + s.jobs().get("fallback"));
            assertEquals(r.meanUnusableIndex9(), s.unusableIndex9());
            assertTrue(s.unusableIndex9() >= 0 && s.unusableIndex9() <= 1, "an index, 0 to 1");
            assertEquals(r.meanLargestContigGib() * GIB, s.meanLargestContigBytes());
            assertEquals(r.minLargestContigGib() * GIB, s.minLargestContigBytes());
            assertTrue(s.minLargestContigBytes() <= s.meanLargestContigBytes());
            assertEquals(r.meanFreeGib() * GIB, s.meanFreeBytes());
            assertEquals(s.newWaitSeconds().size(), s.newThroughputMibS().size());
            waits.addAll(s.newWaitSeconds());
            throughputs.addAll(s.newThroughputMibS());
            migrated += s.pagesMigrated();
            compaction += s.compactionSeconds();
            ops += s.allocatorOps();
            placed += s.placed();
            assertEquals(r.pagesMigrated(), s.pagesMigrated());
        }
        SimulationMetrics.Sample last = samples.get(samples.size() - 1);
        assertEquals(tiny.warmupNanos() / 1e9 + tiny.durationNanos() / 1e9, last.simulatedSeconds(), 1e-9);
        assertEquals(last.endSeconds(), last.simulatedSeconds(), 1e-9);

        // each job that ever started is in the histograms once, with its own wait and throughput
        List<Double> expectedWaits = new ArrayList<>();
        List<Double> expectedThroughputs = new ArrayList<>();
        for (Job j : sim.jobs()) {
            if (j.startNanos >= 0) {
                expectedWaits.add(j.waitNanos() / 1e9);
                expectedThroughputs.add(j.mibPerSecond);
            }
        }
        assertTrue(expectedWaits.size() >= 10, "tiny starts jobs: " + expectedWaits.size());
        waits.sort(null);
        expectedWaits.sort(null);
        throughputs.sort(null);
        expectedThroughputs.sort(null);
        assertEquals(expectedWaits, waits);
        assertEquals(expectedThroughputs, throughputs);
        assertTrue(throughputs.get(0) > 1000, "MiB/s of a real NIC: " + throughputs.get(0));

        long expectedOps = 0;
        long expectedMigrated = 0;
        double expectedCompaction = 0;
        for (HostSummary h : sim.summaries()) {
            expectedOps += h.allocatorOps();
            expectedMigrated += h.pagesMigrated();
            expectedCompaction += h.compactNanos() / 1e9;
        }
        assertTrue(expectedOps > 0);
        assertEquals(expectedOps, ops, "allocator operations add up to the hosts' totals");
        assertEquals(expectedMigrated, migrated);
        assertEquals(expectedCompaction, compaction, 1e-6);
        assertEquals(records.stream().mapToInt(EpochRecord::placed).sum(), placed);
    }

    @Test
    void shouldNotChangeTheSimulation() {
        Simulation watched = new Simulation(Scenarios.tiny(), 5);
        run(watched);
        Simulation alone = DirectRun.run(Scenarios.tiny(), 5);
        assertEquals(alone.records(), watched.records());
    }
}
