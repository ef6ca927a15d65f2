package org.contigsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.contigsim.nic.Calibration;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.report.SvgChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.contigsim.runtime.UsageException;

/**
 * {@code contigsim nic-fit}: fits a NIC profile's free parameters to an ib_read_bw table and
 * shows the residuals (and a chart), so a profile can be calibrated on your own NICs.
 */
@Command(
        name = "nic-fit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "Calibrates the NIC model on an ib_read_bw table (memalign vs contiguous) and shows the residuals.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim nic-fit [--table FILE] [--profile NAME] [--no-fit] [--svg FILE]",
        descriptionHeading = "%n",
        description = {
            "Reads a table of perftest ib_read_bw -a results, one 'size_bytes,memalign_mib_s,contiguous_mib_s' "
                    + "row per message size ('#' comments and a header line allowed; default: the ConnectX-5 EDR "
                    + "table connectx5-edr was calibrated on), fits the profile's link overhead, per-message costs, "
                    + "round trip, MTT lookup and pipeline exponent to it (docs/nic-model.md), and prints the fitted "
                    + "values in nic-profiles.conf syntax and a Markdown table of measured versus model.",
            "",
            "--no-fit shows the profile's own residuals instead. --svg also writes the chart."
        },
        optionListHeading = "%nOptions:%n")
final class NicFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--table", paramLabel = "FILE", order = 1,
            description = "ib_read_bw results as CSV. Default: the shipped ConnectX-5 EDR table.")
    Path table;

    @Option(names = "--profile", paramLabel = "NAME", order = 2, defaultValue = DeviceProfile.DEFAULT,
            converter = Choices.Profile.class,
            description = "Profile to start from (its link, PCIe and window stay as they are). "
                    + "Default: ${DEFAULT-VALUE}.")
    DeviceProfile profile;

    @Option(names = "--no-fit", order = 3, description = "Show the profile's residuals without fitting.")
    boolean noFit;

    @Option(names = "--svg", paramLabel = "FILE", order = 4, description = "Write the measured-versus-model chart here.")
    Path svg;

    @Override
    public Integer call() {
        DeviceProfile start = profile;
        List<Calibration.Row> rows = rows();
        DeviceProfile p = noFit ? start : Calibration.fit(start, rows);
        List<Calibration.Residual> residuals = Calibration.residuals(p, rows);
        StringBuilder out = new StringBuilder();
        out.append("# ").append(noFit ? "profile " : "fitted ").append(p.name()).append(" on ")
                .append(table == null ? "the shipped connectx5-edr ib_read_bw table" : table.toString())
                .append(" (").append(rows.size()).append(" rows)\n");
        for (String kv : Calibration.describe(p).split(" ")) {
            out.append(kv.replace("=", " = ")).append('\n');
        }
        out.append('\n').append(markdown(residuals));
        if (svg != null) {
            writeAtomically(svg, chart(p, rows));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(out);
        w.flush();
        return Main.EXIT_OK;
    }

    private List<Calibration.Row> rows() {
        if (table == null) {
            return Calibration.connectx5Reference();
        }
        try (Reader r = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            return Calibration.parse(r, table.toString());
        } catch (IOException e) {
            throw new UsageException("--table: " + Io.describe(table.toString(), e), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static String markdown(List<Calibration.Residual> residuals) {
        StringBuilder sb = new StringBuilder();
        sb.append("| size (B) | memalign measured | memalign model | error | contiguous measured | contiguous model "
                + "| error |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        double m = 0;
        double c = 0;
        for (Calibration.Residual r : residuals) {
            sb.append(String.format(Locale.ROOT, "| %,d | %,.2f | %,.2f | %+.1f%% | %,.2f | %,.2f | %+.1f%% |%n",
                    r.size(), r.memalign(), r.memalignModel(), 100 * r.memalignError(), r.contiguous(),
                    r.contiguousModel(), 100 * r.contiguousError()));
            m += Math.abs(r.memalignError());
            c += Math.abs(r.contiguousError());
        }
        sb.append(String.format(Locale.ROOT, "%nMean absolute error: memalign %.1f%%, contiguous %.1f%%%n",
                100 * m / residuals.size(), 100 * c / residuals.size()));
        return sb.toString();
    }

    static String chart(DeviceProfile p, List<Calibration.Row> rows) {
        List<Double> sizes = new ArrayList<>();
        for (double s = 2; s <= 8 << 20; s *= Math.pow(2, 0.25)) {
            sizes.add((double) Math.round(s));
        }
        double[] x = sizes.stream().mapToDouble(Double::doubleValue).toArray();
        double[] modelMemalign = new double[x.length];
        double[] modelContiguous = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] v = Calibration.predict(p, (long) x[i]);
            modelMemalign[i] = v[0];
            modelContiguous[i] = v[1];
        }
        double[] mx = rows.stream().mapToDouble(Calibration.Row::size).toArray();
        return new SvgChart("RDMA READ bandwidth, " + p.name() + ": measured vs model", "message size",
                SvgChart.Scale.LOG2_BYTES, "MiB/s", SvgChart.Scale.LOG10)
                .add(new SvgChart.Series("contiguous, model", "#1f77b4", false, x, modelContiguous))
                .add(new SvgChart.Series("contiguous, measured", "#1f77b4", true, mx,
                        rows.stream().mapToDouble(Calibration.Row::contiguous).toArray()))
                .add(new SvgChart.Series("memalign (4 KiB pages), model", "#d62728", false, x, modelMemalign))
                .add(new SvgChart.Series("memalign (4 KiB pages), measured", "#d62728", true, mx,
                        rows.stream().mapToDouble(Calibration.Row::memalign).toArray()))
                .render();
    }

    private static void writeAtomically(Path file, String text) {
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
            throw new UsageException("--svg: " + Io.describe(file.toString(), e), e);
        }
    }
}
