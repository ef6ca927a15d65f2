package org.contigsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.contigsim.scenario.RunPlan;
import org.contigsim.scenario.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contigsim validate}: checks a scenario file and nothing else. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        header = "Checks a scenario file without running it.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim validate SCENARIO [--print]",
        descriptionHeading = "%n",
        description = {
            "Exit 0 and no output when the scenario is valid; otherwise one line naming the file, line and "
                    + "key, and exit 2. --print shows the fully resolved scenario (every default filled in) on stdout.",
            "",
            "A file with a sweep, replicas or a capacity block is valid when every variant it describes is; the "
                    + "command then prints how many variants and runs it takes, and --print shows each variant."
        },
        optionListHeading = "%nOptions:%n")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON), see docs/scenarios.md.")
    Path scenarioFile;

    @Option(names = "--print", description = "Print the resolved scenario.")
    boolean print;

    @Override
    public Integer call() {
        RunPlan plan = ScenarioFiles.loadPlan(scenarioFile);
        PrintWriter out = spec.commandLine().getOut();
        if (!plan.single()) {
            out.println(describe(plan));
        }
        if (print) {
            for (Variant v : plan.variants()) {
                if (!plan.single()) {
                    out.println("# " + (!v.label().isEmpty() ? v.label() : plan.capacity().isPresent()
                            ? "every probe, with the probe's hosts" : "every replica"));
                }
                out.print(v.scenario().render());
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** How many runs the plan takes: {@code 4 variants x 3 replicas = 12 runs}. */
    static String describe(RunPlan plan) {
        String replicas = plan.replicas() == 1 ? "" : " x " + plan.replicas() + " replicas";
        return plan.capacity().map(c -> "capacity search over " + c.minHosts() + " to " + c.maxHosts() + " hosts: "
                + "at most " + c.maxProbes() + (c.maxProbes() == 1 ? " probe" : " probes") + replicas + " = at most "
                + plan.runs() + (plan.runs() == 1 ? " run" : " runs"))
                .orElse(plan.variants().size() + (plan.variants().size() == 1 ? " variant" : " variants") + replicas
                        + " = " + plan.runs() + (plan.runs() == 1 ? " run" : " runs"));
    }
}
