package org.contigsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.contigsim.nic.Calibration;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.runtime.Io;
import org.contigsim.runtime.UsageException;
import org.contigsim.singlehost.NicFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        NicFit fit = NicFit.of(start, rows, !noFit, table == null ? "the shipped connectx5-edr ib_read_bw table"
                : table.toString());
        if (svg != null) {
            writeAtomically(svg, fit.chart());
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(fit.text());
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

    private static void writeAtomically(Path file, String text) {
        try {
            Io.writeAtomically(file, text);
        } catch (IOException e) {
            throw new UsageException("--svg: " + Io.describe(file.toString(), e), e);
        }
    }
}
