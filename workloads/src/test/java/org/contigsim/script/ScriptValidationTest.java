package org.contigsim.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.hocon.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every validation error is one line naming the file, the line and the key path; nothing runs before. */
class ScriptValidationTest {
    private static final String HOST = "host { memory = 64MiB }\n";

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("s.conf");
    }

    /** The message of the InputException that running {@code text} throws. */
    private String error(String text) throws IOException {
        Files.writeString(file, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputException e = assertThrows(InputException.class,
                () -> ScriptRunner.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing printed before the error");
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private String at(int line, String rest) {
        return file + ":" + line + ": " + rest;
    }

    /** A problem with no line to point at, such as a missing key. */
    private String noLine(String rest) {
        return file + ": " + rest;
    }

    @Test
    void shouldReportAMalformedSizeWithItsLineAndKeyPath() throws IOException {
        String msg = error(HOST + "steps = [\n  { step = compact }\n  { step = allocate, kind = anon, size = 12KiBx, tag = a }\n]\n");
        assertEquals(at(4, "steps[1].size: '12KiBx' has an unknown unit 'KiBx' (use B, KiB, MiB, GiB or TiB)"), msg);
    }

    @Test
    void shouldReportMalformedHoconWithTheParsersLine() throws IOException {
        String msg = error("host { memory = 64MiB }\nsteps = [\n  { step = compact\n");
        assertEquals(at(3, "malformed HOCON: '{' is not closed before the end of the file"), msg);
    }

    @Test
    void shouldReportAnUnresolvedSubstitution() throws IOException {
        String msg = error(HOST + "steps = [ { step = allocate, kind = anon, size = ${big}, tag = a } ]\n");
        assertTrue(msg.startsWith(file + ":2: "), msg);
        assertTrue(msg.contains("${big}"), msg);
    }

    @Test
    void shouldRejectUnknownKeysAtEveryLevel() throws IOException {
        assertEquals(at(2, "stepz: unknown key (known: host, import, seed, steps)"),
                error(HOST + "stepz = []\nsteps = []\n"));
        assertEquals(at(1, "host.memroy: unknown key (known: cma, compaction-proactiveness, direct-compaction, "
                        + "extfrag-threshold, hugetlb, kernel, memory, min-free-kbytes, movablecore, nodes, protect-orders, "
                        + "watermark-boost-factor, watermark-scale-factor)"),
                error("host { memroy = 64MiB }\nsteps = []\n"));
        assertEquals(at(3, "steps[0].force: unknown key (known: step)"),
                error(HOST + "steps = [\n  { step = compact, force = true }\n]\n"));
        assertEquals(at(2, "host.hugetlb[0].pages: unknown key (known: count, size)"),
                error("host {\n  memory = 64MiB, hugetlb = [ { size = 2MiB, pages = 1 } ]\n}\nsteps = []\n"));
    }

    @Test
    void shouldRejectWrongTypes() throws IOException {
        assertEquals(at(2, "steps[0].tag: expected a tag, found a list"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 4KiB, tag = [a] } ]\n"));
        assertEquals(at(2, "steps: expected a list of steps, found an object"), error(HOST + "steps { a = 1 }\n"));
        assertEquals(at(2, "steps[0]: expected an object such as { step = compact }, found \"compact\""),
                error(HOST + "steps = [ compact ]\n"));
        assertEquals(at(2, "steps[0].keep: expected true or false, found \"maybe\""),
                error(HOST + "steps = [ { step = hugepages, keep = maybe } ]\n"));
        assertEquals(at(2, "steps[0].max: expected a whole number, found \"lots\""),
                error(HOST + "steps = [ { step = hugepages, max = lots } ]\n"));
    }

    @Test
    void shouldRequireSizesInWholePages() throws IOException {
        assertEquals(at(2, "steps[0].size: 6000 is not a whole number of 4 KiB pages"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 6000, tag = a } ]\n"));
        assertEquals(at(2, "steps[0].size: 0 must be at least one 4 KiB page"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 0, tag = a } ]\n"));
        assertEquals(at(1, "host.memory: 67108866 is not a whole number of 4KiB pages"),
                error("host { memory = 67108866 }\nsteps = []\n"));
    }

    @Test
    void shouldRequireChunksOfAPowerOfTwoPagesUpTo4MiB() throws IOException {
        assertEquals(at(2, "steps[0].chunk: \"12KiB\" is not a power-of-two number of 4 KiB pages"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 12KiB, chunk = 12KiB, tag = a } ]\n"));
        assertEquals(at(2, "steps[0].chunk: \"8MiB\" is larger than the largest buddy block (4MiB)"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 8MiB, chunk = 8MiB, tag = a } ]\n"));
        assertEquals(at(2, "steps[0].size: \"10MiB\" is not a whole number of 4MiB chunks"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 10MiB, chunk = 4MiB, tag = a } ]\n"));
    }

    @Test
    void shouldRejectFreeingATagNoEarlierStepAllocated() throws IOException {
        assertEquals(at(3, "steps[0].tag: no earlier allocate or contig step has tag \"x\" (known: none)"),
                error(HOST + "steps = [\n  { step = free, tag = x }\n  { step = allocate, kind = anon, size = 4KiB, tag = x }\n]\n"));
        assertEquals(at(4, "steps[1].tag: no earlier allocate or contig step has tag \"b\" (known: a)"),
                error(HOST + "steps = [\n  { step = allocate, kind = anon, size = 4KiB, tag = a }\n"
                        + "  { step = pin, tag = b }\n]\n"));
        // a repeat done zero times allocates nothing
        assertEquals(at(4, "steps[1].tag: no earlier allocate or contig step has tag \"a\" (known: none)"),
                error(HOST + "steps = [\n  { step = repeat, times = 0, steps = [ { step = allocate, kind = anon, size = 4KiB, tag = a } ] }\n"
                        + "  { step = free, tag = a }\n]\n"));
    }

    @Test
    void shouldRejectAnUnknownStepTypeAndAMissingOne() throws IOException {
        assertEquals(at(2, "steps[0].step: \"alocate\" is not a step type (known: allocate, free, pin, unpin, compact, "
                        + "hugepages, advance, sleep, print, contig, repeat)"),
                error(HOST + "steps = [ { step = alocate } ]\n"));
        assertEquals(noLine("steps[0].step: missing (every step names its type (allocate, free, pin, unpin, compact, "
                        + "hugepages, advance, sleep, print, contig, repeat))"),
                error(HOST + "steps = [ { tag = a } ]\n"));
    }

    @Test
    void shouldNameNestedPathsInsideRepeat() throws IOException {
        assertEquals(at(5, "steps[0].steps[1].kind: \"movable\" is not a kind (known: anon, page-cache, unmovable, "
                        + "reclaimable, pinned)"),
                error(HOST + "steps = [\n  { step = repeat, times = 2, steps = [\n    { step = compact }\n"
                        + "    { step = allocate, kind = movable, size = 4KiB, tag = a }\n  ] }\n]\n"));
    }

    @Test
    void shouldCheckRangesAndNames() throws IOException {
        assertEquals(at(2, "steps[0].node: 1 is out of range (0 to 0)"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 4KiB, tag = a, node = 1 } ]\n"));
        assertEquals(at(2, "steps[0].what: \"meminfo\" is not printable (known: buddyinfo, pagetypeinfo, "
                        + "unusable-index, extfrag-index, json)"),
                error(HOST + "steps = [ { step = print, what = meminfo } ]\n"));
        assertEquals(at(2, "steps[0].workload: \"busy\" is not a workload (known: fragmenting, idle)"),
                error(HOST + "steps = [ { step = advance, duration = 1h, workload = busy } ]\n"));
        assertEquals(at(2, "steps[0].duration: '1 fortnight' has an unknown unit 'fortnight' (use ms, s, m, h or d)"),
                error(HOST + "steps = [ { step = sleep, duration = 1 fortnight } ]\n"));
        assertEquals(at(1, "host.kernel: 5.4 is not a modelled kernel (known: 6.1, 6.15)"),
                error("host { memory = 64MiB, kernel = 5.4 }\nsteps = []\n"));
        assertEquals(at(2, "steps[1].fraction: 1.5 is not a fraction in (0, 1]"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 4KiB, tag = a }, "
                        + "{ step = free, tag = a, fraction = 1.5 } ]\n"));
        assertEquals(at(2, "steps[1].fraction: give either every or fraction, not both"),
                error(HOST + "steps = [ { step = allocate, kind = anon, size = 4KiB, tag = a }, "
                        + "{ step = free, tag = a, every = 2, fraction = 0.5 } ]\n"));
        assertEquals(at(2, "steps[0].size: \"3MiB\" is not a huge page size (a power of two of at least 2MiB)"),
                error(HOST + "steps = [ { step = hugepages, size = 3MiB } ]\n"));
        assertEquals(at(2, "steps[0].kind: \"pinned\" is not a kind here (known: anon, page-cache, unmovable, "
                        + "reclaimable)"),
                error(HOST + "steps = [ { step = contig, kind = pinned, size = 4MiB, tag = r } ]\n"));
    }

    @Test
    void shouldPointHostProblemsAtTheOffendingKey() throws IOException {
        assertEquals(at(3, "host.movablecore: movablecore and CMA together must be less than half of memory"),
                error("host {\n  memory = 256MiB\n  movablecore = 200MiB\n}\nsteps = []\n"));
        assertEquals(noLine("host: missing (the script needs host { memory = ... })"), error("steps = []\n"));
        assertEquals(noLine("host.memory: missing (the host's RAM, e.g. memory = 4GiB)"),
                error("host { nodes = 1 }\nsteps = []\n"));
        assertEquals(at(2, "host.protect-orders.11: \"11\" is not an order (0..10)"),
                error("host {\n  memory = 64MiB, protect-orders { 11 = 1 }\n}\nsteps = []\n"));
    }

    @Test
    void shouldReportAHostThatCannotBootBeforeAnyStepRuns() throws IOException {
        // how many fit is the model's business; where the error points is the script's
        assertTrue(error("host {\n  memory = 64MiB, hugetlb = [ { size = 2MiB, count = 100 } ]\n}\n"
                        + "steps = [ { step = print, what = buddyinfo } ]\n")
                .startsWith(at(2, "host.hugetlb: boot hugetlb reservation of 100 x 2 MiB pages does not fit: only ")));
        assertEquals(at(2, "host.hugetlb: boot hugetlb reservation of 1 x 1024 MiB pages does not fit in node 0"),
                error("host {\n  memory = 1GiB, hugetlb = [ { size = 1GiB, count = 1 } ]\n}\nsteps = []\n"));
    }

    @Test
    void shouldValidateEverythingBeforeRunningAnything() throws IOException {
        StringBuilder s = new StringBuilder(HOST + "steps = [\n");
        for (int i = 0; i < 8; i++) {
            s.append("  { step = print, what = buddyinfo }\n");
        }
        s.append("  { step = hugepages, size = 2MiBx }\n]\n");
        // error() also asserts that the first eight steps printed nothing
        assertEquals(at(11, "steps[8].size: '2MiBx' has an unknown unit 'MiBx' (use B, KiB, MiB, GiB or TiB)"),
                error(s.toString()));
    }

    @Test
    void shouldReportAMissingFile() {
        Path missing = dir.resolve("none.conf");
        InputException e = assertThrows(InputException.class, () -> ScriptParser.parse(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
