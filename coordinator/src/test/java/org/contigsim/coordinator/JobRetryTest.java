package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.host.Assignment;
import org.contigsim.host.BufferOutcome;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostSummary;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.RegionLayout;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.scenario.ArrivalSpec;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.JobSpec;
import org.contigsim.scenario.RetrySpec;
import org.contigsim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * jobs.retry and jobs.duration in the simulation. Jobs arrive from a trace at known times, so
 * every attempt can be checked. For the retry rules the hosts are stand-ins that always report
 * room and always hand out scattered 4 KiB pages, so a strict job fails every attempt it makes.
 */
class JobRetryTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    static final long S = Scenarios.SECOND;
    static final long MIB = Scenarios.MIB;

    /** 2 idle hosts, a 10 s warm-up and 10 s epochs for 10 minutes; one job per trace row. */
    static Scenario scenario(BufferPolicy.Kind policy, long maxWaitSeconds, RetrySpec retry, long durationNanos,
            ArrivalSpec.TraceJob... rows) {
        ArrivalSpec.Trace trace = new ArrivalSpec.Trace(Path.of("/trace.csv"), List.of(rows));
        return new Scenario("retry", 2, new HostSpec(256 * MIB, 1, KernelVersion.V6_15, CX5), "idle", 10 * S, 600 * S,
                10 * S, new JobSpec(0, 2, 8 * MIB, 64 << 10, AccessPattern.RANDOM, durationNanos > 0 ? 0 : 100L << 30,
                        maxWaitSeconds * S, policy, PlacementPolicy.Named.FIRST_FIT, 8 * MIB, Contiguity.STRICT, trace,
                        retry, durationNanos));
    }

    /** A strict job arriving as the warm-up ends, run on hosts that never give it a contiguous buffer. */
    static Simulation hopeless(long maxWaitSeconds, RetrySpec retry) {
        Simulation sim = new Simulation(scenario(BufferPolicy.Kind.CONTIG_RANGE, maxWaitSeconds, retry, 0,
                new ArrivalSpec.TraceJob(0, 0, 0)), 1);
        while (!sim.finished()) {
            Simulation.Plan plan = sim.plan();
            HostNode.EpochDone[] replies = new HostNode.EpochDone[2];
            for (int h = 0; h < replies.length; h++) {
                List<BufferOutcome> outcomes = new ArrayList<>();
                for (Assignment a : plan.assignments().get(h)) {
                    if (a instanceof Assignment.Allocate alloc) {
                        outcomes.add(new BufferOutcome(alloc.jobId(), alloc.atNanos(),
                                RegionLayout.scattered(0, alloc.bytes()), 4096, (int) (alloc.bytes() / 4096)));
                    }
                }
                HostSummary room = new HostSummary(h, plan.untilNanos(), 1L << 30, 1L << 30, 1L << 30, 10, 0, 0, 0,
                        0, 0, 0, 0, 1L << 30, 0);
                replies[h] = new HostNode.EpochDone(plan.epoch(), room, outcomes);
            }
            sim.absorb(replies);
        }
        return sim;
    }

    /** The start times, in seconds, of the epochs in which the coordinator placed a job. */
    static List<Long> attemptSeconds(Simulation sim) {
        List<Long> at = new ArrayList<>();
        for (EpochRecord r : sim.records()) {
            for (int i = 0; i < r.placed(); i++) {
                at.add(r.startNanos() / S);
            }
        }
        return at;
    }

    static Job only(Simulation sim) {
        assertEquals(1, sim.jobs().size());
        return sim.jobs().get(0);
    }

    @Test
    void byDefaultAFailedJobTriesEveryEpochUntilMaxWait() {
        Simulation sim = hopeless(60, RetrySpec.EVERY_EPOCH);
        // arrives at 10 s; at 80 s it has waited 70 s > 60 s
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L), attemptSeconds(sim));
        assertEquals(Job.State.FAILED, only(sim).state);
        assertEquals(7, only(sim).attempts);
        assertTrue(RunResults.jobsCsv(sim).contains("\n0,10.000000,failed,7,"), RunResults.jobsCsv(sim));
    }

    @Test
    void aJobFailsAfterMaxAttemptsFailedAttempts() {
        Simulation sim = hopeless(300, new RetrySpec(3, 0, 1));
        assertEquals(List.of(10L, 20L, 30L), attemptSeconds(sim));
        assertEquals(Job.State.FAILED, only(sim).state);
        assertEquals(3, only(sim).attempts);
        EpochRecord failedIn = sim.records().stream().filter(r -> r.jobsFailed() == 1).findFirst().orElseThrow();
        assertEquals(30 * S, failedIn.startNanos(), "failed as the third attempt's buffers came back, not at max-wait");
    }

    @Test
    void aFailedJobWaitsOutItsBackoffCountedFromTheEndOfTheFailedAttempt() {
        // the attempt at 10 s fails at 20 s; 15 s later is 35 s; the next epoch starts at 40 s
        Simulation sim = hopeless(300, new RetrySpec(0, 15 * S, 1));
        assertEquals(List.of(10L, 40L, 70L, 100L, 130L, 160L, 190L, 220L, 250L, 280L, 310L), attemptSeconds(sim));
        assertEquals(Job.State.FAILED, only(sim).state, "still bound by max-wait");
    }

    @Test
    void aGrowingBackoffDoublesAfterEveryFailedAttempt() {
        // waits of 10, 20, 40, 80 s after attempts that end at 20, 40, 70, 120 s; the next, 160 s, outlasts max-wait
        Simulation sim = hopeless(300, new RetrySpec(0, 10 * S, 2));
        assertEquals(List.of(10L, 30L, 60L, 110L, 200L), attemptSeconds(sim));
        assertEquals(Job.State.FAILED, only(sim).state);
        assertEquals(5, only(sim).attempts);
    }

    @Test
    void aJobThatGetsItsBuffersIsUnaffectedByRetryRules() {
        Simulation plain = DirectRun.run(scenario(BufferPolicy.Kind.CONTIG_RANGE, 60, RetrySpec.EVERY_EPOCH, 0,
                new ArrivalSpec.TraceJob(0, 0, 0)), 1);
        Simulation ruled = DirectRun.run(scenario(BufferPolicy.Kind.CONTIG_RANGE, 60, new RetrySpec(1, 3600 * S, 10), 0,
                new ArrivalSpec.TraceJob(0, 0, 0)), 1);
        assertEquals(Job.State.DONE, only(plain).state);
        assertEquals(1, only(plain).attempts);
        assertEquals(RunResults.jobsCsv(plain), RunResults.jobsCsv(ruled));
    }

    @Test
    void aJobBoundedByDurationHoldsItsBuffersThatLongAtTheSameThroughput() {
        Simulation bytes = DirectRun.run(scenario(BufferPolicy.Kind.CONTIG_RANGE, 60, RetrySpec.EVERY_EPOCH, 0,
                new ArrivalSpec.TraceJob(0, 0, 0)), 1);
        Simulation timed = DirectRun.run(scenario(BufferPolicy.Kind.CONTIG_RANGE, 60, RetrySpec.EVERY_EPOCH, 42 * S,
                new ArrivalSpec.TraceJob(0, 0, 0)), 1);
        Job b = only(bytes);
        Job t = only(timed);
        assertEquals(Job.State.DONE, t.state);
        assertEquals(42 * S, t.endNanos - t.startNanos);
        assertEquals(b.mibPerSecond, t.mibPerSecond, "the throughput is the buffers', whatever bounds the job");
        assertTrue(b.mibPerSecond > 0);
        // 100 GiB at that throughput
        assertEquals(Math.ceil((100L << 30) / (b.mibPerSecond * MIB) * 1e9), b.endNanos - b.startNanos, 2);
    }

    @Test
    void aTraceRowsOwnBytesOrDurationOverrideTheScenarios() {
        Simulation sim = DirectRun.run(scenario(BufferPolicy.Kind.CONTIG_RANGE, 60, RetrySpec.EVERY_EPOCH, 42 * S,
                new ArrivalSpec.TraceJob(0, 0, 0),
                new ArrivalSpec.TraceJob(100 * S, 0, 7 * S),
                new ArrivalSpec.TraceJob(200 * S, 10L << 30, 0)), 1);
        List<Job> jobs = sim.jobs();
        assertEquals(List.of(10 * S, 110 * S, 210 * S), jobs.stream().map(j -> j.arrivalNanos).toList());
        assertEquals(42 * S, jobs.get(0).endNanos - jobs.get(0).startNanos, "the scenario's duration");
        assertEquals(7 * S, jobs.get(1).endNanos - jobs.get(1).startNanos, "the row's duration");
        Job bytes = jobs.get(2);
        assertEquals(Math.ceil((10L << 30) / (bytes.mibPerSecond * MIB) * 1e9), bytes.endNanos - bytes.startNanos, 2,
                "the row's bytes at the job's throughput");
    }

    @Test
    void everyProcessRunsDeterministically() throws Exception {
        Scenario tiny = Scenarios.tiny();
        JobSpec j = tiny.jobs();
        for (ArrivalSpec p : List.of(new ArrivalSpec.Bursty(3000, 60 * S, 30 * S),
                new ArrivalSpec.Diurnal(0.9, 240 * S, 60 * S))) {
            Scenario s = new Scenario(tiny.name(), tiny.hosts(), tiny.host(), tiny.background(), tiny.warmupNanos(),
                    tiny.durationNanos(), tiny.epochNanos(), new JobSpec(j.arrivalsPerHour(), j.hostsPerJob(),
                            j.bufferBytes(), j.messageBytes(), j.pattern(), 0, j.maxWaitNanos(), j.policy(),
                            j.placement(), j.minChunkBytes(), j.contiguity(), p, new RetrySpec(4, 20 * S, 2), 45 * S));
            Simulation first = DirectRun.run(s, 3);
            assertEquals(RunResults.json(first), RunResults.json(DirectRun.run(s, 3)), p.process().label());
            assertTrue(first.jobs().size() > 10, p.process() + ": " + first.jobs().size());
        }
    }
}
