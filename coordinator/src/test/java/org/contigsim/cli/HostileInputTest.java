package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input end to end through {@link Main} (issue 7): every bad scenario, dump, flag or
 * results directory gives exactly one line on stderr naming the file and line and the key (or the
 * flag), exit code 2, nothing on stdout, and no output directory: neither {@code --out DIR} nor
 * {@code DIR.partial} nor the default {@code results/<scenario>-<seed>}.
 */
class HostileInputTest {
    /** A name no other test uses, so that a default results directory left behind is noticed. */
    static final String NAME = "hostile-input-test";
    static final String HEAD = "name = " + NAME + "\nhosts = 2\nhost.memory = 1GiB\nduration = 1m\n";
    static final String JOBS = "jobs { buffer = 16MiB }\n";
    static final Path SAMPLES = Path.of("..", "kernel", "src", "test", "resources", "proc-samples");

    @TempDir
    Path dir;

    Path out;

    @BeforeEach
    void setUp() {
        out = dir.resolve("out");
    }

    /** Runs the command line, which must be refused in one line and leave no results behind. */
    private Run refused(String... args) {
        Run r = MemoryCommandTest.run(args);
        assertEquals(Main.EXIT_USAGE, r.exit(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith(Main.PREFIX), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertFalse(Files.exists(out), "no " + out);
        assertFalse(Files.exists(dir.resolve("out.partial")), "no out.partial");
        assertFalse(Files.exists(Path.of("results", NAME + "-1")), "no default results directory");
        assertFalse(Files.exists(Path.of("results", NAME + "-1.partial")), "no default results directory");
        return r;
    }

    /** Every command that reads a scenario, with and without --out. */
    private List<String[]> commandsReading(Path scenario) {
        String f = scenario.toString();
        return List.of(new String[] {"validate", f}, new String[] {"run", f, "--out", out.toString()},
                new String[] {"run", f, "-q"}, new String[] {"run", f, "--jvms", "3", "--out", out.toString()},
                new String[] {"coordinator", f, "--expect-nodes", "1", "--port", "0", "--out", out.toString()});
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("hosts = -5\nduration = 1m\n", ":1: hosts: -5 is out of range (1 to 100000)"),
                Arguments.of("hosts = 0\nduration = 1m\n", ":1: hosts: 0 is out of range (1 to 100000)"),
                Arguments.of("hosts = 9999999999999\nduration = 1m\n",
                        ":1: hosts: 9999999999999 is out of range (1 to 100000)"),
                Arguments.of("hosts = many\nduration = 1m\n", ":1: hosts: expected a whole number, found \"many\""),
                Arguments.of("hosts = [1, 2]\nduration = 1m\n", ":1: hosts: expected a whole number, found a list"),
                Arguments.of("duration = 1m\n", ": hosts: missing (the number of simulated hosts)"),
                Arguments.of(HEAD + "host.memory = 8TiB\n" + JOBS,
                        ":5: host.memory: 8TiB is more than the model addresses (4TiB: page frame numbers are 32-bit ints)"),
                Arguments.of(HEAD + "host.memory = 99999999TiB\n" + JOBS, ":5: host.memory: '99999999TiB' is too large"),
                Arguments.of(HEAD + "jobs { buffer = 2GiB }\n", ":5: jobs.buffer: 2GiB is larger than host.memory (1GiB)"),
                Arguments.of(HEAD + JOBS + "warmup = -5s\n", ":6: warmup: '-5s' is negative"),
                Arguments.of(HEAD.replace("duration = 1m", "duration = 0") + JOBS,
                        ":4: duration: 0 is out of range (1ns to 365d)"),
                Arguments.of(HEAD.replace("duration = 1m", "duration = 9999999d") + JOBS,
                        ":4: duration: '9999999d' is too long"),
                Arguments.of(HEAD + JOBS + "epoch = 0\n", ":6: epoch: 0 is out of range (1ns to 1m)"),
                Arguments.of(HEAD + JOBS + "jobs.max-wait = -1s\n", ":6: jobs.max-wait: '-1s' is negative"),
                Arguments.of(HEAD + JOBS + "jobs.arrivals-per-hour = NaN\n",
                        ":6: jobs.arrivals-per-hour: expected a number, found \"NaN\""),
                Arguments.of(HEAD + JOBS + "jobs.arrivals-per-hour = Infinity\n",
                        ":6: jobs.arrivals-per-hour: expected a number, found \"Infinity\""),
                Arguments.of(HEAD + JOBS + "jobs.arrivals-per-hour = 1e308\n",
                        ":6: jobs.arrivals-per-hour: 1.0E308 is out of range (0 to 1000000)"),
                Arguments.of(HEAD + "jobs { bufer = 16MiB }\n", ":5: jobs.bufer: unknown key (known: "),
                Arguments.of(HEAD + "host = 5\n", ":5: host: expected an object, found 5"),
                Arguments.of(HEAD + "jobs {\n  buffer = 16MiB\n",
                        ":5: malformed HOCON: '{' is not closed before the end of the file"),
                Arguments.of(HEAD + JOBS + "}\n", ":6: malformed HOCON: unbalanced close brace '}'"),
                Arguments.of(HEAD + JOBS + "include \"nowhere.conf\"\n", ":6: include \"nowhere.conf\": no such file"),
                Arguments.of(HEAD + JOBS + "epoch = ${HOME}\n", ":6: ${HOME} is not defined in the scenario"),
                Arguments.of(HEAD + JOBS + "sweep { hosts = [2, 0] }\n", ":6: sweep.hosts: 0 is out of range (1 to 100000)"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void badScenariosAreRefusedInOneLineByEveryCommandThatReadsThem(String text, String expected) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.conf"), text);
        for (String[] args : commandsReading(f)) {
            if (text.contains("sweep") && args[0].equals("coordinator")) {
                continue; // a coordinator runs one scenario: its refusal of a sweep is tested in PlanRunTest
            }
            String line = refused(args).errLines().get(0);
            assertTrue(line.startsWith(Main.PREFIX + f + expected), String.join(" ", args) + "\n" + line);
        }
    }

    @Test
    void aMissingUnreadableOrDirectoryScenarioIsNamed() throws IOException {
        Path missing = dir.resolve("none.conf");
        for (String[] args : commandsReading(missing)) {
            assertEquals(List.of(Main.PREFIX + missing + ": no such file"), refused(args).errLines());
        }
        Path folder = Files.createDirectory(dir.resolve("folder.conf"));
        for (String[] args : commandsReading(folder)) {
            assertEquals(List.of(Main.PREFIX + folder + ": is a directory"), refused(args).errLines());
        }
        Path locked = Files.writeString(dir.resolve("locked.conf"), HEAD + JOBS);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "root reads every file (ScenarioErrorsTest checks the wording)");
        assertEquals(List.of(Main.PREFIX + locked + ": permission denied"),
                refused("run", locked.toString(), "--out", out.toString()).errLines());
    }

    @Test
    void aMalformedDumpImportedByAScenarioNamesTheKeyAndTheDumpsLine() throws IOException {
        Files.copy(SAMPLES.resolve("linux-6.1-1g-boot.pagetypeinfo"), dir.resolve("p.txt"));
        Path buddy = Files.writeString(dir.resolve("b.txt"), Files.readString(SAMPLES.resolve(
                "linux-6.1-1g-boot.buddyinfo")).replaceFirst("225", "22x5"));
        Path f = Files.writeString(dir.resolve("imported.conf"), HEAD + JOBS
                + "classes.old { count = 1, import { buddyinfo = b.txt, pagetypeinfo = p.txt } }\n");
        for (String[] args : commandsReading(f)) {
            assertEquals(List.of(Main.PREFIX + f + ":6: classes.old.import.buddyinfo: " + buddy
                    + ":2: order 10 count '22x5' is not a non-negative integer"), refused(args).errLines());
        }
        Files.copy(SAMPLES.resolve("linux-6.1-1g-boot.buddyinfo"), buddy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("p.txt"), "Page block order: 9\nPages per block:  512\n\nnonsense here\n");
        String line = refused("validate", f.toString()).errLines().get(0);
        assertTrue(line.startsWith(Main.PREFIX + f + ":6: classes.old.import.buddyinfo: " + dir.resolve("p.txt") + ":4: "),
                line);
        Files.delete(dir.resolve("p.txt"));
        assertEquals(List.of(Main.PREFIX + f + ":6: classes.old.import.pagetypeinfo: cannot read " + dir.resolve("p.txt")
                + " (no such file)"), refused("run", f.toString(), "--out", out.toString()).errLines());
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(List.of("run", "S", "--bogus"), "--bogus: unknown option (see 'contigsim run --help')"),
                Arguments.of(List.of("validate", "S", "--out=x"), "--out: unknown option (see 'contigsim validate --help')"),
                Arguments.of(List.of("run", "S", "--out", "O", "--seed"), "--seed: missing value (N)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--seed", "abc"), "--seed: expected a whole number, found 'abc'"),
                Arguments.of(List.of("run", "S", "--out", "O", "--seed", "1e3"), "--seed: expected a whole number, found '1e3'"),
                Arguments.of(List.of("run", "S", "--out", "O", "--seed", "99999999999999999999"),
                        "--seed: 99999999999999999999 is out of range (-9223372036854775808 to 9223372036854775807)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--jvms", "0"), "--jvms: 0 is out of range (1 to 16)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--jvms", "1000"), "--jvms: 1000 is out of range (1 to 16)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--jvms", "-3"), "--jvms: -3 is out of range (1 to 16)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--metrics-port", "-1"),
                        "--metrics-port: -1 is out of range (1 to 65535, 0: off)"),
                Arguments.of(List.of("run", "S", "--out", "O", "--metrics-port", "70000"),
                        "--metrics-port: 70000 is out of range (1 to 65535, 0: off)"),
                Arguments.of(List.of("run", "S", "--out", ""), "--out: empty (a directory to create)"),
                Arguments.of(List.of("run"), "SCENARIO: missing (the scenario file to run, or --resume DIR.partial)"),
                Arguments.of(List.of("coordinator", "S", "--out", "O"),
                        "--expect-nodes: required (see 'contigsim coordinator --help')"),
                Arguments.of(List.of("coordinator", "S", "--out", "O", "--expect-nodes", "0"),
                        "--expect-nodes: 0 is out of range (1 to 10000)"),
                Arguments.of(List.of("coordinator", "S", "--out", "O", "--expect-nodes", "1", "--port", "-1"),
                        "--port: -1 is out of range (0 to 65535)"),
                Arguments.of(List.of("coordinator", "S", "--out", "O", "--expect-nodes", "1", "--force"),
                        "--force: unknown option (see 'contigsim coordinator --help')"),
                Arguments.of(List.of("memory", "--memory", "-5"), "--memory: '-5' is negative"),
                Arguments.of(List.of("memory", "--nodes", "x"), "--nodes: expected a whole number, found 'x'"),
                Arguments.of(List.of("memory", "--from-buddyinfo"), "--from-buddyinfo: missing value (FILE)"),
                Arguments.of(List.of("frobnicate"), "'frobnicate': unknown command (see 'contigsim --help')"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void badFlagsAreRefusedInOneLineNamingTheFlag(List<String> args, String expected) throws IOException {
        Path good = Files.writeString(dir.resolve("good.conf"), HEAD + JOBS);
        List<String> all = new ArrayList<>();
        for (String a : args) {
            all.add(a.equals("S") ? good.toString() : a.equals("O") ? out.toString() : a);
        }
        assertEquals(List.of(Main.PREFIX + expected), refused(all.toArray(new String[0])).errLines());
    }

    @Test
    void aMemberThatCouldNotBindIsRefusedBeforeAnythingStarts() throws IOException {
        Path good = Files.writeString(dir.resolve("good.conf"), HEAD + JOBS);
        String seed = "pekko://contigsim@127.0.0.1:25520";
        assertEquals(List.of(Main.PREFIX + "--hostname: 'bad host!' is not a host name or address"),
                refused("coordinator", good.toString(), "--expect-nodes", "1", "--hostname", "bad host!", "--port", "0",
                        "--out", out.toString()).errLines());
        assertEquals(List.of(Main.PREFIX + "--hostname: 'no-such-host.invalid' does not resolve"),
                refused("node", "--seed-nodes", seed, "--hostname", "no-such-host.invalid", "--port", "0").errLines());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            String line = refused("coordinator", good.toString(), "--expect-nodes", "1", "--port", port, "--out",
                    out.toString()).errLines().get(0);
            assertTrue(line.startsWith(Main.PREFIX + "--port: " + port + " cannot be bound on 127.0.0.1 ("), line);
            line = refused("node", "--seed-nodes", seed, "--port", port).errLines().get(0);
            assertTrue(line.startsWith(Main.PREFIX + "--port: " + port + " cannot be bound on 127.0.0.1 ("), line);
        }
    }

    @Test
    void anOutThatCannotBeCreatedIsRefusedBeforeAnythingStarts() throws IOException {
        Path good = Files.writeString(dir.resolve("good.conf"), HEAD + JOBS);
        Path sweep = Files.writeString(dir.resolve("sweep.conf"), HEAD + JOBS + "sweep { hosts = [2, 3] }\n");
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        Path under = file.resolve("results");
        for (Path scenario : List.of(good, sweep)) {
            assertEquals(List.of(Main.PREFIX + "--out: " + under + " cannot be created (" + file
                    + " is not a writable directory)"), refused("run", scenario.toString(), "--out", under.toString())
                    .errLines());
        }
        assertEquals(List.of(Main.PREFIX + "--out: " + under + " cannot be created (" + file
                + " is not a writable directory)"), refused("coordinator", good.toString(), "--expect-nodes", "1",
                "--port", "0", "--out", under.toString()).errLines());
        assertFalse(Files.exists(dir.resolve("file.partial")));

        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(locked), "root writes into read-only directories");
        assertEquals(List.of(Main.PREFIX + "--out: " + locked.resolve("r") + " cannot be created (" + locked
                + " is not a writable directory)"), refused("run", good.toString(), "--out", locked.resolve("r").toString())
                .errLines());
    }

    @Test
    void anOutThatHoldsResultsIsRefusedUnlessForcedAndForceReplacesOnlyResults() throws IOException {
        Path good = Files.writeString(dir.resolve("good.conf"), HEAD + JOBS);
        Path sweep = Files.writeString(dir.resolve("sweep.conf"), HEAD + JOBS + "sweep { hosts = [2, 3] }\n");
        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("results.json"), "{}\n");
        for (String[] args : List.of(new String[] {"run", good.toString(), "--out", earlier.toString()},
                new String[] {"run", sweep.toString(), "--out", earlier.toString()},
                new String[] {"coordinator", good.toString(), "--expect-nodes", "1", "--port", "0", "--out",
                    earlier.toString()})) {
            assertEquals(List.of(Main.PREFIX + "--out: " + earlier + " already exists (choose another --out, remove it, "
                    + "or add --force)"), refused(args).errLines());
        }
        Path notes = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(notes.resolve("thesis.tex"), "years of work");
        for (Path scenario : List.of(good, sweep)) {
            assertEquals(List.of(Main.PREFIX + "--out: " + notes + " is not empty and holds no results.json (--force "
                    + "replaces only an earlier run's results)"),
                    refused("run", scenario.toString(), "--out", notes.toString(), "--force").errLines());
        }
        assertTrue(Files.exists(notes.resolve("thesis.tex")));
        assertEquals(List.of(Main.PREFIX + "--out: . holds the working directory (--force replaces only an earlier "
                + "run's results)"), refused("run", good.toString(), "--out", ".", "--force").errLines());
        assertEquals(List.of(Main.PREFIX + "--out: " + earlier + " already exists (choose another --out, remove it, "
                + "or add --force)"), refused("run", good.toString(), "--out", earlier.toString(), "--jvms", "2").errLines());
    }

    @Test
    void forceAcceptsAnEarlierRunsResultsOrAnEmptyDirectory() throws IOException {
        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("results.json"), "{}\n");
        Path sweep = Files.createDirectory(dir.resolve("sweep"));
        Files.writeString(sweep.resolve("comparison.json"), "{}\n");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (Path d : List.of(earlier, sweep, empty)) {
            assertEquals(null, RunCommand.notReplaceable(d), d.toString());
        }
    }
}
