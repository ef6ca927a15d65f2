package org.contigsim.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.contigsim.report.Charts;
import org.contigsim.scenario.CapacitySpec;
import org.contigsim.scenario.RunPlan;

/**
 * Runs a capacity search ({@link CapacitySearch}): each probe is the scenario with that many
 * hosts, run (with its replicas) into {@code DIR/hosts=N/}. Writes {@code DIR/results.json} with
 * the answer and every probe ({@link CapacityResults}), and the comparison files over the probes,
 * ordered by host count.
 */
final class CapacityRun {
    private CapacityRun() {
    }

    static CapacityResults run(RunPlan plan, long seed, Path dir, Runner runner) throws IOException {
        CapacitySpec c = plan.capacity().orElseThrow();
        Prober prober = new Prober(plan, seed, dir, runner, c);
        CapacitySearch.Outcome outcome = CapacitySearch.search(c.minHosts(), c.maxHosts(), prober);
        CapacityResults results = CapacityResults.of(plan.base().name(), seed, c, plan.replicas(), outcome);
        Files.writeString(dir.resolve("results.json"), ResultsJson.write(results), StandardCharsets.UTF_8);
        Sweep.writeComparison(dir, plan.base().name() + ": capacity", Sweep.intro(plan, seed,
                outcome.probes().size() + " host counts probed"), prober.entries(), section(c, outcome));
        return results;
    }

    /** Runs the replicas of each host count the search asks for, keeping each run for the comparison report. */
    private static final class Prober implements CapacitySearch.Evaluator {
        private final RunPlan plan;
        private final long seed;
        private final Path dir;
        private final Runner runner;
        private final CapacitySpec capacity;
        private final Sweep.Counter counter;
        private final List<Comparison.Entry> entries = new ArrayList<>();

        Prober(RunPlan plan, long seed, Path dir, Runner runner, CapacitySpec capacity) {
            this.plan = plan;
            this.seed = seed;
            this.dir = dir;
            this.runner = runner;
            this.capacity = capacity;
            this.counter = new Sweep.Counter("at most " + plan.runs());
        }

        @Override
        public CapacitySearch.Probe probe(int hosts) throws IOException {
            Sweep.Ran<CapacitySearch.Tally> ran = Sweep.variant(plan.probe(hosts), plan.replicas(), seed, dir, runner,
                    counter, sim -> CapacitySearch.Tally.of(sim, capacity.waitNanos()));
            entries.add(ran.entry());
            return ran.each().stream().reduce(new CapacitySearch.Tally(0, 0), CapacitySearch.Tally::plus)
                    .judge(hosts, capacity.fraction());
        }

        /** The runs so far, by host count. */
        List<Comparison.Entry> entries() {
            List<Comparison.Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingInt(e -> e.variant().scenario().hosts()));
            return sorted;
        }
    }

    /** The answer for people, and the served fraction of every probe against the target. */
    private static String section(CapacitySpec c, CapacitySearch.Outcome outcome) {
        String target = percent(c.fraction()) + " of the jobs start within " + seconds(c.waitNanos())
                + " of arriving";
        StringBuilder h = new StringBuilder("<h2>Capacity</h2>\n<p>");
        if (outcome.hosts() == null) {
            h.append("Even ").append(c.maxHosts()).append(" hosts do not meet the target (").append(target)
                    .append(").");
        } else {
            h.append("<b>").append(outcome.hosts()).append(" hosts</b> are the fewest that meet the target: ")
                    .append(target).append('.');
        }
        h.append(" Counted: the jobs that arrived at least ").append(seconds(c.waitNanos()))
                .append(" before the end. The search bisects ").append(c.minHosts()).append(" to ")
                .append(c.maxHosts()).append(" hosts assuming more hosts never serve fewer jobs in time. Probes in "
                        + "order:");
        List<String> probes = new ArrayList<>();
        for (CapacitySearch.Probe p : outcome.probes()) {
            probes.add(p.hosts() + " (" + percent(p.fraction()) + (p.met() ? ", met)" : ")"));
        }
        h.append(' ').append(String.join(", ", probes)).append(".</p>\n");
        List<CapacitySearch.Probe> byHosts = new ArrayList<>(outcome.probes());
        byHosts.sort(Comparator.comparingInt(CapacitySearch.Probe::hosts));
        double[] x = new double[byHosts.size()];
        double[] y = new double[byHosts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = byHosts.get(i).hosts();
            y[i] = byHosts.get(i).fraction() * 100;
        }
        double[] ends = {c.minHosts(), c.maxHosts()};
        h.append(new Charts.Lines("Jobs served in time, by host count", "hosts", Charts.Scale.LINEAR,
                "% of counted jobs started within " + seconds(c.waitNanos()), Charts.Scale.LINEAR)
                .add(new Charts.Series("target", "#d62728", false, ends, new double[] {c.fraction() * 100,
                    c.fraction() * 100}))
                .add(new Charts.Series("probe", "#1f77b4", true, x, y)).svg("capacity"));
        return h.toString();
    }

    private static String percent(double fraction) {
        return ComparisonReport.format(Comparison.round(fraction * 100)) + "%";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%s s", ComparisonReport.format(nanos / 1e9));
    }
}
