package org.contigsim.cli;

import java.nio.file.Path;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioException;
import org.contigsim.scenario.ScenarioParser;

/** Loads a scenario for a command; any problem is a one-line usage error (FILE:LINE: KEY: ...). */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static Scenario load(Path file) {
        try {
            return ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
