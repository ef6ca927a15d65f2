package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.contigsim.fuzz.Mutator;
import org.contigsim.hocon.InputException;
import org.contigsim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mutations of the real {@code /proc} samples: each mutant either parses or fails with one
 * {@link ProcParseException} line naming the file, read directly and as a scenario's host-class
 * import (which also lays out and boots a host from it), never with another exception, never
 * hanging. Fixed seeds; a failure shows the seed and the mutant.
 */
class ProcFuzzTest {
    static final int MUTANTS = 1000;
    /** Importing boots a 1 GiB host per mutant: fewer of them. */
    static final int IMPORTED_MUTANTS = 300;
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Samples.BOOT_BUDDYINFO, Samples.ANON_BUDDYINFO, Samples.BOOT_PAGETYPEINFO,
            Samples.ANON_PAGETYPEINFO})
    void mutantsParseOrFailWithOneLineNamingTheFile(String sample) {
        Function<List<String>, ProcSnapshot> parser = sample.endsWith(".buddyinfo")
                ? lines -> BuddyInfo.parse(sample, lines) : lines -> PageTypeInfo.parse(sample, lines);
        String original = Samples.text(sample);
        long first = (long) sample.hashCode() << 20;
        int parsed = assertTimeoutPreemptively(HANG_GUARD, () -> {
            int ok = 0;
            for (long seed = first; seed < first + MUTANTS; seed++) {
                String text = new Mutator(seed).mutate(original);
                try {
                    parser.apply(text.lines().toList());
                    ok++;
                } catch (ProcParseException e) {
                    assertOneLine(e.getMessage(), sample, seed, text);
                } catch (RuntimeException | Error e) {
                    fail("Mutator seed " + seed + " of " + sample + " threw " + e + "; mutant:\n" + text, e);
                }
            }
            return ok;
        }, "a batch of mutants of " + sample + " hangs");
        assertTrue(parsed > 0 && parsed < MUTANTS, parsed + " of " + MUTANTS + " mutants parse");
    }

    /** A scenario whose hosts of class {@code imported} boot from the (mutated) dumps. */
    @ParameterizedTest
    @ValueSource(strings = {"buddyinfo", "pagetypeinfo"})
    void mutantsImportedByAScenarioGiveOneScenarioLine(String which) throws IOException {
        String buddy = Samples.text(Samples.ANON_BUDDYINFO);
        String types = Samples.text(Samples.ANON_PAGETYPEINFO);
        Path scenario = Files.writeString(dir.resolve("imported.conf"), """
                hosts = 2
                host.memory = 1GiB
                duration = 1m
                jobs { buffer = 16MiB, hosts-per-job = 1 }
                classes.imported { count = 1, import { buddyinfo = b.txt, pagetypeinfo = p.txt } }
                """);
        long first = which.hashCode() * 1000L;
        int parsed = assertTimeoutPreemptively(HANG_GUARD, () -> {
            int ok = 0;
            for (long seed = first; seed < first + IMPORTED_MUTANTS; seed++) {
                Mutator m = new Mutator(seed);
                String text = m.mutate(which.equals("buddyinfo") ? buddy : types);
                Files.write(dir.resolve("b.txt"), which.equals("buddyinfo") ? m.encode(text) : bytes(buddy));
                Files.write(dir.resolve("p.txt"), which.equals("pagetypeinfo") ? m.encode(text) : bytes(types));
                try {
                    ScenarioParser.parse(scenario);
                    ok++;
                } catch (InputException e) {
                    assertOneLine(e.getMessage(), scenario + ":5: classes.imported.import.", seed, text);
                } catch (RuntimeException | Error e) {
                    fail("Mutator seed " + seed + " of " + which + " threw " + e + "; mutant:\n" + text, e);
                }
            }
            return ok;
        }, "a batch of imported " + which + " mutants hangs");
        assertTrue(parsed > 0 && parsed < IMPORTED_MUTANTS, parsed + " of " + IMPORTED_MUTANTS + " mutants import");
    }

    @Test
    void theUnmutatedSamplesImport() throws IOException {
        Files.writeString(dir.resolve("b.txt"), Samples.text(Samples.ANON_BUDDYINFO));
        Files.writeString(dir.resolve("p.txt"), Samples.text(Samples.ANON_PAGETYPEINFO));
        ScenarioParser.parse(Files.writeString(dir.resolve("ok.conf"), """
                hosts = 2
                host.memory = 1GiB
                duration = 1m
                jobs { buffer = 16MiB, hosts-per-job = 1 }
                classes.imported { count = 1, import { buddyinfo = b.txt, pagetypeinfo = p.txt } }
                """));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertOneLine(String message, String where, long seed, String text) {
        if (message == null || !message.startsWith(where)
                || message.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            fail("Mutator seed " + seed + ": not one line starting with " + where + ": " + message + "\nmutant:\n" + text);
        }
    }
}
