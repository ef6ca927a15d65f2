package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scenario file in a test's temporary directory: write it and parse it, or expect its one-line error. */
final class ScenarioFile {
    final Path path;

    ScenarioFile(Path path) {
        this.path = path;
    }

    Scenario parse(String text) throws IOException {
        Files.writeString(path, text);
        return ScenarioParser.parse(path);
    }

    /** The error the text gives, which must be one line. */
    String error(String text) throws IOException {
        Files.writeString(path, text);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(path));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** What an error at {@code line} of this file begins with. */
    String at(int line, String rest) {
        return path + ":" + line + ": " + rest;
    }
}
