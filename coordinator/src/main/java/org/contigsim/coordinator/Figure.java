package org.contigsim.coordinator;

import java.util.List;
import java.util.function.Function;

/**
 * One of a run's main figures, read from its {@link RunSummary.Figures}, for comparing variants.
 *
 * @param path where results.json holds it, e.g. {@code /wait_seconds/p95}; comparison.json nests
 *     the figure (or its interval over the replicas) at the same path
 * @param label what the comparison report calls it
 * @param charted whether the comparison report draws it (the others are in its table)
 * @param value the figure of a run, an Integer, Long or Double as results.json writes it; null
 *     when the run has none (fragmentation of a run without epochs)
 */
record Figure(String path, String label, boolean charted, Function<RunSummary.Figures, Number> value) {

    /** The figures compared, in the order comparison.json and the report give them. */
    static final List<Figure> ALL = List.of(
            new Figure("/jobs/submitted", "jobs submitted", false, f -> f.jobs().submitted()),
            new Figure("/jobs/started", "jobs started", true, f -> f.jobs().started()),
            new Figure("/jobs/completed", "jobs completed", false, f -> f.jobs().completed()),
            new Figure("/jobs/contiguous", "completed on contiguous buffers", true, f -> f.jobs().contiguous()),
            new Figure("/jobs/fallback", "completed on fallback buffers", false, f -> f.jobs().fallback()),
            new Figure("/jobs/failed", "jobs failed (waited longer than max-wait)", true, f -> f.jobs().failed()),
            new Figure("/jobs/running_at_end", "running at the end", false, f -> f.jobs().runningAtEnd()),
            new Figure("/jobs/waiting_at_end", "waiting at the end", false, f -> f.jobs().waitingAtEnd()),
            new Figure("/wait_seconds/p50", "wait p50 (s)", false, f -> f.waitSeconds().p50()),
            new Figure("/wait_seconds/p95", "wait p95 (s)", true, f -> f.waitSeconds().p95()),
            new Figure("/wait_seconds/p99", "wait p99 (s)", false, f -> f.waitSeconds().p99()),
            new Figure("/wait_seconds/max", "wait max (s)", false, f -> f.waitSeconds().max()),
            new Figure("/wait_seconds/mean", "wait mean (s)", false, f -> f.waitSeconds().mean()),
            new Figure("/throughput_mib_s/mean", "throughput mean (MiB/s)", true, f -> f.throughputMibS().mean()),
            new Figure("/throughput_mib_s/p5", "throughput p5 (MiB/s)", true, f -> f.throughputMibS().p5()),
            new Figure("/fragmentation/mean_unusable_index_order9/last_epoch",
                    "order-9 unusable index, last epoch (mean over hosts)", true,
                    f -> f.fragmentation().meanUnusableIndexOrder9().lastEpoch()),
            new Figure("/fragmentation/mean_unusable_index_order9/max", "order-9 unusable index, worst epoch", false,
                    f -> f.fragmentation().meanUnusableIndexOrder9().max()),
            new Figure("/fragmentation/mean_largest_contig_gib/last_epoch",
                    "largest contiguous range, last epoch (GiB, mean over hosts)", false,
                    f -> f.fragmentation().meanLargestContigGib().lastEpoch()),
            new Figure("/fragmentation/mean_largest_contig_gib/min", "largest contiguous range, worst epoch (GiB)",
                    false, f -> f.fragmentation().meanLargestContigGib().min()),
            new Figure("/compaction/pages_migrated", "pages migrated", true, f -> f.compaction().pagesMigrated()),
            new Figure("/compaction/simulated_seconds", "compaction time (simulated s)", false,
                    f -> f.compaction().simulatedSeconds()));

    /** The figure of a run, or null when the run has none. */
    Number in(RunSummary.Figures run) {
        return value.apply(run);
    }

    /** The keys of the objects that hold the figure, outermost first: wait_seconds for {@code /wait_seconds/p95}. */
    List<String> parents() {
        List<String> keys = List.of(path.substring(1).split("/"));
        return keys.subList(0, keys.size() - 1);
    }

    /** The figure's own key in its parent object: p95 for {@code /wait_seconds/p95}. */
    String key() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
