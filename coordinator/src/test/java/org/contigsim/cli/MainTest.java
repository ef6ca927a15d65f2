package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class MainTest {
    @Test
    void childMembersRunThisEntryPoint() {
        assertEquals(Main.class.getName(), org.contigsim.runtime.ChildJvms.MEMBER_MAIN);
    }

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void assertOneErrorLine(String expectedStart) {
        List<String> lines = errLines();
        assertEquals(1, lines.size(), "stderr: " + lines);
        assertTrue(lines.get(0).startsWith(expectedStart), lines.get(0));
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, Main.run(new String[] {"--bogus"}, out, err));
        assertOneErrorLine("contigsim: ");
        assertEquals("", out());
    }

    @Test
    void unknownCommandIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, Main.run(new String[] {"frobnicate", "--x"}, out, err));
        assertOneErrorLine("contigsim: ");
    }

    @Test
    void noCommandIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, Main.run(new String[] {}, out, err));
        assertOneErrorLine("contigsim: ");
    }

    @Test
    void versionExits0() {
        assertEquals(Main.EXIT_OK, Main.run(new String[] {"--version"}, out, err));
        assertEquals(Main.VERSION, out().strip());
        assertEquals(List.of(), errLines());
    }

    @Test
    void helpExits0() {
        assertEquals(Main.EXIT_OK, Main.run(new String[] {"--help"}, out, err));
        assertTrue(out().contains("Usage: contigsim"), out());
        assertTrue(!out().contains("--debug"), "--debug is hidden");
        assertEquals(List.of(), errLines());
    }

    /** A stand-in for a real subcommand, to exercise the error paths. */
    @Command(name = "probe")
    static class Probe implements Callable<Integer> {
        @Option(names = "--memory")
        String memory;

        @Option(names = "--count")
        int count;

        @Option(names = "--crash")
        boolean crash;

        @Override
        public Integer call() {
            if (crash) {
                throw new IllegalStateException("boom");
            }
            if (memory != null) {
                Sizes.parsePages("--memory", memory);
            }
            return Main.EXIT_OK;
        }
    }

    private int runProbe(String... args) {
        List<Object> subcommands = new ArrayList<>(Main.subcommands());
        subcommands.add(new Probe());
        return Main.execute(Main.commandLine(out, err, subcommands), args);
    }

    @Test
    void subcommandSucceeds() {
        assertEquals(Main.EXIT_OK, runProbe("probe", "--memory", "8GiB"));
        assertEquals(List.of(), errLines());
    }

    @Test
    void usageExceptionIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, runProbe("probe", "--memory", "8.5KiB"));
        assertEquals(List.of("contigsim: --memory: '8.5KiB' is not a whole number of 4 KiB pages"), errLines());
    }

    @Test
    void badConversionIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, runProbe("probe", "--count", "many"));
        assertOneErrorLine("contigsim: ");
    }

    @Test
    void missingValueIsOneLineAndExit2() {
        assertEquals(Main.EXIT_USAGE, runProbe("probe", "--memory"));
        assertOneErrorLine("contigsim: ");
    }

    @Test
    void unexpectedExceptionIsOneLineAndExit1() {
        assertEquals(Main.EXIT_FAILURE, runProbe("probe", "--crash"));
        assertEquals(List.of("contigsim: internal error: java.lang.IllegalStateException: boom"), errLines());
    }

    @Test
    void debugPrintsStackTrace() {
        assertEquals(Main.EXIT_FAILURE, runProbe("--debug", "probe", "--crash"));
        String errText = String.join("\n", errLines());
        assertTrue(errLines().size() > 2, errText);
        assertTrue(errText.contains("\tat "), errText);
    }

    @Test
    void debugIsAcceptedAfterTheSubcommand() {
        assertEquals(Main.EXIT_FAILURE, runProbe("probe", "--crash", "--debug"));
        assertTrue(errLines().size() > 2, String.join("\n", errLines()));
    }
}
