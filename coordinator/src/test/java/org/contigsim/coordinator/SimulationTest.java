package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.host.Assignment;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.scenario.Contiguity;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static final long S = Scenarios.SECOND;

    @Test
    void shouldGiveTheSameResultsForTheSameScenarioAndSeed() throws Exception {
        String a = RunResults.json(DirectRun.run(Scenarios.tiny(), 3));
        assertEquals(a, RunResults.json(DirectRun.run(Scenarios.tiny(), 3)));
        assertTrue(!a.equals(RunResults.json(DirectRun.run(Scenarios.tiny(), 4))), "another seed, another run");
    }

    @Test
    void shouldRunStrictJobsOnlyOnContiguousBuffersAndPreferredOnesOnWhatTheyGet() throws Exception {
        PlacementPolicy firstFit = PlacementPolicy.Named.FIRST_FIT;
        Simulation range = DirectRun.run(Scenarios.tinyWith(firstFit, BufferPolicy.Kind.CONTIG_RANGE, Contiguity.STRICT),
                3);
        Simulation strict = DirectRun.run(Scenarios.tinyWith(firstFit, BufferPolicy.Kind.BUDDY, Contiguity.STRICT), 3);
        Simulation preferred = DirectRun.run(Scenarios.tinyWith(firstFit, BufferPolicy.Kind.BUDDY, Contiguity.PREFERRED),
                3);
        for (Simulation sim : List.of(range, strict, preferred)) {
            int done = 0;
            int contiguous = 0;
            for (Job j : sim.jobs()) {
                if (j.state == Job.State.DONE) {
                    done++;
                    contiguous += j.contiguous ? 1 : 0;
                    for (long c : j.minChunks) {
                        assertTrue(!j.contiguous || c >= 16 * Scenarios.MIB);
                    }
                }
            }
            if (sim != preferred) {
                assertEquals(done, contiguous, "strict jobs run only on contiguous buffers");
            }
        }
        assertTrue(completedContiguous(range) >= completedContiguous(strict),
                "alloc_contig_range gives at least as many contiguous jobs as the buddy allocator");
        assertTrue(completed(preferred) >= completed(strict), "taking fallbacks never completes fewer jobs");
    }

    private static int completed(Simulation sim) {
        return (int) sim.jobs().stream().filter(j -> j.state == Job.State.DONE).count();
    }

    private static int completedContiguous(Simulation sim) {
        return (int) sim.jobs().stream().filter(j -> j.state == Job.State.DONE && j.contiguous).count();
    }

    @Test
    void shouldAccountCompactionWorkPerEpoch() {
        Simulation sim = DirectRun.run(Scenarios.tiny(), 2);
        long perEpoch = 0;
        for (EpochRecord r : sim.records()) {
            assertTrue(r.pagesMigrated() >= 0 && r.compactionSeconds() >= 0);
            assertTrue(r.meanUnusableIndex9() >= 0 && r.meanUnusableIndex9() <= 1);
            perEpoch += r.pagesMigrated();
        }
        long total = 0;
        for (org.contigsim.host.HostSummary h : sim.summaries()) {
            total += h.pagesMigrated();
        }
        assertEquals(total, perEpoch, "the epochs' migrations add up to the hosts' counters");
        assertTrue(total > 0, "16 MiB buffers on aged hosts migrate pages");
    }

    @Test
    void shouldRunTheWarmUpAsOneEpochThenFollowTheGrid() {
        Simulation sim = DirectRun.run(Scenarios.tiny(), 1);
        List<EpochRecord> epochs = sim.records();
        assertEquals(0, epochs.get(0).startNanos());
        assertEquals(120 * S, epochs.get(0).endNanos());
        for (int i = 1; i < epochs.size(); i++) {
            assertEquals(epochs.get(i - 1).endNanos(), epochs.get(i).startNanos());
            assertEquals(0, (epochs.get(i).endNanos() - 120 * S) % (30 * S), "ends on the 30 s grid");
        }
        assertEquals(360 * S, sim.nowNanos());
        assertTrue(sim.finished());
        EpochRecord last = epochs.get(epochs.size() - 1);
        assertTrue(last.jobsArrived() > 20, "about 10 jobs a minute for 4 minutes: " + last.jobsArrived());
        assertTrue(last.jobsCompleted() > 0);
    }

    @Test
    void shouldMergeEpochsWhenTheCoordinatorHasNothingToDo() {
        // no jobs at all: the warm-up epoch, then one epoch to the end
        Simulation idle = DirectRun.run(Scenarios.quiet(3, 0, 60, 3600, 10), 1);
        assertEquals(2, idle.records().size());
        assertEquals(3660 * S, idle.nowNanos());
        // with jobs, epochs follow the grid while jobs wait or run, and jump over quiet stretches
        Simulation busy = DirectRun.run(Scenarios.quiet(3, 6, 0, 3600, 10), 1);
        assertTrue(busy.records().size() < 360, "idle stretches merged: " + busy.records().size());
        assertTrue(busy.records().size() > 6);
    }

    @Test
    void shouldPlaceJobsOnHostsWithRoomAndFailThoseThatWaitTooLong() {
        // 2 hosts of 256 MiB, 8 MiB buffers on both, jobs moving 100 GiB (about 9 s each): most fit
        Simulation sim = DirectRun.run(Scenarios.quiet(2, 3600, 0, 600, 5), 2);
        EpochRecord last = sim.records().get(sim.records().size() - 1);
        assertTrue(last.jobsCompleted() > 100, "completed " + last.jobsCompleted());
        for (Job j : sim.jobs()) {
            if (j.startNanos >= 0) {
                assertEquals(2, j.hosts.length);
                assertTrue(j.hosts[0] != j.hosts[1]);
                assertTrue(j.endNanos > j.startNanos);
                assertTrue(j.waitNanos() >= 0 && j.waitNanos() <= 60 * S);
            }
        }
    }

    @Test
    void shouldPlanAnEpochOnlyAfterTheLastIsAbsorbed() {
        Simulation sim = new Simulation(Scenarios.quiet(2, 60, 10, 60, 10), 1);
        Simulation.Plan p = sim.plan();
        assertEquals(0, p.startNanos());
        assertEquals(10 * S, p.untilNanos());
        assertEquals(List.of(List.<Assignment>of(), List.<Assignment>of()), p.assignments());
        assertThrows(IllegalStateException.class, sim::plan);
    }
}
