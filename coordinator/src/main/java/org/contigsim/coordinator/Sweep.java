package org.contigsim.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.contigsim.scenario.RunPlan;
import org.contigsim.scenario.Variant;
import org.contigsim.base.Rng;

/**
 * Runs a {@link RunPlan} of more than one run: every variant of a sweep, each replica of it, one
 * after the other, each into its own complete run directory, then {@code comparison.json} and
 * {@code comparison.html} beside them. A capacity search goes to {@link CapacityRun}.
 *
 * <p>Layout: {@code DIR/<variant>/} ({@code jobs.policy=buddy,hosts=8}); with replicas
 * {@code DIR/<variant>/replica-<r>/}, or {@code DIR/replica-<r>/} without a sweep. Every variant
 * runs with the same seeds (common random numbers: the same job arrivals and background on the
 * same hosts, so differences come from what the variants change); replica 0 runs with the run's
 * seed, replica r with {@link #replicaSeed}. Everything written depends only on the file and the
 * seed.
 */
public final class Sweep {
    static final String COMPARISON_JSON = "comparison.json";
    static final String COMPARISON_HTML = "comparison.html";
    /** Replica r's entity id in {@link Rng#seedFor}: apart from host ids and the job arrival stream. */
    private static final long REPLICA_STREAM = 1L << 40;

    /**
     * A variant's replicas, run.
     *
     * @param entry the variant and its runs' main figures
     * @param each what was taken from each finished simulation, in replica order
     */
    record Ran<T>(Comparison.Entry entry, List<T> each) {
        Ran {
            each = List.copyOf(each);
        }
    }

    private Sweep() {
    }

    /** The seed of replica {@code replica}: the run's own seed for replica 0. */
    public static long replicaSeed(long seed, int replica) {
        return replica == 0 ? seed : Rng.seedFor(seed, REPLICA_STREAM + replica);
    }

    /**
     * Runs every run of {@code plan} into {@code dir} (an empty directory: the caller publishes it
     * once this returns) and writes the comparison files; returns what the capacity search found
     * when the plan is one (its results.json), else nothing.
     */
    public static Optional<CapacityResults> run(RunPlan plan, long seed, Path dir, Runner runner) throws IOException {
        if (plan.single()) {
            throw new IllegalArgumentException("one run is not a sweep: run it on its own");
        }
        if (plan.capacity().isPresent()) {
            return Optional.of(CapacityRun.run(plan, seed, dir, runner));
        }
        Counter counter = new Counter(Integer.toString(plan.runs()));
        List<Comparison.Entry> entries = new ArrayList<>();
        for (Variant v : plan.variants()) {
            // only the figures are compared; nothing else is taken from the runs (their seeds, unused)
            entries.add(variant(v, plan.replicas(), seed, dir, runner, counter, Simulation::seed).entry());
        }
        List<String> keys = new ArrayList<>();
        for (Variant.Setting s : plan.variants().get(0).settings()) {
            keys.add(s.key());
        }
        String name = plan.base().name();
        String title = keys.isEmpty() ? name + ": " + plan.replicas() + " replicas" : name + ": sweep over "
                + String.join(", ", keys);
        writeComparison(dir, title, intro(plan, seed, plan.variants().size() + " variants"), entries, "");
        return Optional.empty();
    }

    /**
     * Runs one variant's replicas into its directory.
     *
     * @param each what to take from every finished simulation before it is dropped
     */
    static <T> Ran<T> variant(Variant v, int replicas, long seed, Path root, Runner runner, Counter counter,
            Function<Simulation, T> each) throws IOException {
        String label = v.label();
        Path variantDir = label.isEmpty() ? root : root.resolve(label);
        List<RunSummary.Figures> runs = new ArrayList<>();
        List<T> taken = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            long s = replicaSeed(seed, r);
            Path dir = replicas == 1 ? variantDir : variantDir.resolve("replica-" + r);
            String progress = counter.next() + ": " + (label.isEmpty() ? "" : label + ", ")
                    + (replicas == 1 ? "" : "replica " + r + ", ") + "seed " + s;
            Simulation sim = runner.run(v.scenario(), s, dir, progress);
            runs.add(RunResults.summary(sim).figures());
            taken.add(each.apply(sim));
        }
        String shown = root.relativize(variantDir).toString();
        return new Ran<>(new Comparison.Entry(v, shown.isEmpty() ? "." : shown, runs), taken);
    }

    static String intro(RunPlan plan, long seed, String what) {
        return "Scenario " + org.contigsim.report.Html.escape(plan.base().name()) + ", seed " + seed + ": " + what
                + (plan.replicas() == 1 ? ", one run each" : ", " + plan.replicas() + " replicas each (replica 0 with "
                        + "the seed, the others with seeds derived from it)")
                + ". Every variant runs with the same seeds, so the same jobs arrive at the same times.";
    }

    static void writeComparison(Path dir, String title, String intro, List<Comparison.Entry> entries, String extra)
            throws IOException {
        Files.writeString(dir.resolve(COMPARISON_JSON), Comparison.json(entries), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(COMPARISON_HTML), ComparisonReport.html(title, intro, entries, extra),
                StandardCharsets.UTF_8);
    }

    /** Numbers the runs for the progress text: {@code run 3 of 12}. */
    static final class Counter {
        private final String total;
        private int done;

        Counter(String total) {
            this.total = total;
        }

        String next() {
            return "run " + (++done) + " of " + total;
        }
    }
}
