package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;

class FragmentingWorkloadTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long GIB_PAGES = (1L << 30) / 4096;

    @Test
    void shouldReadPageCacheAtTheConfiguredRate() {
        RecordingHost host = run(4 * GIB_PAGES, 1, 600);
        // 64 MiB/s for 600 s = 16,384 pages/s, rounded per folio, with at most one extra folio per second
        long expected = 16_384L * 600;
        long got = host.allocated.get(PageKind.PAGE_CACHE);
        assertTrue(Math.abs(got - expected) <= 600 * 16, "page cache pages " + got + ", expected about " + expected);
    }

    @Test
    void shouldFillAnonymousAndKernelMemoryToTheirShares() {
        long total = 4 * GIB_PAGES;
        RecordingHost host = run(total, 1, 3600);
        assertEquals(0.40, host.pages(PageKind.ANON) / (double) total, 0.02);
        assertEquals(0.02, host.pages(PageKind.SLAB) / (double) total, 0.002);
        assertEquals(0.01, host.pages(PageKind.NET_BUFFER) / (double) total, 0.001);
        // 0.1% of memory per hour that is never freed
        assertEquals(0.001, host.pages(PageKind.KERNEL_LONG_LIVED) / (double) total, 0.0002);
    }

    @Test
    void shouldChurnAnonymousMemoryAndTryHugePagesForPartOfIt() {
        long total = 4 * GIB_PAGES;
        RecordingHost host = run(total, 1, 2 * 3600);
        long anonTarget = (long) (0.40 * total);
        // filled once, then half of it replaced per hour: about one more fill over two hours
        long allocated = host.allocated.get(PageKind.ANON);
        assertTrue(allocated > anonTarget * 3 / 2 && allocated < anonTarget * 5 / 2, "anon allocated " + allocated);
        assertTrue(host.allocationsByOrder[9] > 0, "THP-eligible faults take 2 MiB pages when they can");
        assertTrue(host.allocationsByOrder[3] > 0, "network buffers take order-3 page fragments");
    }

    @Test
    void shouldAdvanceHostTimeEverySimulatedSecondUpToTheEnd() {
        RecordingHost host = run(GIB_PAGES, 1, 10);
        assertEquals(10 * SECOND, host.advancedTo);
    }

    @Test
    void shouldGiveTheSameOperationsForTheSameSeedAndOthersForAnother() {
        String a = run(GIB_PAGES, 7, 120).log.toString();
        String b = run(GIB_PAGES, 7, 120).log.toString();
        String c = run(GIB_PAGES, 8, 120).log.toString();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void shouldNotDependOnHowTheIntervalIsCut() {
        RecordingHost whole = new RecordingHost(GIB_PAGES);
        Rng r1 = new Rng(3);
        FragmentingWorkload.defaults().run(whole, r1, 0, 90 * SECOND);
        RecordingHost pieces = new RecordingHost(GIB_PAGES);
        Rng r2 = new Rng(3);
        for (long t = 0; t < 90 * SECOND; t += 30 * SECOND) {
            FragmentingWorkload.defaults().run(pieces, r2, t, t + 30 * SECOND);
        }
        assertEquals(whole.log.toString(), pieces.log.toString());
    }

    private static RecordingHost run(long totalPages, long seed, long seconds) {
        RecordingHost host = new RecordingHost(totalPages);
        FragmentingWorkload.defaults().run(host, new Rng(seed), 0, seconds * SECOND);
        return host;
    }
}
