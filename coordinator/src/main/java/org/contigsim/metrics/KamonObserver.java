package org.contigsim.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Histogram;
import kamon.metric.MeasurementUnit;
import org.contigsim.coordinator.EpochRecord;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.coordinator.Simulation;
import org.contigsim.coordinator.SimulationMetrics;

/**
 * Records the simulation metrics (docs/metrics.md) into Kamon, which the Prometheus endpoint of
 * {@link MetricsEndpoint} serves. One per process: a sweep's runs follow each other in the same
 * series (gauges are overwritten, counters and histograms go on adding up).
 *
 * <p>A metrics failure must never fail a run: every call is guarded and only logged once.
 */
public final class KamonObserver implements RunObserver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KamonObserver.class);

    private final Gauge simulated = Kamon.gauge("contigsim.simulated.seconds",
            "Simulated time reached (warm-up included), seconds").withoutTags();
    private final Gauge end = Kamon.gauge("contigsim.simulated.end.seconds",
            "Simulated time at which the run ends, seconds").withoutTags();
    private final Counter epochs = Kamon.counter("contigsim.epochs", "Epochs executed").withoutTags();
    private final Histogram wait = Kamon.histogram("contigsim.job.wait",
            "Simulated time from a job's arrival to its start", MeasurementUnit.time().nanoseconds()).withoutTags();
    private final Histogram throughput = Kamon.histogram("contigsim.job.throughput.mib_s",
            "NIC-model throughput of each started job, MiB/s").withoutTags();
    private final Gauge unusable = Kamon.gauge("contigsim.unusable.index.order9",
            "Mean over hosts of the order-9 (2 MiB) unusable free space index, 0 to 1").withoutTags();
    private final Gauge meanContig = Kamon.gauge("contigsim.largest.contig.bytes",
            "Largest range alloc_contig_range could take, over hosts").withTag("stat", "mean");
    private final Gauge minContig = Kamon.gauge("contigsim.largest.contig.bytes").withTag("stat", "min");
    private final Gauge free = Kamon.gauge("contigsim.free.bytes", "Free memory per host, over hosts")
            .withTag("stat", "mean");
    private final Counter placed = Kamon.counter("contigsim.jobs.placed",
            "Placement attempts (a job that retries is placed again)").withoutTags();
    private final Counter failures = Kamon.counter("contigsim.allocation.failures",
            "Buffer allocations that failed or were not contiguous enough").withoutTags();
    private final Counter migrated = Kamon.counter("contigsim.pages.migrated",
            "Pages migrated by compaction and alloc_contig_range, all hosts").withoutTags();
    private final Counter compaction = Kamon.counter("contigsim.compaction",
            "Simulated time hosts spent compacting", MeasurementUnit.time().nanoseconds()).withoutTags();
    private final Counter hostsLost = Kamon.counter("contigsim.hosts.lost",
            "Hosts whose cluster member was removed, to be rebuilt elsewhere").withoutTags();
    private final Counter hostsRebuilt = Kamon.counter("contigsim.hosts.rebuilt",
            "Hosts rebuilt on other members (or, resuming, on any)").withoutTags();
    private final Counter replayed = Kamon.counter("contigsim.host.epochs.replayed",
            "Host-epochs run again to rebuild hosts").withoutTags();
    /** What the counters already hold of this run's cumulative figures. */
    private long rebuiltSoFar;
    private long replayedSoFar;
    private final Counter allocatorOps = Kamon.counter("contigsim.allocator.ops",
            "Block allocations and frees of all hosts' buddy allocators").withoutTags();
    private final List<Gauge> jobs = new ArrayList<>();
    /**
     * Hosts per member, by member address. A member that no longer runs hosts (lost, or of an
     * earlier run) is set to 0 rather than removed: the Prometheus reporter goes on serving a
     * removed gauge's last value.
     */
    private final Map<String, Gauge> hosts = new TreeMap<>();

    private SimulationMetrics mapping = new SimulationMetrics();
    private boolean warned;

    public KamonObserver() {
        for (String outcome : SimulationMetrics.OUTCOMES) {
            jobs.add(Kamon.gauge("contigsim.jobs", "Jobs by outcome (or state, before one)")
                    .withTag("outcome", outcome));
        }
    }

    @Override
    public void started(Simulation sim, SortedMap<String, Integer> hostsPerMember) {
        guarded(() -> {
            mapping = new SimulationMetrics(); // a new run (a sweep's next one)
            rebuiltSoFar = 0;
            replayedSoFar = 0;
            members(hostsPerMember);
            simulated.update(sim.nowNanos() / 1e9);
            end.update(sim.endNanos() / 1e9);
        });
    }

    /** The hosts-per-member gauges; members no longer there show 0. */
    private void members(SortedMap<String, Integer> hostsPerMember) {
        hosts.forEach((member, g) -> g.update(hostsPerMember.getOrDefault(member, 0)));
        hostsPerMember.forEach((member, n) -> hosts.computeIfAbsent(member, m -> Kamon.gauge("contigsim.hosts",
                "Simulated hosts per cluster member").withTag("member", m)).update(n));
    }

    @Override
    public void hostsLost(String member, int count) {
        guarded(() -> hostsLost.increment(count));
    }

    @Override
    public void hostsRebuilt(int count, long replayedHostEpochs, SortedMap<String, Integer> hostsPerMember) {
        guarded(() -> {
            members(hostsPerMember);
            hostsRebuilt.increment(count - rebuiltSoFar);
            rebuiltSoFar = count;
            replayed.increment(replayedHostEpochs - replayedSoFar);
            replayedSoFar = replayedHostEpochs;
        });
    }

    @Override
    public void epochDone(Simulation sim, EpochRecord record) {
        guarded(() -> record(mapping.sample(sim, record)));
    }

    private void record(SimulationMetrics.Sample s) {
        simulated.update(s.simulatedSeconds());
        end.update(s.endSeconds());
        epochs.increment();
        for (int i = 0; i < jobs.size(); i++) {
            jobs.get(i).update(s.jobs().get(SimulationMetrics.OUTCOMES.get(i)));
        }
        for (double w : s.newWaitSeconds()) {
            wait.record(Math.round(w * 1e9));
        }
        for (double t : s.newThroughputMibS()) {
            throughput.record(Math.round(t));
        }
        unusable.update(s.unusableIndex9());
        meanContig.update(s.meanLargestContigBytes());
        minContig.update(s.minLargestContigBytes());
        free.update(s.meanFreeBytes());
        placed.increment(s.placed());
        failures.increment(s.allocationFailures());
        migrated.increment(s.pagesMigrated());
        compaction.increment(Math.round(s.compactionSeconds() * 1e9));
        allocatorOps.increment(s.allocatorOps());
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("live metrics stopped updating", e);
            }
        }
    }
}
