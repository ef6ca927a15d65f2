package org.contigsim.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * One request of one configuration (kernel, RAM, CPUs, workload) over its repeated boots
     * ({@code run.sh --repeat}: directories {@code NAME-r1}, {@code NAME-r2}, ...): a guest's result
     * varies from boot to boot, so the model, started from each boot's own snapshot, is held to the
     * mean of the guests.
     */
    public record Cell(String config, String kernel, KernelVersion model, String step, List<Row> rows) {
        public double realMean() {
            return rows.stream().mapToLong(Row::real).average().orElse(0);
        }

        public double simulatedMean() {
            return rows.stream().mapToLong(Row::simulated).average().orElse(0);
        }

        public long realMin() {
            return rows.stream().mapToLong(Row::real).min().orElse(0);
        }

        public long realMax() {
            return rows.stream().mapToLong(Row::real).max().orElse(0);
        }

        /** Signed percentage error of the model's mean against the guests' mean. */
        public double errorPercent() {
            double real = realMean();
            return real == 0 ? (simulatedMean() == 0 ? 0 : 100) : 100.0 * (simulatedMean() - real) / real;
        }
    }

    /** The comparison of all runs read: rows in run order, and the runs that could not be compared. */
    public record Result(List<Row> rows, List<String> skipped) {
        /** The rows grouped by configuration and request, repeats together, in run order. */
        public List<Cell> cells() {
            Map<String, List<Row>> groups = new LinkedHashMap<>();
            for (Row r : rows) {
                groups.computeIfAbsent(config(r.run()) + "\n" + r.step(), k -> new ArrayList<>()).add(r);
            }
            List<Cell> out = new ArrayList<>();
            for (List<Row> g : groups.values()) {
                Row first = g.get(0);
                out.add(new Cell(config(first.run()), first.run().kernel(), first.model(), first.step(), g));
            }
            return out;
        }

        /** Per kernel series: MAPE over its cells, mean signed error and the worst cell. */
        public Map<String, Summary> byKernel() {
            Map<String, List<Cell>> groups = new TreeMap<>();
            for (Cell c : cells()) {
                groups.computeIfAbsent(c.kernel(), k -> new ArrayList<>()).add(c);
            }
            Map<String, Summary> out = new TreeMap<>();
            groups.forEach((k, cs) -> out.put(k, Summary.of(cs)));
            return out;
        }
    }

    /** A kernel's agreement: mean absolute and mean signed percentage error, and the worst cell. */
    public record Summary(int requests, long configs, double mape, double bias, Cell worst) {
        static Summary of(List<Cell> cells) {
            double abs = 0;
            double signed = 0;
            Cell worst = cells.get(0);
            for (Cell c : cells) {
                abs += Math.abs(c.errorPercent());
                signed += c.errorPercent();
                if (Math.abs(c.errorPercent()) > Math.abs(worst.errorPercent())) {
                    worst = c;
                }
            }
            return new Summary(cells.size(), cells.stream().map(Cell::config).distinct().count(),
                    abs / cells.size(), signed / cells.size(), worst);
        }
    }

    /** A run's configuration: its directory name without the {@code -rN} of a repeated boot. */
    static String config(LabRun run) {
        return run.name().replaceFirst("-r[0-9]+$", "");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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
            if (!line.startsWith("{")) {
                continue; // print steps write the kernel's own files
            }
            JsonNode step;
            try {
                step = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a script printed a line that is not JSON: " + line, e);
            }
            if (step.path("step").asText().equals("hugepages")) {
                out.add((step.has("pool") ? step.get("pool") : step.get("obtained")).asLong());
            }
        }
        return out;
    }

    /** The table people read: one line per request (guests' mean and range over repeats), then each kernel's MAPE. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-30s %-5s %-30s %5s %15s %7s %8s%n", "configuration", "model", "request",
                "boots", "real (range)", "sim", "error"));
        for (Cell c : r.cells()) {
            String real = c.rows().size() == 1 ? Long.toString(c.realMax())
                    : String.format(Locale.ROOT, "%.0f (%d-%d)", c.realMean(), c.realMin(), c.realMax());
            b.append(String.format(Locale.ROOT, "%-30s %-5s %-30s %5d %15s %7.0f %+7.1f%%%n", c.config(),
                    c.model().label(), c.step(), c.rows().size(), real, c.simulatedMean(), c.errorPercent()));
        }
        b.append('\n');
        r.byKernel().forEach((kernel, s) -> b.append(String.format(Locale.ROOT,
                "kernel %s: %d requests in %d configurations, MAPE %.1f%%, mean error %+.1f%% (%s), worst %+.1f%% "
                        + "(%s, %s)%n",
                kernel, s.requests(), s.configs(), s.mape(), s.bias(),
                s.bias() > 0 ? "the model gives more" : s.bias() < 0 ? "the model gives fewer" : "no bias",
                s.worst().errorPercent(), s.worst().config(), s.worst().step())));
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
