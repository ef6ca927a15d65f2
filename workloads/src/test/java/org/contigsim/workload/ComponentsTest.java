package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.contigsim.base.Rng;

/** Each component alone, on a host that counts: what it allocates, of which kind and order, and how fast. */
class ComponentsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TOTAL = 4 * (1L << 30) / 4096;

    private static RecordingHost run(String spec, long seconds) {
        return run(new RecordingHost(TOTAL), spec, seconds);
    }

    private static RecordingHost run(RecordingHost host, String spec, long seconds) {
        Workloads.background("preset = none\n" + spec).run(host, new Rng(1), 0, seconds * SECOND);
        return host;
    }

    @Test
    void pageCacheReadsWholeFilesWithFoliosNoLargerThanAFile() {
        RecordingHost h = run("page-cache { read-per-second = 16MiB, file-size = 16KiB }", 60);
        assertEquals(4096L * 60, h.allocated.get(PageKind.PAGE_CACHE));
        assertEquals(0, h.allocationsByOrder[4], "a 16 KiB file never gets a 64 KiB folio");
        assertTrue(h.allocationsByOrder[2] > 0);
        RecordingHost big = run("page-cache { read-per-second = 16MiB, file-size = 1MiB }", 60);
        assertTrue(big.allocationsByOrder[4] > 0);
    }

    @Test
    void pageCacheFillsItsShareAtOnceAndDeletesFiles() {
        RecordingHost h = run("page-cache { read-per-second = 0, fill = 0.25 }", 1);
        assertEquals(TOTAL / 4, h.allocated.get(PageKind.PAGE_CACHE));
        RecordingHost deleting = run("page-cache { read-per-second = 0, fill = 0.5, delete-per-hour = 1 }", 360);
        // 1/hour of what is there, for a tenth of an hour: about 10% gone
        assertEquals(TOTAL / 2 * Math.exp(-0.1), deleting.pages(PageKind.PAGE_CACHE), TOTAL / 2 * 0.01);
    }

    @Test
    void pageCacheReadsAtTheMeanOfARandomRate() {
        RecordingHost h = run("page-cache { read-per-second = \"exponential(32MiB)\" }", 2000);
        assertEquals(8192.0 * 2000, h.allocated.get(PageKind.PAGE_CACHE), 8192.0 * 2000 * 0.05);
    }

    @Test
    void kernelMemoryKeepsBothSlabsAndAddsLongLivedMemory() {
        RecordingHost h = run("kernel { slab = 0.02, reclaimable = 0.03, long-lived-per-hour = 0.01 }", 1800);
        assertEquals(0.02, h.pages(PageKind.SLAB) / (double) TOTAL, 0.002);
        assertEquals(0.03, h.pages(PageKind.SLAB_RECLAIMABLE) / (double) TOTAL, 0.003);
        assertEquals(0.005, h.pages(PageKind.KERNEL_LONG_LIVED) / (double) TOTAL, 0.0005);
        assertEquals(0, h.allocationsByOrder[2], "slab orders 0, 1 and 3");
    }

    @Test
    void netBuffersTryPageFragmentsFirstAndFallBack() {
        RecordingHost h = run("net { share = 0.01, frag-order = 3, folios = \"0:1\" }", 600);
        assertEquals(0.01, h.pages(PageKind.NET_BUFFER) / (double) TOTAL, 0.001);
        assertTrue(h.allocationsByOrder[3] > 0 && h.hugeAttempts > 0);
        RecordingHost noFrags = new RecordingHost(TOTAL);
        noFrags.failEveryTry = 1;
        run(noFrags, "net { share = 0.01, frag-order = 3, folios = \"0:1\" }", 600);
        assertEquals(0, noFrags.allocationsByOrder[3], "no free 32 KiB block: single pages");
        assertEquals(0.01, noFrags.pages(PageKind.NET_BUFFER) / (double) TOTAL, 0.001);
    }

    @Test
    void anonymousMemoryFallsBackToSmallPagesWhenNoHugePageIsFree() {
        RecordingHost h = run("anon { share = 0.4, thp = 1, folios = \"0:1\" }", 1200);
        assertTrue(h.allocationsByOrder[9] > 0);
        RecordingHost fallback = new RecordingHost(TOTAL);
        fallback.failEveryTry = 1;
        run(fallback, "anon { share = 0.4, thp = 1, folios = \"0:1\" }", 1200);
        assertEquals(0, fallback.allocationsByOrder[9]);
        assertEquals(fallback.hugeAttempts, fallback.log.toString().split("nofree", -1).length - 1L);
        assertEquals(0.4, fallback.pages(PageKind.ANON) / (double) TOTAL, 0.02, "the share is reached all the same");
    }

    @Test
    void anonymousMemoryIsReplacedAtItsTurnover() {
        RecordingHost h = run("anon { share = 0.2, turnover-per-hour = 2, process-size = \"uniform(1MiB, 7MiB)\" }", 3600);
        long target = (long) (0.2 * TOTAL);
        // filled once, then twice replaced
        assertEquals(3.0, h.allocated.get(PageKind.ANON) / (double) target, 0.2);
    }

    @Test
    void pageTablesFollowAnonymousMemory() {
        RecordingHost h = run("anon { share = 0.4 }\npage-tables { ratio = 0.01 }", 1200);
        assertEquals(0.01 * h.pages(PageKind.ANON), h.pages(PageKind.PAGE_TABLE), 0.001 * h.pages(PageKind.ANON));
        assertEquals(h.allocated.get(PageKind.PAGE_TABLE), h.allocationsByOrder[0] - countOrder0Except(h),
                "page tables are single pages");
    }

    private static long countOrder0Except(RecordingHost h) {
        // order-0 allocations of other kinds: anon's from the log
        long n = 0;
        for (String op : h.log.toString().split(" ")) {
            if (op.equals(PageKind.ANON.ordinal() + ":0")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void rdmaRegistrationsHoldTheirShareAsPinnedMemory() {
        RecordingHost h = run("rdma { share = 0.05, turnover-per-hour = 4, registration-size = 4MiB }", 1800);
        assertEquals(0.05, h.pages(PageKind.RDMA_PINNED) / (double) TOTAL, 0.005);
        long target = (long) (0.05 * TOTAL);
        assertEquals(3.0, h.allocated.get(PageKind.RDMA_PINNED) / (double) target, 0.3, "filled once, replaced twice");
    }
}
