package org.contigsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the source tree that ArchUnit cannot see (it reads class files, not text): how long a
 * file may grow. A file over {@value #SOFT_LIMIT} lines says on its first lines why it is one
 * file; none passes {@value #HARD_LIMIT}.
 */
class SourceRulesTest {
    static final int SOFT_LIMIT = 400;
    static final int HARD_LIMIT = 500;
    /** The repository root, seen from the coordinator module where the tests run. */
    static final Path ROOT = Path.of("..");

    static List<Path> mainSources() {
        List<Path> out = new ArrayList<>();
        for (String module : List.of("kernel", "workloads", "node", "coordinator", "benchmarks")) {
            Path dir = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldFindTheSources() {
        assertTrue(mainSources().size() > 100, "main sources under " + ROOT.toAbsolutePath());
    }

    @Test
    void noMainSourceIsOverItsLimitWithoutAReason() {
        List<String> offenders = new ArrayList<>();
        for (Path p : mainSources()) {
            List<String> lines = lines(p);
            if (lines.size() > HARD_LIMIT) {
                offenders.add(p + ": " + lines.size() + " lines (at most " + HARD_LIMIT + ")");
            } else if (lines.size() > SOFT_LIMIT && lines.stream().limit(3).noneMatch(l -> l.startsWith("// Over "
                    + SOFT_LIMIT + " lines: "))) {
                offenders.add(p + ": " + lines.size() + " lines without a first line '// Over " + SOFT_LIMIT
                        + " lines: <why>'");
            }
        }
        assertEquals(List.of(), offenders);
    }
}
