package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.contigsim.base.Rng;

/** The CSV trace background: its format, its errors with line and field, and its replay. */
class BackgroundTraceTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String TRACE = """
            # a recorded minute
            time_s,op,kind,order,count,node
            0,alloc,page-cache,0,1000,0
            0.5,alloc,anon,9,3,1\r
            1,alloc,slab,1,10,0

            2.25,free,page-cache,0,400,0
            2.25,alloc,rdma-pinned,2,5,0
            59.999999999,alloc,kernel-long-lived,0,7,0
            120,alloc,net-buffer,3,1,0
            """;

    @TempDir
    Path dir;

    private static BackgroundTrace parse(String text) {
        return BackgroundTrace.parse(text.getBytes(StandardCharsets.ISO_8859_1), "t.csv");
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void shouldSkipBlankLinesCommentsAndTheHeader() {
        assertEquals(7, parse(TRACE).size());
        assertEquals(1, parse("3,alloc,anon,0,1,0\n").size(), "the header is optional");
    }

    @Test
    void shouldNameTheFileLineAndFieldOfEveryProblem() {
        assertEquals("t.csv:2: expected 6 fields (time_s,op,kind,order,count,node), found 5",
                error("0,alloc,anon,0,1,0\n0,alloc,anon,0,1\n"));
        assertEquals("t.csv:1: time_s: '-1' is not a time in seconds (e.g. 0, 12.5, 3600.000001)",
                error("-1,alloc,anon,0,1,0\n"));
        assertEquals("t.csv:1: time_s: '1.0000000001' is not a time in seconds (e.g. 0, 12.5, 3600.000001)",
                error("1.0000000001,alloc,anon,0,1,0\n"));
        assertEquals("t.csv:1: time_s: 31536001 is out of range (0 to 31536000)", error("31536001,alloc,anon,0,1,0\n"));
        assertEquals("t.csv:3: time_s: 4 is before the previous operation's time (times must not decrease)",
                error("# c\n5,alloc,anon,0,1,0\n4,alloc,anon,0,1,0\n"));
        assertEquals("t.csv:1: op: 'malloc' is not alloc or free", error("0,malloc,anon,0,1,0\n"));
        assertEquals("t.csv:1: kind: 'heap' is not a page kind (known: page-cache, anon, slab, slab-reclaimable, "
                + "page-table, net-buffer, kernel-long-lived, rdma-pinned)", error("0,alloc,heap,0,1,0\n"));
        assertEquals("t.csv:1: order: '11' is not a whole number from 0 to 10", error("0,alloc,anon,11,1,0\n"));
        assertEquals("t.csv:1: count: '0' is not a whole number from 1 to 2147483647", error("0,alloc,anon,0,0,0\n"));
        assertEquals("t.csv:1: count: '9999999999' is not a whole number from 1 to 2147483647",
                error("0,alloc,anon,0,9999999999,0\n"));
        assertEquals("t.csv:1: node: 'x' is not a whole number from 0 to 1023", error("0,alloc,anon,0,1,x\n"));
        assertEquals("t.csv: the trace has no operations", error("time_s,op,kind,order,count,node\n# nothing\n"));
        assertEquals("t.csv:2: expected 6 fields (time_s,op,kind,order,count,node), found 1",
                error("0,alloc,anon,0,1,0\ntime_s\n"));
    }

    @Test
    void shouldReplayEachOperationInTheStepHoldingItsTime() {
        RecordingHost h = new RecordingHost(1 << 20, 2);
        Background b = new Background(null, null, null, null, null, null, parse(TRACE));
        b.run(h, new Rng(1), 0, 60 * SECOND);
        assertEquals(1000 - 400, h.pages(PageKind.PAGE_CACHE));
        assertEquals(3 * 512, h.pages(PageKind.ANON));
        assertEquals(20, h.pages(PageKind.SLAB));
        assertEquals(20, h.pages(PageKind.RDMA_PINNED));
        assertEquals(7, h.pages(PageKind.KERNEL_LONG_LIVED));
        assertEquals(0, h.pages(PageKind.NET_BUFFER), "the operation at 120 s is after the end");
        assertTrue(h.log.toString().contains("1:9@1 "), "anon on node 1 as written");
        assertEquals(60 * SECOND, h.advancedTo);
        RecordingHost oneNode = new RecordingHost(1 << 20, 1);
        b.run(oneNode, new Rng(1), 0, 60 * SECOND);
        assertEquals(3 * 512, oneNode.pages(PageKind.ANON), "node 1 wraps to node 0 on a one-node host");
    }

    @Test
    void shouldReplayTheSameWhereverTimeIsCut() {
        Background b = new Background(null, null, null, null, null, null, parse(TRACE));
        RecordingHost whole = new RecordingHost(1 << 20, 2);
        b.run(whole, new Rng(1), 0, 200 * SECOND);
        RecordingHost pieces = new RecordingHost(1 << 20, 2);
        Rng rng = new Rng(1);
        long[] cuts = {0, 250_000_000L, 2_250_000_000L, 2_250_000_001L, 59 * SECOND, 200 * SECOND};
        for (int i = 0; i + 1 < cuts.length; i++) {
            b.run(pieces, rng, cuts[i], cuts[i + 1]);
        }
        assertEquals(whole.log.toString(), pieces.log.toString());
    }

    @Test
    void shouldStopALinesAllocationsAtTheFirstFailure() {
        RecordingHost h = new RecordingHost(1 << 20);
        h.capacity = 100;
        new Background(null, null, null, null, null, null, parse("0,alloc,anon,0,1000,0\n")).run(h, new Rng(1), 0,
                SECOND);
        assertEquals(100, h.pages(PageKind.ANON));
        assertEquals(1, h.log.toString().split("oom", -1).length - 1);
    }

    @Test
    void shouldTravelAsAnAbsolutePathAndHashAndRefuseChangedContent() throws IOException {
        Path file = dir.resolve("day.csv");
        Files.writeString(file, TRACE);
        BackgroundTrace read = BackgroundTrace.read(file);
        assertEquals(file.toAbsolutePath().toString(), read.file());
        assertEquals(BackgroundTrace.sha256(TRACE.getBytes(StandardCharsets.ISO_8859_1)), read.sha256());
        Background b = new Background(null, null, null, null, null, null, read);
        assertEquals("preset = \"none\"\ntrace = \"" + read.file() + "\"\ntrace-sha256 = \"" + read.sha256() + "\"\n",
                b.spec());
        Background back = Workloads.background(b.spec());
        assertEquals(b, back);
        assertSame(back.trace(), Workloads.background(b.spec()).trace(), "read once per JVM");

        Path other = dir.resolve("other.csv");
        Files.writeString(other, TRACE);
        String spec = b.spec().replace(read.file(), other.toString());
        Files.writeString(other, TRACE + "121,free,anon,0,1,0\n");
        String actual = BackgroundTrace.sha256(Files.readAllBytes(other));
        assertEquals(other + ": the background trace has changed since the scenario was read (sha256 " + actual
                + ", expected " + read.sha256() + ")",
                assertThrows(IllegalArgumentException.class, () -> Workloads.fromSpec(spec)).getMessage());
        Files.delete(other);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.fromSpec(spec)).getMessage()
                .startsWith(other + ": cannot read the background trace (java.nio.file.NoSuchFileException"));
    }
}
