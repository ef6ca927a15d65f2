package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contigsim.report.Charts;
import org.contigsim.report.Html;

/**
 * {@code report.html}: a run's results for people, in one self-contained file (inline CSS and SVG,
 * no script, nothing loaded from anywhere; charts by {@link Charts}). Built from the run's
 * {@link RunSummary} (what results.json holds) and its epoch records and jobs, so on one machine it
 * too depends only on scenario and seed (the charts' text is laid out with the fonts the JVM finds).
 */
final class RunReport {
    private static final double MINUTE = 60e9;
    private static final double GIB = 1L << 30;

    private RunReport() {
    }

    /** @param summary what {@code sim} found (its results.json) */
    static String html(Simulation sim, RunSummary summary) {
        List<EpochRecord> epochs = sim.records();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>contigsim: ")
                .append(Html.escape(sim.scenario().name())).append(" (seed ").append(sim.seed())
                .append(")</title>\n<style>body{font-family:sans-serif;max-width:820px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #ddd;"
                        + "text-align:right}th{text-align:left}h2{margin-top:1.6em}</style></head><body>\n");
        h.append("<h1>").append(Html.escape(sim.scenario().name())).append("</h1>\n<p>Seed ").append(sim.seed())
                .append(", ").append(sim.scenario().hosts()).append(" hosts of ")
                .append(gib(sim.scenario().host().memoryBytes())).append(" GiB, ").append(epochs.size())
                .append(" epochs, ").append(minutes(sim.nowNanos())).append(" simulated minutes (warm-up ")
                .append(minutes(sim.scenario().warmupNanos())).append(").</p>\n");
        summary(h, summary.figures().jobs());

        double[] t = new double[epochs.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = epochs.get(i).endNanos() / MINUTE;
        }
        h.append("<h2>Jobs over time</h2>\n").append(new Charts.Lines("Jobs at the end of each epoch",
                "simulated minutes", Charts.Scale.LINEAR, "jobs", Charts.Scale.LINEAR)
                .add(series("arrived", "#7f7f7f", t, epochs, r -> r.jobsArrived()))
                .add(series("completed", "#2ca02c", t, epochs, r -> r.jobsCompleted()))
                .add(series("running", "#1f77b4", t, epochs, r -> r.jobsRunning()))
                .add(series("waiting", "#ff7f0e", t, epochs, r -> r.jobsWaiting()))
                .add(series("failed", "#d62728", t, epochs, r -> r.jobsFailed()))
                .svg("jobs"));

        h.append("<h2>Contiguity over time</h2>\n").append(new Charts.Lines("Hosts' memory at the end of each epoch",
                "simulated minutes", Charts.Scale.LINEAR, "GiB", Charts.Scale.LINEAR)
                .add(series("mean largest contiguous range", "#1f77b4", t, epochs, EpochRecord::meanLargestContigGib))
                .add(series("smallest largest contiguous range", "#d62728", t, epochs,
                        EpochRecord::minLargestContigGib))
                .add(series("mean free memory", "#7f7f7f", t, epochs, EpochRecord::meanFreeGib))
                .svg("contiguity"));

        h.append("<h2>Fragmentation over time</h2>\n").append(new Charts.Lines(
                "Unusable free space index for 2 MiB (order 9), mean over hosts", "simulated minutes",
                Charts.Scale.LINEAR, "index (0: all free memory usable, 1: none)", Charts.Scale.LINEAR)
                .add(series("order-9 unusable index", "#9467bd", t, epochs, EpochRecord::meanUnusableIndex9))
                .svg("fragmentation"));

        List<Job> started = new ArrayList<>();
        for (Job j : sim.jobs()) {
            if (j.startNanos >= 0) {
                started.add(j);
            }
        }
        double[] startMin = new double[started.size()];
        double[] mibs = new double[started.size()];
        double[] waits = new double[started.size()];
        for (int i = 0; i < started.size(); i++) {
            Job j = started.get(i);
            startMin[i] = j.startNanos / MINUTE;
            mibs[i] = j.mibPerSecond;
            waits[i] = j.waitNanos() / 1e9;
        }
        h.append("<h2>Throughput of the jobs</h2>\n").append(new Charts.Lines("RDMA throughput each job got, by start",
                "simulated minutes", Charts.Scale.LINEAR, "MiB/s", Charts.Scale.LINEAR)
                .add(jobs("contiguous buffers", "#1f77b4", started, startMin, mibs, true))
                .add(jobs("fallback buffers", "#ff7f0e", started, startMin, mibs, false)).svg("throughput"));
        h.append("<h2>Waiting for buffers</h2>\n").append(new Charts.Lines("How long each job waited for its buffers",
                "simulated minutes (start)", Charts.Scale.LINEAR, "seconds", Charts.Scale.LINEAR)
                .add(new Charts.Series("job", "#ff7f0e", true, startMin, waits)).svg("waits"));
        h.append("<p>Data: results.json, epochs.csv, jobs.csv, hosts.csv; scenario: scenario.conf.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, RunSummary.Jobs n) {
        h.append("<table>\n");
        row(h, "jobs arrived", Integer.toString(n.submitted()));
        row(h, "completed on contiguous buffers", Integer.toString(n.contiguous()));
        row(h, "completed on fallback buffers", Integer.toString(n.fallback()));
        row(h, "running at the end", Integer.toString(n.runningAtEnd()));
        row(h, "waiting at the end", Integer.toString(n.waitingAtEnd()));
        row(h, "failed (waited longer than max-wait)", Integer.toString(n.failed()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static Charts.Series series(String name, String color, double[] t, List<EpochRecord> epochs,
            java.util.function.ToDoubleFunction<EpochRecord> f) {
        double[] y = new double[epochs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(epochs.get(i));
        }
        return new Charts.Series(name, color, false, t, y);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / GIB);
    }

    private static String minutes(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / MINUTE);
    }

    /** The started jobs whose buffers were (or were not) all contiguous, as points. */
    private static Charts.Series jobs(String name, String colour, List<Job> started, double[] x, double[] y,
            boolean contiguous) {
        int n = 0;
        for (Job j : started) {
            n += j.contiguous == contiguous ? 1 : 0;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < started.size(); i++) {
            if (started.get(i).contiguous == contiguous) {
                xs[k] = x[i];
                ys[k++] = y[i];
            }
        }
        return new Charts.Series(name, colour, true, xs, ys);
    }
}
