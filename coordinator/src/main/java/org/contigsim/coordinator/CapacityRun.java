package org.contigsim.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.contigsim.scenario.Variant;

/**
 * Runs a capacity search ({@link CapacitySearch}): each probe is the scenario with that many
 * hosts, run (with its replicas) into {@code DIR/hosts=N/}. Writes {@code DIR/results.json} with
 * the answer and every probe, and the comparison files over the probes, ordered by host count.
 */
final class CapacityRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacityRun() {
    }

    static void run(RunPlan plan, long seed, Path dir, Runner runner) throws IOException {
        CapacitySpec c = plan.capacity().orElseThrow();
        Sweep.Counter counter = new Sweep.Counter("at most " + plan.runs());
        List<Comparison.Entry> entries = new ArrayList<>();
        CapacitySearch.Outcome outcome = CapacitySearch.search(c.minHosts(), c.maxHosts(), hosts -> {
            Variant v = plan.probe(hosts);
            CapacitySearch.Tally[] tally = {new CapacitySearch.Tally(0, 0)};
            entries.add(Sweep.variant(v, plan.replicas(), seed, dir, runner, counter,
                    sim -> tally[0] = tally[0].plus(CapacitySearch.Tally.of(sim, c.waitNanos()))));
            return tally[0].judge(hosts, c.fraction());
        });
        Files.writeString(dir.resolve("results.json"), json(plan, seed, outcome) + "\n", StandardCharsets.UTF_8);
        entries.sort(Comparator.comparingInt(e -> e.variant().scenario().hosts()));
        Sweep.writeComparison(dir, plan.base().name() + ": capacity", Sweep.intro(plan, seed,
                outcome.probes().size() + " host counts probed"), entries, section(c, outcome));
    }

    static String json(RunPlan plan, long seed, CapacitySearch.Outcome outcome) throws IOException {
        CapacitySpec c = plan.capacity().orElseThrow();
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", plan.base().name());
        root.put("seed", seed);
        ObjectNode cap = root.putObject("capacity");
        if (outcome.hosts() == null) {
            cap.putNull("hosts");
        } else {
            cap.put("hosts", outcome.hosts());
        }
        ObjectNode target = cap.putObject("target");
        target.put("wait_seconds", c.waitNanos() / 1e9);
        target.put("fraction", c.fraction());
        target.put("min_hosts", c.minHosts());
        target.put("max_hosts", c.maxHosts());
        cap.put("replicas", plan.replicas());
        ArrayNode probes = cap.putArray("probes");
        for (CapacitySearch.Probe p : outcome.probes()) {
            ObjectNode o = probes.addObject();
            o.put("hosts", p.hosts());
            o.put("fraction", Comparison.round(p.fraction()));
            o.put("met", p.met());
            o.put("jobs", p.jobs());
            o.put("served", p.served());
        }
        return JSON.writeValueAsString(root);
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
