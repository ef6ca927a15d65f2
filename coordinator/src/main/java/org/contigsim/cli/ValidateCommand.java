package org.contigsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.contigsim.scenario.Scenario;
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
        description = "Exit 0 and no output when the scenario is valid; otherwise one line naming the file, line and "
                + "key, and exit 2. --print shows the fully resolved scenario (every default filled in) on stdout.",
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
        Scenario scenario = ScenarioFiles.load(scenarioFile);
        if (print) {
            spec.commandLine().getOut().print(scenario.render());
            spec.commandLine().getOut().flush();
        }
        return Main.EXIT_OK;
    }
}
