package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.host.Assignment;
import org.contigsim.host.BufferOutcome;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostSetup;
import org.contigsim.host.HostSummary;
import org.contigsim.machine.HostSpec;
import org.contigsim.nic.NicModel;
import org.contigsim.nic.Operation;
import org.contigsim.nic.RegionLayout;
import org.contigsim.nic.Throughput;
import org.contigsim.nic.Transfer;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.HostClass;
import org.contigsim.scenario.Scenario;

/**
 * The coordinator's logic, free of actors: simulated time in conservative epochs, driving the job
 * queue ({@link JobQueue}), placement ({@link JobPlacer}) and what happened ({@link EpochRows}).
 * {@link #plan} says what every host must do next; {@link #absorb} takes their replies (in host-id
 * order), settles the jobs whose buffers came back and runs them at the NIC model's throughput.
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

    private final Scenario scenario;
    private final long seed;
    private final boolean mergeIdle;
    private final NicModel nic;
    private final long end;
    private final JobQueue queue;
    private final JobPlacer placer;
    private final List<Assignment>[] pending;
    private final EpochRows rows;
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
        Placement placement = new Placement(scenario.jobs().placement());
        // what a buffer takes is the same on every class of host; only pool and zone sizes differ
        BufferPolicy bufferPolicy = scenario.policies().resolve(scenario.jobs().policy(), scenario.host().memoryBytes());
        this.placer = new JobPlacer(scenario.jobs(), placement, bufferPolicy);
        this.scenario = scenario;
        this.seed = seed;
        this.nic = new NicModel(scenario.host().nic());
        this.end = scenario.warmupNanos() + scenario.durationNanos();
        this.queue = new JobQueue(scenario.jobs(), new JobArrivals(seed, scenario.jobs(), scenario.warmupNanos(), end));
        this.pending = new List[scenario.hosts()];
        this.rows = new EpochRows(scenario.hosts());
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
        return new HostSetup(hostId, seed, c.name(), h, c.background(),
                scenario.policies().resolve(scenario.jobs().policy(), h.memoryBytes()), c.startOf(scenario.indexInClass(hostId)));
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
        queue.admit(start);
        placedThisEpoch = placer.place(queue, rows.summaries(), start, pending);
        long until = nextBoundary(start);
        for (Job j : queue.all()) {
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
        long until = nextGrid;
        if (!queue.busy() && mergeIdle) {
            long next = queue.nextEventNanos();
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
        for (int h = 0; h < replies.length; h++) {
            HostNode.EpochDone d = replies[h];
            if (d == null || d.epoch() != current.epoch() || d.summary().hostId() != h) {
                throw new IllegalArgumentException("reply of host " + h + " missing or for another epoch");
            }
            rows.report(h, d.summary());
            for (BufferOutcome o : d.outcomes()) {
                Job j = queue.all().get((int) o.jobId());
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
        for (Job j : queue.all()) {
            if (j.state == Job.State.ALLOCATING && !settle(j)) {
                failures++;
            }
        }
        now = current.untilNanos();
        EpochRecord r = rows.close(current, placedThisEpoch, failures, queue.all());
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
        queue.retry(j, current.untilNanos());
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

    public List<EpochRecord> records() {
        return rows.rows();
    }

    List<Job> jobs() {
        return queue.all();
    }

    public HostSummary[] summaries() {
        return rows.summaries().clone();
    }
}
