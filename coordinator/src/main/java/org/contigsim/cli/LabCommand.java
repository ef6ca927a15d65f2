package org.contigsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.contigsim.hocon.InputException;
import org.contigsim.lab.LabComparison;
import org.contigsim.memory.KernelVersion;
import org.contigsim.runtime.Io;
import org.contigsim.runtime.RunFailure;
import org.contigsim.runtime.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contigsim lab}: the kernel lab's runs (validation/kernel-lab/) against the model, one row
 * per huge page request and the MAPE per kernel.
 */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "Compares kernel-lab runs on real kernels with the same workloads simulated.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim lab [--model SERIES=VERSION]... [--max-mape PCT] DIR...",
        descriptionHeading = "%n",
        description = {
            "DIR is the output directory of validation/kernel-lab/run.sh (every run directory in it) or one "
                    + "run's directory. Each run's workload is translated to a memory script started from the VM's "
                    + "own boot-time /proc snapshot (written as sim.conf in the run's directory, its output as "
                    + "sim.out), and each huge page request is paired with the guest's. Prints the table and each "
                    + "kernel's mean absolute percentage error; with one output directory also writes "
                    + "comparison.txt and comparison.csv into it."
        },
        optionListHeading = "%nOptions:%n")
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "A run.sh output directory, or run directories.")
    List<Path> dirs;

    @Option(names = "--model", paramLabel = "SERIES=VERSION", order = 1,
            description = "The modelled kernel a lab kernel series is compared with (default 6.1=6.1, 6.12=6.15).")
    List<String> models = new ArrayList<>();

    @Option(names = "--max-mape", paramLabel = "PCT", order = 2,
            description = "Exit 1 when a kernel's MAPE is above this (for CI).")
    Double maxMape;

    @Override
    public Integer call() {
        Map<String, KernelVersion> byKernel = models();
        List<Path> runs = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new UsageException("DIR: " + d + ": " + (Files.exists(d) ? "not a directory" : "no such directory"));
            }
            runs.addAll(Files.isRegularFile(d.resolve("run.properties")) ? List.of(d) : LabComparison.runDirs(d));
        }
        if (runs.isEmpty()) {
            throw new UsageException("DIR: no kernel-lab run (a directory with run.properties) in " + dirs);
        }
        LabComparison.Result result;
        try {
            result = LabComparison.compare(runs, byKernel);
        } catch (InputException e) {
            throw new UsageException(e.getMessage(), e);
        }
        String table = LabComparison.table(result);
        if (dirs.size() == 1 && !Files.isRegularFile(dirs.get(0).resolve("run.properties"))) {
            write(dirs.get(0).resolve("comparison.txt"), table);
            write(dirs.get(0).resolve("comparison.csv"), LabComparison.csv(result));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        out.flush();
        if (maxMape != null) {
            result.byKernel().forEach((kernel, s) -> {
                if (s.mape() > maxMape) {
                    throw new RunFailure("kernel " + kernel + ": MAPE " + String.format("%.1f", s.mape())
                            + "% is above --max-mape " + maxMape + "%");
                }
            });
        }
        return Main.EXIT_OK;
    }

    private Map<String, KernelVersion> models() {
        Map<String, KernelVersion> out = new LinkedHashMap<>(LabComparison.DEFAULT_MODELS);
        for (String m : models) {
            String[] kv = m.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new UsageException("--model: '" + m + "' is not SERIES=VERSION (e.g. 6.12=6.1)");
            }
            out.put(kv[0].strip(), KernelVersion.named(kv[1].strip()).orElseThrow(() -> new UsageException(
                    "--model: '" + kv[1].strip() + "' is not a modelled kernel (known: "
                            + String.join(", ", KernelVersion.names()) + ")")));
        }
        return out;
    }

    private static void write(Path file, String text) {
        try {
            Io.writeAtomically(file, text);
        } catch (IOException e) {
            throw new RunFailure(Io.describe(file.toString(), e));
        }
    }
}
