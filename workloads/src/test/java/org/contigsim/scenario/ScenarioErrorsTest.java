package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every problem is one line naming the file, the line when there is one, and the key path. The
 * files are small so each test shows the line it expects.
 */
class ScenarioErrorsTest {
    /** The two required keys, for tests about something else. */
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("bad.conf");
    }

    private String error(String text) throws IOException {
        Files.writeString(file, text);
        return error(file);
    }

    private static String error(Path path) {
        InputException e = assertThrows(InputException.class, () -> ScenarioParser.parse(path));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private String at(int line, String rest) {
        return file + ":" + line + ": " + rest;
    }

    private String noLine(String rest) {
        return file + ": " + rest;
    }

    // ------------------------------------------------------------------ the file itself

    @Test
    void shouldNameAMissingFile() {
        assertEquals(noLine("no such file"), error(file));
    }

    @Test
    void shouldNameADirectory() {
        assertEquals(dir + ": is a directory", error(dir));
    }

    @Test
    void shouldNameAnUnreadableFile() throws IOException {
        Files.writeString(file, REQUIRED);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "root reads every file");
        assertEquals(noLine("permission denied"), error(file));
    }

    @Test
    void shouldDescribeADeniedReadAsPermissionDenied() {
        // the test above cannot deny root anything; this checks the wording on every machine
        assertEquals("permission denied", HoconReader.describe(new AccessDeniedException("bad.conf")));
    }

    @Test
    void shouldReportMalformedHoconWithTheParsersLineAndMessage() throws IOException {
        assertEquals(at(4, "malformed HOCON: Expecting a value but got wrong token: end of file"),
                error("hosts = 4\njobs {\n  buffer = \n"));
        assertEquals(at(2, "malformed HOCON: Expecting close brace } or a comma, got '=' (if you intended '=' to be "
                        + "part of a key or string value, try enclosing the key or value in double quotes, or you may be "
                        + "able to rename the file .properties rather than .conf)"),
                error("hosts = 4\nhost { memory = 1GiB = 2 }\n"));
        assertEquals(at(1, "malformed HOCON: has type LIST rather than object at file root"), error("[1, 2]\n"));
    }

    @Test
    void shouldPointAtTheBraceThatIsNeverClosed() throws IOException {
        // Typesafe Config blames a missing ')' on the last line; the brace is what to fix
        assertEquals(at(2, "malformed HOCON: '{' is not closed before the end of the file"),
                error("hosts = 4\njobs {\n  buffer = 1GiB\n\n"));
        assertEquals(at(3, "malformed HOCON: '{' is not closed before the end of the file"),
                error("hosts = 4 # {\nname = \"{\"\njobs { retry {\n}\nepoch = ${duration}\nduration = 1h\n"));
        assertEquals(at(3, "malformed HOCON: unbalanced close brace '}' with no open brace (if you intended '}' to be "
                + "part of a key or string value, try enclosing the key or value in double quotes)"),
                error(REQUIRED + "}\n"));
    }

    @Test
    void shouldKeepMessagesOnOneLineWhateverTheFileHolds() throws IOException {
        // found by ScenarioFuzzTest: a Unicode line separator inside a value, shown in the message
        assertEquals(at(2, "hosts: expected a whole number, found \"4\\u2028\\u0085\\u001b[2J\""),
                error("duration = 1h\nhosts = \"4\u2028\\u0085\\u001b[2J\"\n"));
    }

    // ------------------------------------------------------------------ keys

    @Test
    void shouldNameAMissingRequiredKeyWithoutALine() throws IOException {
        assertEquals(noLine("hosts: missing (the number of simulated hosts)"), error("duration = 1h\n"));
        assertEquals(noLine("duration: missing (simulated time of the run after warm-up)"), error("hosts = 4\n"));
        assertEquals(noLine("hosts: missing (the number of simulated hosts)"), error(""));
    }

    @Test
    void shouldRejectUnknownKeysAtEveryLevel() throws IOException {
        assertEquals(at(3, "hostz: unknown key (known: background, classes, duration, epoch, host, hosts, jobs, name, policies, warmup)"),
                error(REQUIRED + "hostz = 1\n"));
        assertEquals(at(4, "host.memroy: unknown key (known: direct-compaction, extfrag-threshold, kernel, memory, min-free-kbytes, nic, nodes, "
                + "watermark-boost-factor, watermark-scale-factor)"),
                error(REQUIRED + "host {\n  memroy = 1GiB\n}\n"));
        assertEquals(at(7, "jobs.bufer: unknown key (known: arrivals, arrivals-per-hour, buffer, bytes, contiguity, "
                + "duration, hosts-per-job, max-wait, message, min-chunk, pattern, placement, policy, retry)"), error(REQUIRED + "\n\njobs {\n  message = 1MiB\n  bufer = 2GiB\n}\n"));
    }

    @Test
    void shouldQuoteKeysThatWouldReadAsPaths() throws IOException {
        assertEquals(at(3, "\"jobs.buffer\": unknown key (known: background, classes, duration, epoch, host, hosts, jobs, "
                + "name, policies, warmup)"), error(REQUIRED + "\"jobs.buffer\" = 1GiB\n"));
    }

    @Test
    void shouldReportTheFirstUnknownKeyInFileOrder() throws IOException {
        assertEquals(at(1, "zeta: unknown key (known: background, classes, duration, epoch, host, hosts, jobs, name, policies, warmup)"),
                error("zeta = 1\nalpha = 2\n" + REQUIRED));
    }

    // ------------------------------------------------------------------ types

    @Test
    void shouldRejectWrongTypesShowingWhatWasFound() throws IOException {
        assertEquals(at(2, "hosts: expected a whole number, found \"many\""), error("duration = 1h\nhosts = many\n"));
        assertEquals(at(1, "hosts: expected a whole number, found 2.5"), error("hosts = 2.5\nduration = 1h\n"));
        assertEquals(at(1, "hosts: expected a whole number, found true"), error("hosts = true\nduration = 1h\n"));
        assertEquals(at(1, "hosts: expected a whole number, found null"), error("hosts = null\nduration = 1h\n"));
        assertEquals(at(1, "hosts: expected a whole number, found a list"), error("hosts = [4]\nduration = 1h\n"));
        assertEquals(at(3, "host: expected an object, found \"big\""), error(REQUIRED + "host = big\n"));
        assertEquals(at(3, "jobs: expected an object, found 5"), error(REQUIRED + "jobs = 5\n"));
        assertEquals(at(3, "host.memory: expected a size, found an object"), error(REQUIRED + "host { memory { a = 1 } }\n"));
        assertEquals(at(3, "warmup: expected a duration, found a list"), error(REQUIRED + "warmup = [1m]\n"));
        assertEquals(at(3, "jobs.arrivals-per-hour: expected a number, found \"often\""),
                error(REQUIRED + "jobs.arrivals-per-hour = often\n"));
        assertEquals(at(3, "jobs.arrivals-per-hour: expected a number, found \"NaN\""),
                error(REQUIRED + "jobs.arrivals-per-hour = NaN\n"));
        assertEquals(at(3, "name: expected a name on one line, found \"\""), error(REQUIRED + "name = \"\"\n"));
        assertEquals(at(3, "name: expected a name on one line, found \"a\\nb\""), error(REQUIRED + "name = \"a\\nb\"\n"));
    }

    @Test
    void shouldPassOnTheUnitParsersComplaint() throws IOException {
        assertEquals(at(3, "host.memory: '64GB': use binary units (KiB, MiB, GiB, TiB), not GB"),
                error(REQUIRED + "host.memory = 64GB\n"));
        assertEquals(at(3, "warmup: '5 minutes' has an unknown unit 'minutes' (use ms, s, m, h or d)"),
                error(REQUIRED + "warmup = 5 minutes\n"));
        assertEquals(at(3, "jobs.max-wait: '-1m' is negative"), error(REQUIRED + "jobs.max-wait = -1m\n"));
    }

    // ------------------------------------------------------------------ ranges and choices

    @Test
    void shouldRejectOutOfRangeCounts() throws IOException {
        assertEquals(at(3, "hosts: -5 is out of range (1 to 100000)"), error("\nduration = 1h\nhosts = -5\n"));
        assertEquals(at(1, "hosts: 100001 is out of range (1 to 100000)"), error("hosts = 100001\nduration = 1h\n"));
        assertEquals(at(1, "hosts: 99999999999999999999 is out of range (1 to 100000)"),
                error("hosts = 99999999999999999999\nduration = 1h\n"));
        assertEquals(at(3, "host.nodes: 65 is out of range (1 to 64)"), error(REQUIRED + "host.nodes = 65\n"));
        assertEquals(at(3, "jobs.hosts-per-job: 0 is out of range (1 to 100000)"),
                error(REQUIRED + "jobs.hosts-per-job = 0\n"));
        assertEquals(at(3, "jobs.hosts-per-job: 5 is more than hosts (4)"), error(REQUIRED + "jobs.hosts-per-job = 5\n"));
        assertEquals(at(3, "jobs.arrivals-per-hour: -1 is out of range (0 to 1000000)"),
                error(REQUIRED + "jobs.arrivals-per-hour = -1\n"));
        assertEquals(at(3, "jobs.arrivals-per-hour: 1e7 is out of range (0 to 1000000)"),
                error(REQUIRED + "jobs.arrivals-per-hour = \"1e7\"\n"));
    }

    @Test
    void shouldRejectHostsThatCannotExist() throws IOException {
        assertEquals(at(3, "host.memory: 8TiB is more than the model addresses (4TiB: page frame numbers are 32-bit ints)"),
                error(REQUIRED + "host.memory = 8TiB\n"));
        assertEquals(at(3, "host.memory: 16MiB is out of range (32MiB to 4TiB)"), error(REQUIRED + "host.memory = 16MiB\n"));
        assertEquals(at(3, "host.memory: 1000005KiB is not a whole number of 4KiB pages"),
                error(REQUIRED + "host.memory = 1000005KiB\n"));
        assertEquals(at(3, "host.memory: 48MiB on 1 node does not boot: each NUMA node needs at least 64 MiB"),
                error(REQUIRED + "host.memory = 48MiB\n"));
        assertEquals(at(3, "host.memory: 1GiB on 32 nodes does not boot: each NUMA node needs at least 64 MiB"),
                error(REQUIRED + "host { memory = 1GiB, nodes = 32 }\n"));
        assertEquals(at(3, "host.kernel: \"6.2\" is not a modelled kernel (known: 6.1, 6.15)"),
                error(REQUIRED + "host.kernel = \"6.2\"\n"));
        assertEquals(at(3, "host.kernel: 5.4 is not a modelled kernel (known: 6.1, 6.15)"),
                error(REQUIRED + "host.kernel = 5.4\n"));
        assertEquals(at(3, "host.nic: \"cx7\" is not a NIC profile (known: "
                + String.join(", ", org.contigsim.nic.DeviceProfile.names()) + ")"), error(REQUIRED + "host.nic = cx7\n"));
    }

    @Test
    void shouldRejectOutOfRangeTimes() throws IOException {
        assertEquals(at(3, "background: \"busy\" is not a background workload (known: fragmenting, idle)"),
                error(REQUIRED + "background = busy\n"));
        assertEquals(at(3, "warmup: 366d is out of range (0 to 365d)"), error(REQUIRED + "warmup = 366d\n"));
        assertEquals(at(2, "duration: 0 is out of range (1ns to 365d)"), error("hosts = 4\nduration = 0\n"));
        assertEquals(at(2, "duration: 8761h is out of range (1ns to 365d)"), error("hosts = 4\nduration = 8761h\n"));
        assertEquals(at(3, "epoch: 0ms is out of range (1ns to 1h)"), error(REQUIRED + "epoch = 0ms\n"));
        assertEquals(at(3, "epoch: 2h is longer than duration (1h)"), error(REQUIRED + "epoch = 2h\n"));
    }

    @Test
    void shouldCheckDefaultsAgainstTheValuesGiven() throws IOException {
        // the defaults are checked like written values, and the message says which one was used
        assertEquals(noLine("epoch: default 1m is longer than duration (30s)"), error("hosts = 4\nduration = 30s\n"));
        assertEquals(noLine("jobs.hosts-per-job: default 2 is more than hosts (1)"), error("hosts = 1\nduration = 1h\n"));
        assertEquals(noLine("jobs.buffer: default 1GiB is larger than host.memory (512MiB)"),
                error(REQUIRED + "host.memory = 512MiB\n"));
        assertEquals(noLine("jobs.message: default 1MiB is larger than jobs.buffer (64KiB)"),
                error(REQUIRED + "jobs.buffer = 64KiB\n"));
    }

    @Test
    void shouldRejectJobBuffersAndMessagesThatDoNotFit() throws IOException {
        assertEquals(at(9, "jobs.buffer: 128GiB is larger than host.memory (64GiB)"),
                error(REQUIRED + "host {\n  memory = 64GiB\n}\njobs {\n  message = 1MiB\n  pattern = random\n  buffer = 128GiB\n}\n"));
        assertEquals(at(3, "jobs.buffer: 1000 is smaller than one 4KiB page"), error(REQUIRED + "jobs.buffer = 1000\n"));
        assertEquals(at(3, "jobs.buffer: 6KiB is not a whole number of 4KiB pages"),
                error(REQUIRED + "jobs { buffer = 6KiB, message = 1KiB }\n"));
        assertEquals(at(3, "jobs.message: 0 is out of range (1B to 1GiB)"), error(REQUIRED + "jobs.message = 0\n"));
        assertEquals(at(3, "jobs.message: 2GiB is larger than jobs.buffer (1GiB)"), error(REQUIRED + "jobs.message = 2GiB\n"));
        assertEquals(at(3, "jobs.pattern: \"sequential\" is not an access pattern (known: random, perftest)"),
                error(REQUIRED + "jobs.pattern = sequential\n"));
        assertEquals(at(3, "jobs.bytes: 0B is out of range (at least 1B)"), error(REQUIRED + "jobs.bytes = 0B\n"));
        assertEquals(at(3, "jobs.policy: \"lottery\" is not a buffer policy (known: contig-range, buddy, compaction, hugetlb-boot, protect-orders, movable-zone)"),
                error(REQUIRED + "jobs.policy = lottery\n"));
        assertEquals(at(3, "jobs.min-chunk: 2GiB is larger than jobs.buffer (1GiB)"),
                error(REQUIRED + "jobs.min-chunk = 2GiB\n"));
        assertEquals(at(3, "jobs.contiguity: \"loose\" is not a contiguity requirement (known: strict, preferred)"),
                error(REQUIRED + "jobs.contiguity = loose\n"));
    }

    // ------------------------------------------------------------------ substitutions and includes

    @Test
    void shouldNeverReadTheEnvironment() throws IOException {
        // PATH is set wherever tests run; an optional reference to it is simply absent
        assertEquals(noLine("hosts: missing (the number of simulated hosts)"), error("duration = 1h\nhosts = ${?PATH}\n"));
        assertEquals(at(2, "${PATH} is not defined in the scenario (substitutions never read environment variables "
                + "or system properties)"), error("duration = 1h\nhosts = ${PATH}\n"));
        assertEquals(at(2, "${user.home} is not defined in the scenario (substitutions never read environment "
                + "variables or system properties)"), error("hosts = 4\nname = ${user.home}\nduration = 1h\n"));
    }

    @Test
    void shouldReportSubstitutionCycles() throws IOException {
        // which end of the cycle Typesafe Config reports depends on its map order
        String msg = error(REQUIRED + "epoch = ${warmup}\nwarmup = ${epoch}\n");
        assertTrue(msg.matches(Pattern.quote(file.toString()) + ":[34]: cannot resolve substitution: "
                + "\\$\\{(epoch|warmup)\\} was part of a cycle of substitutions involving .*"), msg);
    }

    @Test
    void shouldNameTheIncludedFileAndItsLine() throws IOException {
        Path part = dir.resolve("part.conf");
        Files.writeString(part, "host {\n  memory = 8GiB\n  bogus = 1\n}\n");
        assertEquals(part + ":3: host.bogus: unknown key (known: direct-compaction, extfrag-threshold, kernel, memory, min-free-kbytes, nic, nodes, "
                + "watermark-boost-factor, watermark-scale-factor)",
                error(REQUIRED + "include \"part.conf\"\n"));
        Files.writeString(part, "host {\n  memory = [\n");
        assertEquals(part + ":3: malformed HOCON: List should have ] or a first element after the open [, instead had "
                + "token: end of file (if you want end of file to be part of a string value, then double-quote it)",
                error(REQUIRED + "include \"part.conf\"\n"));
    }

    @Test
    void shouldRefuseIncludesThatWouldPassSilentlyOrReachOutside() throws IOException {
        assertEquals(at(4, "include \"nope.conf\": no such file"), error(REQUIRED + "\ninclude \"nope.conf\"\n"));
        assertEquals(at(3, "include \"nope.conf\": no such file"), error(REQUIRED + "include file(\"nope.conf\")\n"));
        assertEquals(at(3, "include \"reference.conf\": only files can be included, not classpath resources"),
                error(REQUIRED + "include classpath(\"reference.conf\")\n"));
        assertEquals(at(3, "include \"http://example.com/s.conf\": only files can be included, not URLs"),
                error(REQUIRED + "include url(\"http://example.com/s.conf\")\n"));
        assertEquals(at(3, "include \"bad.conf\": includes itself"), error(REQUIRED + "include \"bad.conf\"\n"));
        Files.createDirectories(dir.resolve("d"));
        assertEquals(at(3, "include \"d\": is a directory"), error(REQUIRED + "include \"d\"\n"));
    }
}
