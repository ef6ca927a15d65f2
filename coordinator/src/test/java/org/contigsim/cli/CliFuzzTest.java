package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A share of the parsers' fuzzing (node's ScenarioFuzzTest and ProcFuzzTest do the bulk) through
 * the whole command line: {@code contigsim validate} on mutants of the shipped scenarios and
 * {@code contigsim memory --from-buddyinfo} on mutants of the real dumps either succeed or exit 2
 * with one {@code contigsim: FILE...} line, never an internal error or a stack trace. Fixed seeds.
 */
class CliFuzzTest {
    static final Path SCENARIOS = Path.of("..", "workloads", "scenarios");
    static final Path SAMPLES = Path.of("..", "kernel", "src", "test", "resources", "proc-samples");
    static final int MUTANTS = 30;
    static final List<String> EXTREMES = List.of("-1", "0", "1e308", "9999999999999", "NaN", "Infinity", "\"\"",
            "[]", "{", "}", "${x}", "8TiB", "-5s", "\u2028");

    @TempDir
    Path dir;

    @Test
    void validateOfMutatedScenariosSucceedsOrGivesOneLine() throws IOException {
        List<String> shipped;
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList();
        }
        for (String name : shipped) {
            Files.copy(SCENARIOS.resolve(name), dir.resolve(name));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < shipped.size(); i++) {
                String original = Files.readString(SCENARIOS.resolve(shipped.get(i)));
                Path mutant = dir.resolve("mutant-" + shipped.get(i));
                for (long seed = i * 1000L; seed < i * 1000L + MUTANTS; seed++) {
                    String text = mutate(original, seed);
                    Files.writeString(mutant, text);
                    check(MemoryCommandTest.run("validate", mutant.toString()), Main.PREFIX + dir, seed, text);
                }
            }
        }, "validate hangs on a mutant");
    }

    @Test
    void memoryFromMutatedDumpsSucceedsOrGivesOneLine() throws IOException {
        Path types = Files.copy(SAMPLES.resolve("linux-6.1-1g-anon400.pagetypeinfo"), dir.resolve("pagetypeinfo"));
        String buddy = Files.readString(SAMPLES.resolve("linux-6.1-1g-anon400.buddyinfo"));
        Path mutant = dir.resolve("buddyinfo");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (long seed = 0; seed < 2 * MUTANTS; seed++) {
                String text = mutate(buddy, seed);
                Files.writeString(mutant, text);
                List<String> args = new ArrayList<>(List.of("memory", "--from-buddyinfo", mutant.toString()));
                if (seed % 2 == 0) {
                    args.addAll(List.of("--pagetypeinfo", types.toString()));
                }
                Run r = MemoryCommandTest.run(args.toArray(new String[0]));
                check(r, Main.PREFIX, seed, text);
            }
        }, "memory hangs on a mutant");
    }

    private static void check(Run r, String start, long seed, String text) {
        String context = "seed " + seed + ", stderr: " + r.err() + "\nmutant:\n" + text;
        if (r.exit() == Main.EXIT_OK) {
            assertEquals("", r.err(), context);
            return;
        }
        assertEquals(Main.EXIT_USAGE, r.exit(), context);
        assertEquals(1, r.errLines().size(), context);
        assertTrue(r.err().startsWith(start) && !r.err().contains("internal error"), context);
        assertEquals("", r.out(), context);
    }

    /** One or two of: a line deleted or duplicated, a number or value made extreme, the file truncated. */
    static String mutate(String text, long seed) {
        Random rng = new Random(seed);
        String s = text;
        for (int k = 1 + rng.nextInt(2); k > 0; k--) {
            List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
            int at = rng.nextInt(lines.size());
            String extreme = EXTREMES.get(rng.nextInt(EXTREMES.size()));
            switch (rng.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.set(at, lines.get(at).replaceFirst("[0-9]+", Matcher.quoteReplacement(extreme)));
                default -> {
                    return s.substring(0, rng.nextInt(s.length() + 1));
                }
            }
            s = String.join("\n", lines);
        }
        return s;
    }
}
