package org.contigsim.cli;

import static org.contigsim.cli.MemoryCommandTest.assertBad;
import static org.contigsim.cli.MemoryCommandTest.memory;
import static org.contigsim.cli.MemoryCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.contigsim.memory.AllocTrace;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"movable", "unmovable", "reclaimable"};

    @TempDir
    Path dir;

    /** A trace and, per handle, whether it is live at the end and its order. */
    static final class TraceBuilder {
        final StringBuilder text = new StringBuilder();
        final List<Integer> liveOrder = new ArrayList<>(); // -1: not live
        int lines;

        int alloc(int order, String type) {
            int h = liveOrder.size();
            liveOrder.add(order);
            text.append("alloc,").append(h).append(',').append(order).append(',').append(type).append('\n');
            lines++;
            return h;
        }

        void free(int h) {
            liveOrder.set(h, -1);
            text.append("free,").append(h).append('\n');
            lines++;
        }
    }

    /**
     * On a 64 MiB host: a few thousand order-0 allocations and frees of all three types, then
     * more order-10 unmovable blocks than fit (some fail), then frees of all of those.
     */
    private static TraceBuilder churnThenOverflow() {
        TraceBuilder t = new TraceBuilder();
        Random rnd = new Random(42);
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (live.isEmpty() || rnd.nextInt(3) > 0) {
                live.add(t.alloc(rnd.nextInt(3), TYPES[rnd.nextInt(3)]));
            } else {
                t.free(live.remove(rnd.nextInt(live.size())));
            }
        }
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            big.add(t.alloc(10, "unmovable"));
        }
        for (int h : big) {
            t.free(h);
        }
        return t;
    }

    @Test
    void replayPrintsCountsAndSkipsFreesOfFailedAllocations() throws IOException {
        TraceBuilder t = churnThenOverflow();
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, t.text);
        MemoryCommandTest.Run r = run(memory("--replay", trace.toString(), "--memory", "64MiB"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        JsonNode j = JSON.readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("operations", "seconds", "ops_per_second", "allocations", "frees", "failed_allocations",
                "skipped_frees"), keys);
        long allocs = t.liveOrder.size();
        assertEquals(t.lines, j.get("operations").asLong());
        assertEquals(allocs, j.get("allocations").asLong());
        assertEquals(t.lines - allocs, j.get("frees").asLong());
        long failed = j.get("failed_allocations").asLong();
        assertTrue(failed > 0 && failed < 24, r.out());
        assertEquals(failed, j.get("skipped_frees").asLong(), "every failed block is freed later");
        assertTrue(j.get("seconds").asDouble() > 0);
        assertTrue(j.get("ops_per_second").asDouble() > 0);

        MemoryCommandTest.Run again = run(memory("--replay", trace.toString(), "--memory", "64MiB"));
        JsonNode k = JSON.readTree(again.out());
        for (String key : List.of("operations", "allocations", "frees", "failed_allocations", "skipped_frees")) {
            assertEquals(j.get(key), k.get(key), key);
        }
    }

    @Test
    void handleTableFollowsCompaction() throws IOException {
        // fill memory with order-0 pages, free every other one, then ask for order-4 blocks:
        // only compaction can make them, by moving the remaining pages
        TraceBuilder t = new TraceBuilder();
        List<Integer> small = new ArrayList<>();
        for (int i = 0; i < 16384; i++) {
            small.add(t.alloc(0, "movable"));
        }
        for (int i = 0; i < small.size(); i += 2) {
            t.free(small.get(i));
        }
        for (int i = 0; i < 100; i++) {
            t.alloc(4, "movable");
        }
        for (int i = 1; i < small.size(); i += 4) {
            t.free(small.get(i));
        }
        AllocTrace.Trace trace = AllocTrace.parse(new BufferedReader(new StringReader(t.text.toString())), "t");
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(64L << 20), 1);
        int[] pfnOf = new int[trace.maxHandle() + 1];
        AllocTrace.Result result = new AllocTrace.Replay(trace, mem, pfnOf).run();

        assertTrue(mem.stats().pagesMigrated > 0, "the trace must make compaction move pages");
        assertTrue(result.failedAllocations() > 0, "the fill must run out of memory");
        long livePages = 0;
        for (int h = 0; h < t.liveOrder.size(); h++) {
            int order = t.liveOrder.get(h);
            if (order < 0 || pfnOf[h] < 0) {
                continue;
            }
            assertEquals(order, mem.orderOf(pfnOf[h]), "handle " + h);
            assertEquals(mem.classId(Owner.ANON), mem.classAt(pfnOf[h]), "handle " + h);
            livePages += 1L << order;
        }
        assertEquals(livePages, mem.classPages(mem.classId(Owner.ANON)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "alloc,0,0,movable\\nmalloc,1,0,movable                | :2: unknown operation 'malloc'",
        "alloc,-1,0,movable                                    | :1: handle '-1' is not a non-negative integer",
        "alloc,x,0,movable                                     | :1: handle 'x' is not a non-negative integer",
        "alloc,99999999999,0,movable                           | :1: handle '99999999999' is not",
        "alloc,200000000,0,movable                             | :1: handle 200000000 is too large",
        "alloc,0,11,movable                                    | :1: order '11' is outside 0..10",
        "alloc,0,-1,movable                                    | :1: order '-1' is outside 0..10",
        "alloc,0,0,sticky                                      | :1: unknown migrate type 'sticky'",
        "alloc,0,0                                             | :1: expected alloc,HANDLE,ORDER,MIGRATETYPE",
        "free,0,0                                              | :1: expected free,HANDLE",
        "alloc,0,0,movable\\nfree,1                             | :2: free of handle 1, which was never allocated",
        "alloc,0,0,movable\\nfree,0\\nfree,0                     | :3: free of handle 0, which is already freed",
        "alloc,0,0,movable\\n\\nalloc,0,1,unmovable             | :3: handle 0 is already live (allocated on line 1",
        "\\n\\n                                                 | : the trace has no operations",
    })
    void badTraceLinesNameFileAndLine(String content, String expected) throws IOException {
        Path trace = dir.resolve("bad.csv");
        Files.writeString(trace, content.strip().replace("\\n", "\n") + "\n");
        assertBad(run(memory("--replay", trace.toString(), "--memory", "64MiB")),
                "contigsim: " + trace + expected.strip());
    }

    @Test
    void handlesMayBeReusedAfterFreeAndBlankLinesAndCrlfAreFine() throws IOException {
        Path trace = dir.resolve("reuse.csv");
        Files.writeString(trace, "alloc,5,0,movable\r\n\r\nfree,5\r\nalloc,5,3,reclaimable\r\nfree,5\r\n");
        MemoryCommandTest.Run r = run(memory("--replay", trace.toString(), "--memory", "64MiB"));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(4, j.get("operations").asLong());
        assertEquals(2, j.get("allocations").asLong());
        assertEquals(2, j.get("frees").asLong());
        assertEquals(0, j.get("failed_allocations").asLong());
    }

    @Test
    void replayOfGeneratedTraceRunsOnTheDefaultHost() throws IOException {
        // the shape gen-trace.py writes: fill to half, then alternate allocations and random frees
        Random rnd = new Random(1);
        TraceBuilder t = new TraceBuilder();
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            if (i < 2500 || live.isEmpty() || rnd.nextBoolean()) {
                int order = rnd.nextDouble() < 0.9 ? 0 : 1 + rnd.nextInt(9);
                live.add(t.alloc(order, rnd.nextInt(10) < 8 ? "movable" : TYPES[1 + rnd.nextInt(2)]));
            } else {
                int i2 = rnd.nextInt(live.size());
                t.free(live.remove(i2));
            }
        }
        Path trace = dir.resolve("gen.csv");
        Files.writeString(trace, t.text);
        MemoryCommandTest.Run r = run(memory("--replay", trace.toString(), "--kernel", "6.1", "--memory", "1GiB"));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(5000, j.get("operations").asLong());
        assertEquals(0, j.get("failed_allocations").asLong());
        assertEquals("", r.err());
    }
}
