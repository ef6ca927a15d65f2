package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.host.Assignment;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.host.BufferOutcome;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostSetup;
import org.contigsim.host.HostSummary;
import org.contigsim.nic.NicModel;
import org.contigsim.nic.Operation;
import org.contigsim.nic.RegionLayout;
import org.contigsim.nic.Throughput;
import org.contigsim.nic.Transfer;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.HostClass;
import org.contigsim.scenario.HostSpec;
import org.contigsim.scenario.RetrySpec;
import org.contigsim.scenario.Scenario;

/**
 * The coordinator's logic, free of actors: simulated time in conservative epochs, the job
 * queue, placement ({@link Placement}), and what happened. {@link #plan} says what every host must do next;
 * {@link #absorb} takes their replies (in host-id order) and updates the jobs.
 *
 * <p>Time is cut into epochs on a grid of {@code epoch} from the end of the warm-up. Jobs are
 * placed at the start of an epoch from the hosts' summaries at its end; epochs in which the
 * coordinator has nothing to do (no job waiting, none arriving or ending) are merged, so idle
 * stretches cost one epoch.
 */
public final class Simulation {
    /** What every host does in one epoch. */
    public record Plan(long epoch, long startNanos, long untilNanos, List<List<Assignment>> assignments) {
    }

    /** A backoff beyond any run (365 days) means never; capped so time cannot overflow. */
    private static final double MAX_BACKOFF_NANOS = 1e18;

    private final Scenario scenario;
    private final long seed;
    private final boolean mergeIdle;
    private final Placement placement;
    private final BufferPolicy bufferPolicy;
    private final NicModel nic;
    private final long end;
    private final JobArrivals arrivals;
    private final List<Job> jobs = new ArrayList<>();
    /** Waiting jobs in arrival order. */
    private final List<Job> queue = new ArrayList<>();
    private final List<Assignment>[] pending;
    private final HostSummary[] summaries;
    private final List<EpochRecord> records = new ArrayList<>();
    private long now;
    private long epoch;
    private Plan current;
    private int placedThisEpoch;

    public Simulation(Scenario scenario, long seed) {
        this(scenario, seed, true);
    }

    /**
     * @param mergeIdle whether idle epochs are merged (always, except to measure the cost of
     *     epochs themselves)
     */
    @SuppressWarnings("unchecked")
    public Simulation(Scenario scenario, long seed, boolean mergeIdle) {
        this.mergeIdle = mergeIdle;
        this.placement = new Placement(scenario.jobs().placement());
        // what a buffer takes is the same on every class of host; only pool and zone sizes differ
        this.bufferPolicy = scenario.policies().resolve(scenario.jobs().policy(), scenario.host().memoryBytes());
        this.scenario = scenario;
        this.seed = seed;
        this.nic = new NicModel(scenario.host().nic());
        this.end = scenario.warmupNanos() + scenario.durationNanos();
        this.arrivals = new JobArrivals(seed, scenario.jobs(), scenario.warmupNanos(), end);
        this.pending = new List[scenario.hosts()];
        this.summaries = new HostSummary[scenario.hosts()];
        for (int h = 0; h < pending.length; h++) {
            pending[h] = new ArrayList<>();
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    public HostSetup setup(int hostId) {
        HostClass c = scenario.classOf(hostId);
        HostSpec h = c.host();
        return new HostSetup(hostId, seed, c.name(), h.memoryBytes(), h.nodes(), h.kernel(), h.nic(), c.background(),
                scenario.policies().resolve(scenario.jobs().policy(), h.memoryBytes()), c.start());
    }

    public boolean finished() {
        return now >= end && current == null;
    }

    public long nowNanos() {
        return now;
    }

    public long endNanos() {
        return end;
    }

    /** The next epoch: call once, then {@link #absorb} its replies. */
    public Plan plan() {
        if (current != null || finished()) {
            throw new IllegalStateException("plan() needs the previous epoch absorbed and time left");
        }
        long start = now;
        while (arrivals.peek() <= start) {
            Job j = new Job(jobs.size(), arrivals.take());
            jobs.add(j);
            queue.add(j);
        }
        expireWaiting(start);
        placedThisEpoch = place(start);
        long until = nextBoundary(start);
        for (Job j : jobs) {
            if (j.state == Job.State.RUNNING && j.endNanos <= until) {
                // a job that ended inside the epoch it started in is known to run only now: its
                // buffers go back at this epoch's start
                long at = Math.max(j.endNanos, start);
                for (int h : j.hosts) {
                    pending[h].add(new Assignment.Release(at, j.id));
                }
                j.state = Job.State.DONE;
            }
        }
        List<List<Assignment>> out = new ArrayList<>(pending.length);
        for (List<Assignment> p : pending) {
            out.add(List.copyOf(p));
            p.clear();
        }
        current = new Plan(epoch, start, until, out);
        return current;
    }

    /** Strict jobs that waited longer than max-wait fail. */
    private void expireWaiting(long t) {
        queue.removeIf(j -> {
            if (t - j.arrivalNanos > scenario.jobs().maxWaitNanos()) {
                j.state = Job.State.FAILED;
                return true;
            }
            return false;
        });
    }

    /**
     * Places waiting jobs, in arrival order, on the aligned windows the hosts last reported
     * (jobs.placement).
     */
    private int place(long t) {
        if (queue.isEmpty() || summaries[0] == null) {
            return 0;
        }
        long need = need();
        long[] available = new long[summaries.length];
        long[] free = new long[summaries.length];
        for (int h = 0; h < summaries.length; h++) {
            available[h] = available(summaries[h]);
            free[h] = summaries[h].freeBytes();
        }
        int placed = 0;
        for (Job j : List.copyOf(queue)) {
            if (j.notBeforeNanos > t) {
                continue; // backing off after a failed attempt (jobs.retry)
            }
            int[] hosts = placement.place(available, free, scenario.jobs().hostsPerJob(), need);
            if (hosts == null) {
                continue; // a later, identical job cannot fit either, but keep the scan simple and fair
            }
            queue.remove(j);
            j.state = Job.State.ALLOCATING;
            j.hosts = hosts;
            j.layouts = new RegionLayout[hosts.length];
            j.minChunks = new long[hosts.length];
            j.chunks = new int[hosts.length];
            j.attempts++;
            for (int h : hosts) {
                pending[h].add(new Assignment.Allocate(t, j.id, scenario.jobs().bufferBytes()));
            }
            placed++;
        }
        return placed;
    }

    /** What a host must have for one buffer under the policy ({@link BufferPolicy#need}). */
    private long need() {
        return bufferPolicy.need(scenario.jobs().bufferBytes());
    }

    /** What a host offers under the policy, as it last reported it. */
    private long available(HostSummary s) {
        return switch (bufferPolicy.offer()) {
            case ALIGNED_RANGE -> s.largestAlignedContigBytes();
            case HUGE_PAGES -> s.hugetlbFreeBytes();
            case AVAILABLE_MEMORY -> s.availableBytes();
        };
    }

    /**
     * The end of the epoch starting at {@code t}: the next grid point, or, when nothing can
     * happen before, the grid point at or after the next job arrival or job end.
     */
    private long nextBoundary(long t) {
        if (t < scenario.warmupNanos()) {
            return scenario.warmupNanos();
        }
        long grid = scenario.epochNanos();
        long nextGrid = scenario.warmupNanos() + ((t - scenario.warmupNanos()) / grid + 1) * grid;
        boolean busy = !queue.isEmpty();
        for (Job j : jobs) {
            busy |= j.state == Job.State.ALLOCATING;
        }
        long until = nextGrid;
        if (!busy && mergeIdle) {
            long next = arrivals.peek();
            for (Job j : jobs) {
                if (j.state == Job.State.RUNNING) {
                    next = Math.min(next, j.endNanos);
                }
            }
            if (next > nextGrid) {
                long k = (next - scenario.warmupNanos() + grid - 1) / grid;
                until = next == Long.MAX_VALUE ? end : scenario.warmupNanos() + k * grid;
            }
        }
        return Math.min(until, end);
    }

    /** Takes the hosts' replies to the current plan, indexed by host id. */
    public EpochRecord absorb(HostNode.EpochDone[] replies) {
        if (current == null) {
            throw new IllegalStateException("no epoch in flight");
        }
        int failures = 0;
        long migratedBefore = 0;
        long compactBefore = 0;
        for (HostSummary s : summaries) {
            migratedBefore += s == null ? 0 : s.pagesMigrated();
            compactBefore += s == null ? 0 : s.compactNanos();
        }
        for (int h = 0; h < replies.length; h++) {
            HostNode.EpochDone d = replies[h];
            if (d == null || d.epoch() != current.epoch() || d.summary().hostId() != h) {
                throw new IllegalArgumentException("reply of host " + h + " missing or for another epoch");
            }
            summaries[h] = d.summary();
            for (BufferOutcome o : d.outcomes()) {
                Job j = jobs.get((int) o.jobId());
                for (int i = 0; i < j.hosts.length; i++) {
                    if (j.hosts[i] == h) {
                        j.layouts[i] = o.layout();
                        j.minChunks[i] = o.minChunkBytes();
                        j.chunks[i] = o.chunks();
                    }
                }
                failures += o.allocated() ? 0 : 1;
            }
        }
        for (Job j : jobs) {
            if (j.state == Job.State.ALLOCATING && !settle(j)) {
                failures++;
            }
        }
        now = current.untilNanos();
        long migrated = -migratedBefore;
        long compact = -compactBefore;
        for (HostSummary s : summaries) {
            migrated += s.pagesMigrated();
            compact += s.compactNanos();
        }
        EpochRecord r = EpochRecord.of(current, placedThisEpoch, failures, jobs, summaries, migrated, compact);
        records.add(r);
        current = null;
        epoch++;
        return r;
    }

    /**
     * All buffers there, and contiguous enough (or the job takes what it gets): the job runs.
     * Otherwise it gives back what it got and waits again. Returns false for a strict job whose
     * buffers were all allocated but not contiguous enough.
     */
    private boolean settle(Job j) {
        boolean all = true;
        boolean contiguous = true;
        for (int i = 0; i < j.layouts.length; i++) {
            all &= j.layouts[i] != null;
            contiguous &= j.minChunks[i] >= scenario.jobs().minChunkBytes();
        }
        boolean strict = scenario.jobs().contiguity() == Contiguity.STRICT;
        long t = current.startNanos();
        if (all && (contiguous || !strict)) {
            j.contiguous = contiguous;
            j.state = Job.State.RUNNING;
            j.startNanos = t;
            Throughput slowest = null;
            for (int i = 0; i < j.hosts.length; i++) {
                RegionLayout local = j.layouts[i];
                RegionLayout remote = j.layouts[(i + 1) % j.layouts.length];
                Throughput th = nic.evaluate(new Transfer(Operation.READ, scenario.jobs().messageBytes(),
                        scenario.jobs().pattern(), local, remote));
                if (slowest == null || th.nanosPerMessage() > slowest.nanosPerMessage()) {
                    slowest = th;
                }
            }
            j.mibPerSecond = slowest.mibPerSecond();
            j.bound = slowest.bound();
            j.endNanos = t + runNanos(j, slowest);
            return true;
        }
        for (int i = 0; i < j.hosts.length; i++) {
            if (j.layouts[i] != null) {
                pending[j.hosts[i]].add(new Assignment.Release(current.untilNanos(), j.id));
            }
        }
        j.state = Job.State.WAITING;
        j.hosts = new int[0];
        j.layouts = new RegionLayout[0];
        j.minChunks = new long[0];
        j.chunks = new int[0];
        if (!retry(j)) {
            return !all;
        }
        queue.add(j);
        queue.sort((a, b) -> Long.compare(a.id, b.id));
        return !all;
    }

    /** How long a started job holds its buffers: its duration, or what its bytes take at its throughput. */
    private long runNanos(Job j, Throughput slowest) {
        long duration = j.durationNanos > 0 ? j.durationNanos : j.bytes > 0 ? 0 : scenario.jobs().durationNanos();
        if (duration > 0) {
            return duration;
        }
        long bytes = j.bytes > 0 ? j.bytes : scenario.jobs().bytesPerJob();
        return Math.max(1, (long) Math.ceil(slowest.secondsFor(bytes) * 1e9));
    }

    /**
     * After a failed attempt (jobs.retry): false when it was the last one allowed and the job
     * failed; otherwise the job may try again once its backoff has passed, counted from the end of
     * the epoch in which it gave its buffers back.
     */
    private boolean retry(Job j) {
        RetrySpec r = scenario.jobs().retry();
        if (r.maxAttempts() > 0 && j.attempts >= r.maxAttempts()) {
            j.state = Job.State.FAILED;
            return false;
        }
        // every attempt so far failed; StrictMath, so every JVM waits alike
        double backoff = r.backoffNanos() * StrictMath.pow(r.backoffFactor(), j.attempts - 1);
        j.notBeforeNanos = current.untilNanos() + (long) Math.min(backoff, MAX_BACKOFF_NANOS);
        return true;
    }

    public List<EpochRecord> records() {
        return List.copyOf(records);
    }

    List<Job> jobs() {
        return jobs;
    }

    public HostSummary[] summaries() {
        return summaries.clone();
    }
}
