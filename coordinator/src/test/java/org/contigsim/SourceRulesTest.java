package org.contigsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.placement.PlacementPolicy;
import org.junit.jupiter.api.Test;

/**
 * Rules of the source tree that ArchUnit cannot see (it reads class files, not text): how long a
 * file may grow (a file over {@value #SOFT_LIMIT} lines says on its first line why it is one file;
 * none passes {@value #HARD_LIMIT}), and that a buffer policy's or placement's name is spelled in
 * one place, its type, so nothing compares names as text and a new policy is one file's change.
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

    /** The string literals of a Java source, comments left out. */
    static List<String> literals(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKENS.matcher(source);
        while (m.find()) {
            if (m.group(1) != null) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static final Pattern TOKENS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"((?:\\\\.|[^\"\\\\\\n])*)\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

    @Test
    void literalsAreFoundOutsideComments() {
        assertEquals(List.of("a", "b\\\"c"), literals("x(\"a\"); // \"no\"\n/* \"no\" */ y('\"', \"b\\\"c\");"));
    }

    @Test
    void eachPolicyAndPlacementNameIsSpelledInOneMainSource() {
        List<String> names = new ArrayList<>();
        for (BufferPolicy.Kind k : BufferPolicy.Kind.values()) {
            names.add(k.label());
        }
        for (PlacementPolicy.Named p : PlacementPolicy.Named.values()) {
            names.add(p.label());
        }
        Map<String, List<Path>> where = new TreeMap<>();
        for (Path p : mainSources()) {
            List<String> found = literals(String.join("\n", lines(p)));
            for (String name : names) {
                if (found.contains(name)) {
                    where.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
                }
            }
        }
        for (String name : names) {
            assertEquals(1, where.getOrDefault(name, List.of()).size(), "\"" + name + "\" in " + where.get(name));
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
