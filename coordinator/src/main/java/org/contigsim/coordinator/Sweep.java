package org.contigsim.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sweep() {
    }

    /** The seed of replica {@code replica}: the run's own seed for replica 0. */
    public static long replicaSeed(long seed, int replica) {
        return replica == 0 ? seed : Rng.seedFor(seed, REPLICA_STREAM + replica);
    }

    /**
     * Runs every run of {@code plan} into {@code dir} (an empty directory: the caller publishes it
     * once this returns) and writes the comparison files.
     */
    public static void run(RunPlan plan, long seed, Path dir, Runner runner) throws IOException {
        if (plan.single()) {
            throw new IllegalArgumentException("one run is not a sweep: run it on its own");
        }
        if (plan.capacity().isPresent()) {
            CapacityRun.run(plan, seed, dir, runner);
            return;
        }
        Counter counter = new Counter(Integer.toString(plan.runs()));
        List<Comparison.Entry> entries = new ArrayList<>();
        for (Variant v : plan.variants()) {
            entries.add(variant(v, plan.replicas(), seed, dir, runner, counter, sim -> { }));
        }
        List<String> keys = new ArrayList<>();
        for (Variant.Setting s : plan.variants().get(0).settings()) {
            keys.add(s.key());
        }
        String name = plan.base().name();
        String title = keys.isEmpty() ? name + ": " + plan.replicas() + " replicas" : name + ": sweep over "
                + String.join(", ", keys);
        writeComparison(dir, title, intro(plan, seed, plan.variants().size() + " variants"), entries, "");
    }

    /**
     * Runs one variant's replicas into its directory.
     *
     * @param each sees every finished simulation before it is dropped
     */
    static Comparison.Entry variant(Variant v, int replicas, long seed, Path root, Runner runner, Counter counter,
            Consumer<Simulation> each) throws IOException {
        String label = v.label();
        Path variantDir = label.isEmpty() ? root : root.resolve(label);
        List<JsonNode> runs = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            long s = replicaSeed(seed, r);
            Path dir = replicas == 1 ? variantDir : variantDir.resolve("replica-" + r);
            String progress = counter.next() + ": " + (label.isEmpty() ? "" : label + ", ")
                    + (replicas == 1 ? "" : "replica " + r + ", ") + "seed " + s;
            Simulation sim = runner.run(v.scenario(), s, dir, progress);
            runs.add(Figure.only(JSON.readTree(RunResults.json(sim))));
            each.accept(sim);
        }
        String shown = root.relativize(variantDir).toString();
        return new Comparison.Entry(v, shown.isEmpty() ? "." : shown, runs);
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
