package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.hocon.InputException;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        return error(text, ScenarioParser::parse);
    }

    /** The error {@code reader} gives for the text (one line), for readers other than ScenarioParser. */
    String error(String text, Reader reader) throws IOException {
        Files.writeString(path, text);
        InputException e = assertThrows(InputException.class, () -> reader.read(path));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** What reads a scenario file: ScenarioParser::parse, RunPlan::read. */
    interface Reader {
        Object read(Path file);
    }

    /** What an error at {@code line} of this file begins with. */
    String at(int line, String rest) {
        return path + ":" + line + ": " + rest;
    }
}
