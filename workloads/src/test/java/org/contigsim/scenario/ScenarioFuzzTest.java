package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.contigsim.fuzz.Mutator;
import org.contigsim.hocon.InputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random mutations of every shipped scenario: each mutant either parses or fails with one
 * {@link InputException} line naming the file, never with another exception and never hanging.
 * The seeds are fixed, so a failure names the seed and shows the mutant that reproduces it.
 */
class ScenarioFuzzTest {
    private static final Path SCENARIOS = Path.of("..", "workloads", "scenarios");
    /** Mutants per shipped file; a few seconds for all of them on two cores. */
    static final int MUTANTS = 500;
    /** A hang guard for each file's batch, far above its running time; not a speed requirement. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static List<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void mutantsParseOrFailWithOneLineNamingTheFile(String name) throws IOException {
        // the shipped files beside the mutant, so that an include of one resolves as it does at home
        for (String other : shipped()) {
            Files.copy(SCENARIOS.resolve(other), dir.resolve(other));
        }
        String original = Files.readString(SCENARIOS.resolve(name));
        Path mutant = dir.resolve("mutant-" + name);
        long first = (long) shipped().indexOf(name) * 1_000_000;
        int parsed = assertTimeoutPreemptively(HANG_GUARD, () -> {
            int ok = 0;
            for (long seed = first; seed < first + MUTANTS; seed++) {
                Mutator m = new Mutator(seed);
                String text = m.mutate(original).replace("MUTANT", mutant.getFileName().toString());
                Files.write(mutant, m.encode(text));
                ok += check(name, seed, text, () -> RunPlan.read(mutant)) ? 1 : 0;
                if (seed % 4 == 0) {
                    check(name, seed, text, () -> ScenarioParser.parse(mutant));
                }
            }
            return ok;
        }, "a batch of mutants of " + name + " hangs");
        // a mutator that broke every file, or none, would test little
        assertTrue(parsed > 0 && parsed < MUTANTS, parsed + " of " + MUTANTS + " mutants parse");
    }

    /** A scenario that names an arrival trace and a background trace, whose mutants it must reject in one line. */
    @ParameterizedTest
    @MethodSource("namedFiles")
    void mutantsOfTheFilesAScenarioNamesGiveOneScenarioLine(String file, String original) throws IOException {
        Files.writeString(dir.resolve("arrivals.csv"), ARRIVALS);
        Files.writeString(dir.resolve("background.csv"), BACKGROUND);
        Path scenario = Files.writeString(dir.resolve("traced.conf"), """
                hosts = 2
                host.memory = 1GiB
                duration = 1h
                background { trace = "background.csv" }
                jobs { buffer = 16MiB, hosts-per-job = 1, arrivals { process = trace, file = "arrivals.csv" } }
                """);
        RunPlan.read(scenario);
        long first = file.hashCode() * 1000L;
        int parsed = assertTimeoutPreemptively(HANG_GUARD, () -> {
            int ok = 0;
            for (long seed = first; seed < first + MUTANTS; seed++) {
                Mutator m = new Mutator(seed);
                String text = m.mutate(original);
                Files.write(dir.resolve(file), m.encode(text));
                ok += check(file, seed, text, () -> RunPlan.read(scenario)) ? 1 : 0;
            }
            return ok;
        }, "a batch of mutants of " + file + " hangs");
        assertTrue(parsed > 0 && parsed < MUTANTS, parsed + " of " + MUTANTS + " mutants parse");
    }

    static final String ARRIVALS = """
            # job arrivals, seconds after the warm-up
            arrival_s,bytes,duration
            0,1GiB,
            1.5,,30s
            60,4KiB,
            120.25,,1h
            """;
    static final String BACKGROUND = """
            time_s,op,kind,order,count,node
            0,alloc,page-cache,0,1000,0
            12.5,alloc,anon,9,4,0
            30,free,anon,0,2048,0
            60,free,page-cache,0,500,0
            """;

    static Stream<Arguments> namedFiles() {
        return Stream.of(Arguments.of("arrivals.csv", ARRIVALS), Arguments.of("background.csv", BACKGROUND));
    }

    /** Whether the mutant parsed; fails the test unless it did or gave one InputException line. */
    private boolean check(String name, long seed, String text, Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (InputException e) {
            assertOneLine(e.getMessage(), dir.toString(), "Mutator seed " + seed + " of " + name + ":\n" + text);
            return false;
        } catch (RuntimeException | Error e) {
            return fail("Mutator seed " + seed + " of " + name + " threw " + e + " instead of a InputException; "
                    + "mutant:\n" + text, e);
        }
    }

    /** One printable line that starts with {@code where} (the file it is about). */
    static void assertOneLine(String message, String where, String context) {
        assertTrue(message != null && message.startsWith(where), "names the file: " + message + "\n" + context);
        assertFalse(message.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'),
                "one line without control characters: " + message + "\n" + context);
    }
}
