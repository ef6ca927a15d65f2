package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format's checks and the replay's counts; the CLI's TraceReplayTest covers the rest through the command. */
class AllocTraceTest {
    private static final long HOST_BYTES = 64L << 20;

    private static AllocTrace.Trace parse(String text) throws IOException {
        return AllocTrace.parse(new BufferedReader(new StringReader(text)), "t.csv");
    }

    @Test
    void countsOperationsAndLargestHandle() throws IOException {
        AllocTrace.Trace t = parse("alloc,7,0,movable\n\nalloc,2,3,unmovable\nfree,7\nalloc,7,1,reclaimable\n");
        assertEquals(4, t.size());
        assertEquals(3, t.allocations());
        assertEquals(1, t.frees());
        assertEquals(7, t.maxHandle());
    }

    @Test
    void badLineIsAnIllegalArgumentNamingFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("alloc,0,0,movable\nfree,0\nfree,0\n"));
        assertEquals("t.csv:3: free of handle 0, which is already freed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("\n\n"));
        assertEquals("t.csv: the trace has no operations", e.getMessage());
    }

    @Test
    void unreadableFileIsAnIoException(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> AllocTrace.parse(dir.resolve("none.csv"), "none.csv"));
    }

    @Test
    void failedAllocationsAreCountedAndTheirFreesSkipped() throws IOException {
        // 64 MiB holds 16 order-10 blocks at most, fewer once the kernel has its share
        StringBuilder text = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            text.append("alloc,").append(h).append(",10,unmovable\n");
        }
        for (int h = 0; h < 24; h++) {
            text.append("free,").append(h).append('\n');
        }
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(HOST_BYTES), 1);
        long freeBefore = mem.freePages();
        AllocTrace.Result r = new AllocTrace.Replay(parse(text.toString()), mem).run();
        assertEquals(48, r.operations());
        assertEquals(24, r.allocations());
        assertEquals(24, r.frees());
        assertTrue(r.failedAllocations() > 0 && r.failedAllocations() < 24, r.toString());
        assertEquals(r.failedAllocations(), r.skippedFrees());
        assertEquals(freeBefore, mem.freePages(), "every block that was allocated is freed");
    }

    @Test
    void denseHandlesReuseFreedSlotsAndReplayTheSame() throws IOException {
        String text = "alloc,900,0,movable\nalloc,500,1,movable\nfree,900\nalloc,42,2,unmovable\nfree,500\nfree,42\n";
        AllocTrace.Trace sparse = parse(text);
        AllocTrace.Trace dense = sparse.withDenseHandles();
        assertEquals(900, sparse.maxHandle());
        assertEquals(1, dense.maxHandle(), "two handles live at most");
        assertEquals(sparse.size(), dense.size());
        AllocTrace.Result a = new AllocTrace.Replay(sparse, new PhysicalMemory(HostConfig.defaults(HOST_BYTES), 1)).run();
        AllocTrace.Result b = new AllocTrace.Replay(dense, new PhysicalMemory(HostConfig.defaults(HOST_BYTES), 1)).run();
        assertEquals(a, b);
    }
}
