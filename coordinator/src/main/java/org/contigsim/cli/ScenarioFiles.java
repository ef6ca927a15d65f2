package org.contigsim.cli;

import java.nio.file.Path;
import org.contigsim.hocon.InputException;
import org.contigsim.runtime.UsageException;
import org.contigsim.scenario.RunPlan;
import org.contigsim.scenario.Scenario;

/** Loads a scenario for a command; any problem is a one-line usage error (FILE:LINE: KEY: ...). */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /** One scenario, for {@code command}, which runs only one (a sweep, replicas or capacity block is refused). */
    static Scenario load(Path file, String command) {
        try {
            return RunPlan.read(file).requireSingle(command);
        } catch (InputException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The file's scenario with its sweep, replicas and capacity search, every variant validated. */
    static RunPlan loadPlan(Path file) {
        try {
            return RunPlan.read(file);
        } catch (InputException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
