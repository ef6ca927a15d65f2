package org.contigsim.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.contigsim.hocon.InputException;
import org.contigsim.memory.KernelVersion;
import org.contigsim.script.ScriptRunner;

/**
 * Real kernels against the model: every kernel-lab run replayed as a memory script from the VM's
 * boot-time snapshot, its huge page requests paired with the guest's in order, and the absolute
 * percentage error per request and its mean (MAPE) per kernel. Writes {@code sim.conf} and
 * {@code sim.out} into each run's directory, so any row can be looked at and rerun by hand.
 */
public final class LabComparison {
    /** The model each lab kernel series is compared with: 6.12 has 6.1's fallback stealing but later code elsewhere. */
    public static final Map<String, KernelVersion> DEFAULT_MODELS = Map.of("6.1", KernelVersion.V6_1,
            "6.12", KernelVersion.V6_15);

    /** One huge page request: what the guest's nr_hugepages read back, what the model obtained. */
    public record Row(LabRun run, KernelVersion model, String step, long real, long simulated) {
        /** Signed percentage error of the model; 0 when both are 0. */
        public double errorPercent() {
            return real == 0 ? (simulated == 0 ? 0 : 100) : 100.0 * (simulated - real) / real;
        }
    }

    /** The comparison of all runs read: rows in run order, and the runs that could not be compared. */
    public record Result(List<Row> rows, List<String> skipped) {
        /** Per kernel series: MAPE, mean signed error and the worst row. */
        public Map<String, Summary> byKernel() {
            Map<String, List<Row>> groups = new TreeMap<>();
            for (Row r : rows) {
                groups.computeIfAbsent(r.run().kernel(), k -> new ArrayList<>()).add(r);
            }
            Map<String, Summary> out = new TreeMap<>();
            groups.forEach((k, rs) -> out.put(k, Summary.of(rs)));
            return out;
        }
    }

    /** A kernel's agreement: mean absolute and mean signed percentage error, and the worst request. */
    public record Summary(int requests, long runs, double mape, double bias, Row worst) {
        static Summary of(List<Row> rows) {
            double abs = 0;
            double signed = 0;
            Row worst = rows.get(0);
            for (Row r : rows) {
                abs += Math.abs(r.errorPercent());
                signed += r.errorPercent();
                if (Math.abs(r.errorPercent()) > Math.abs(worst.errorPercent())) {
                    worst = r;
                }
            }
            return new Summary(rows.size(), rows.stream().map(Row::run).distinct().count(), abs / rows.size(),
                    signed / rows.size(), worst);
        }
    }

    private LabComparison() {
    }

    /** The run directories under {@code out} (each holding a run.properties), in name order. */
    public static List<Path> runDirs(Path out) {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("run.properties"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares every run in {@code dirs}; failed runs and runs without a huge page request are skipped, with why. */
    public static Result compare(List<Path> dirs, Map<String, KernelVersion> models) {
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path dir : dirs) {
            LabRun run = LabRun.read(dir);
            if (!run.ok()) {
                skipped.add(run.name() + ": the guest did not finish (status failed)");
                continue;
            }
            KernelVersion model = models.get(run.kernel());
            if (model == null) {
                skipped.add(run.name() + ": no model for kernel " + run.kernel());
                continue;
            }
            List<Row> mine = compare(run, model);
            if (mine.isEmpty()) {
                skipped.add(run.name() + ": no huge page request to compare");
            }
            rows.addAll(mine);
        }
        return new Result(rows, skipped);
    }

    private static List<Row> compare(LabRun run, KernelVersion model) {
        Path script = run.dir().resolve("sim.conf");
        String text = LabScript.of(run, model);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Files.writeString(script, text, StandardCharsets.UTF_8);
            ScriptRunner.run(script, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Files.write(run.dir().resolve("sim.out"), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> simulated = simulatedHugepages(bytes.toString(StandardCharsets.UTF_8));
        List<LabRun.Step> asked = new ArrayList<>();
        for (LabRun.Step s : run.steps()) {
            if (s.text().startsWith("hugepages ")) {
                asked.add(s);
            }
        }
        List<String> real = new ArrayList<>();
        for (String e : run.events()) {
            if (e.startsWith("hugepages ")) {
                real.add(e);
            }
        }
        if (real.size() != asked.size() || simulated.size() != asked.size()) {
            throw new InputException(run.dir() + ": " + asked.size() + " hugepages steps, " + real.size()
                    + " hugepages events from the guest, " + simulated.size() + " from the model");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String[] w = real.get(i).split("\\s+"); // hugepages KB asked COUNT got N
            if (w.length < 6 || !w[5].matches("[0-9]{1,12}") || !w[3].matches("[0-9]{1,12}")) {
                throw new InputException(run.dir().resolve("trace.txt") + ": event '" + real.get(i)
                        + "': expected 'hugepages KB asked COUNT got N'");
            }
            if (Long.parseLong(w[3]) == 0) {
                continue; // a release: nothing obtained on either side
            }
            rows.add(new Row(run, model, asked.get(i).number() + ": " + asked.get(i).text(), Long.parseLong(w[5]),
                    simulated.get(i)));
        }
        return rows;
    }

    /** The pool sizes or pages obtained that the script's hugepages steps printed, in order. */
    static List<Long> simulatedHugepages(String output) {
        List<Long> out = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("{\"step\":\"hugepages\"")) {
                int at = Math.max(line.indexOf("\"obtained\":"), line.indexOf("\"pool\":"));
                String rest = line.substring(line.indexOf(':', at) + 1).replaceAll("[^0-9].*", "");
                out.add(Long.parseLong(rest));
            }
        }
        return out;
    }

    /** The table people read: one row per request, then each kernel's MAPE, bias and worst run. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-34s %-6s %-32s %7s %7s %8s%n", "run", "model", "request", "real",
                "sim", "error"));
        for (Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "%-34s %-6s %-32s %7d %7d %+7.1f%%%n", row.run().name(),
                    row.model().label(), row.step(), row.real(), row.simulated(), row.errorPercent()));
        }
        b.append('\n');
        r.byKernel().forEach((kernel, s) -> b.append(String.format(Locale.ROOT,
                "kernel %s: %d requests in %d runs, MAPE %.1f%%, mean error %+.1f%% (%s), worst %+.1f%% (%s, %s)%n",
                kernel, s.requests(), s.runs(), s.mape(), s.bias(),
                s.bias() >= 0 ? "the model gives more" : "the model gives fewer",
                s.worst().errorPercent(), s.worst().run().name(), s.worst().step())));
        for (String s : r.skipped()) {
            b.append("skipped ").append(s).append('\n');
        }
        return b.toString();
    }

    /** The rows as CSV, for a spreadsheet or a chart. */
    public static String csv(Result r) {
        StringBuilder b = new StringBuilder("run,kernel,release,memory_mib,cpus,workload,model,request,real,simulated,"
                + "error_percent\n");
        for (Row row : r.rows()) {
            LabRun run = row.run();
            b.append(String.join(",", run.name(), run.kernel(), run.release(), Long.toString(run.memoryBytes() >> 20),
                    Integer.toString(run.cpus()), run.workload(), row.model().label(), "\"" + row.step() + "\"",
                    Long.toString(row.real()), Long.toString(row.simulated()),
                    String.format(Locale.ROOT, "%.2f", row.errorPercent()))).append('\n');
        }
        return b.toString();
    }
}
