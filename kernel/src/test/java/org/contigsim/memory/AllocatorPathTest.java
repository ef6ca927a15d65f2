package org.contigsim.memory;

import static org.contigsim.memory.Layouts.freeCounts;
import static org.contigsim.memory.Layouts.pageblock;
import static org.contigsim.memory.Layouts.zone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The allocator's decisions on hand-built layouts: which free block a fallback takes on each
 * kernel version, when a pageblock is claimed, NOFRAGMENT's zone preference, the watermarks at
 * which allocations fail, and protected orders.
 *
 * <p>Most scenarios use a 64 MiB host: DMA is PFNs [0, 4096), DMA32 [4096, 16384) with the
 * memmap (16384 / 64 = 256 pages) at its top; DMA is filled with kernel memory so DMA32 is the
 * only zone with free pages, and DMA32 is filled with anonymous memory except the pages a test
 * keeps free. With {@code min_free_kbytes = 128}: pages_min = 32, DMA32 min = 32 * 12032 / 16128
 * = 23, low = 23 + max(23 / 4, 12032 * 10 / 10000 = 12) = 35, high = 47: a few dozen free pages
 * pass the watermark.
 */
class AllocatorPathTest {
    /** Pageblock 2 of DMA32 (zone offset 1024). */
    static final int A = 4096 + 2 * 512;
    /** Pageblock 5 of DMA32 (zone offset 2560). */
    static final int B = 4096 + 5 * 512;
    static final int U = MigrateType.UNMOVABLE.ordinal();
    static final int M = MigrateType.MOVABLE.ordinal();

    /** A 64 MiB host whose only free pages are the DMA32 zone offsets in {@code keep}. */
    static PhysicalMemory host(KernelVersion k, BitSet keep, HostConfig.Builder extra) {
        PhysicalMemory m = new PhysicalMemory(extra.kernel(k).build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        Layouts.fillExcept(m, zone(m, ZoneType.DMA32), m.classId(Owner.ANON), keep);
        MemoryChecker.check(m);
        return m;
    }

    static HostConfig.Builder small() {
        return HostConfig.builder(64L << 20).minFreeKbytes(128);
    }

    static long[] counts(long... first) {
        long[] a = new long[Pages.NR_ORDERS];
        System.arraycopy(first, 0, a, 0, first.length);
        return a;
    }

    // ------------------------------------------------------------------ fallback paths

    /**
     * Free memory: an order-6 block at the start of pageblock A (64 free pages, 448 movable) and
     * one page in pageblock B, both Movable; no Unmovable or Reclaimable list has anything. An
     * unmovable order-0 request must fall back. Neither pageblock can be claimed: free + alike =
     * 64 + 0 and 1 + 0, both below 256.
     */
    static PhysicalMemory fallbackScenario(KernelVersion k) {
        BitSet keep = Layouts.range(1024, 1024 + 64);
        keep.set(2560 + 5);
        PhysicalMemory m = host(k, keep, small());
        Zone z = zone(m, ZoneType.DMA32);
        assertArrayEquals(counts(1, 0, 0, 0, 0, 0, 1), freeCounts(z, MigrateType.MOVABLE));
        assertArrayEquals(counts(), freeCounts(z, MigrateType.UNMOVABLE));
        return m;
    }

    @Test
    void shouldStealTheSmallestForeignBlockOn6_15WhenNoPageblockCanBeClaimed() {
        PhysicalMemory m = fallbackScenario(KernelVersion.V6_15);
        Zone z = zone(m, ZoneType.DMA32);
        // __rmqueue_claim tries the order-6 block (64 < 256) and the page in B (1 < 256), then
        // __rmqueue_steal takes the smallest foreign block, B + 5, leaving every type alone
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(B + 5, pfn);
        assertEquals(M, z.pageblocks().type(pageblock(z, A)));
        assertEquals(M, z.pageblocks().type(pageblock(z, B)));
        assertArrayEquals(counts(0, 0, 0, 0, 0, 0, 1), freeCounts(z, MigrateType.MOVABLE), "A's block untouched");
        assertArrayEquals(counts(), freeCounts(z, MigrateType.UNMOVABLE));
        // each claim attempt below pageblock order boosts: max(512, high 47 * 15000 / 10000) = 512
        assertEquals(512, z.watermarkBoost());
        MemoryChecker.check(m);
    }

    @Test
    void shouldTakeTheLargestForeignBlockOn6_1AndMoveItsPageblocksFreePagesToTheUnmovableLists() {
        PhysicalMemory m = fallbackScenario(KernelVersion.V6_1);
        Zone z = zone(m, ZoneType.DMA32);
        // __rmqueue_fallback takes the largest block (order 6 in A); steal_suitable_fallback moves
        // A's free pages to the Unmovable list but leaves A Movable (64 + 0 < 256); the request
        // is then served from the Unmovable list: A's block split, 32+16+8+4+2+1 left there
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(A, pfn);
        assertEquals(M, z.pageblocks().type(pageblock(z, A)), "no claim: the pageblock stays Movable");
        assertArrayEquals(counts(1, 1, 1, 1, 1, 1, 0), freeCounts(z, MigrateType.UNMOVABLE),
                "the remainder sits on Unmovable lists inside a Movable pageblock");
        assertArrayEquals(counts(1), freeCounts(z, MigrateType.MOVABLE), "B's page untouched");
        assertEquals(512, z.watermarkBoost());
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ claim threshold

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldClaimAPageblockWithExactly256FreePages(KernelVersion k) {
        // A holds one free order-8 block (256 pages) and 256 movable pages: free + alike = 256 + 0
        PhysicalMemory m = host(k, Layouts.range(1024, 1024 + 256), small());
        Zone z = zone(m, ZoneType.DMA32);
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(A, pfn);
        assertEquals(U, z.pageblocks().type(pageblock(z, A)), "claimed");
        // the order-8 block moved to the Unmovable list and was split down to the page taken
        assertArrayEquals(counts(1, 1, 1, 1, 1, 1, 1, 1), freeCounts(z, MigrateType.UNMOVABLE));
        assertArrayEquals(counts(), freeCounts(z, MigrateType.MOVABLE));
        MemoryChecker.check(m);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldNotClaimAPageblockWith255FreePages(KernelVersion k) {
        // A's first 255 pages free: blocks of order 7, 6, 5, 4, 3, 2, 1, 0 (128 + 64 + ... + 1)
        PhysicalMemory m = host(k, Layouts.range(1024, 1024 + 255), small());
        Zone z = zone(m, ZoneType.DMA32);
        assertArrayEquals(counts(1, 1, 1, 1, 1, 1, 1, 1), freeCounts(z, MigrateType.MOVABLE));
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        // both end with the order-0 block at A + 254 and no claim; they differ in the lists
        assertEquals(A + 254, pfn);
        assertEquals(M, z.pageblocks().type(pageblock(z, A)));
        if (k == KernelVersion.V6_15) {
            // steal: the smallest block, nothing else moves
            assertArrayEquals(counts(0, 1, 1, 1, 1, 1, 1, 1), freeCounts(z, MigrateType.MOVABLE));
            assertArrayEquals(counts(), freeCounts(z, MigrateType.UNMOVABLE));
        } else {
            // 6.1 moved all of A's free blocks to the Unmovable lists before deciding not to claim
            assertArrayEquals(counts(), freeCounts(z, MigrateType.MOVABLE));
            assertArrayEquals(counts(0, 1, 1, 1, 1, 1, 1, 1), freeCounts(z, MigrateType.UNMOVABLE));
        }
        MemoryChecker.check(m);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldCountUnmovablePagesAsAlikeForAnUnmovableClaim(KernelVersion k) {
        // A: 192 free (order 7 at +0, order 6 at +128), 64 slab pages at +192, 256 movable:
        // alike = 512 - (192 + 256) = 64, free + alike = 256: claimed
        PhysicalMemory m = new PhysicalMemory(small().kernel(k).build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        Layouts.place(m, A + 192, 64, m.classId(Owner.SLAB));
        Layouts.fillExcept(m, zone(m, ZoneType.DMA32), m.classId(Owner.ANON), Layouts.range(1024, 1024 + 192));
        Zone z = zone(m, ZoneType.DMA32);
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(U, z.pageblocks().type(pageblock(z, A)));
        assertEquals(A + 128, pfn, "served from the smallest Unmovable block after the claim");
        assertArrayEquals(counts(1, 1, 1, 1, 1, 1, 0, 1), freeCounts(z, MigrateType.UNMOVABLE));
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ NOFRAGMENT

    /**
     * A 3.25 GiB host: DMA32 is [4096, 786432), Normal [1048576, 1114112) with its top 13312
     * pages (851968 / 64) of memmap. Normal is filled with anonymous memory except every other
     * page of its first 8 pageblocks: 2048 free order-0 pages, all in Movable pageblocks, above
     * Normal's low watermark, but no free block of pageblock order.
     */
    static PhysicalMemory nofragmentHost(KernelVersion k) {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(3328L << 20).kernel(k).build(), 1);
        Zone normal = zone(m, ZoneType.NORMAL);
        assertEquals(1048576, normal.startPfn());
        BitSet keep = new BitSet();
        for (int off = 1; off < 8 * 512; off += 2) {
            keep.set(off);
        }
        Layouts.fillExcept(m, normal, m.classId(Owner.ANON), keep);
        assertEquals(2048, normal.freePages());
        assertEquals(2048, normal.freeArea().nrFree(0, M));
        assertTrue(normal.freePages() > normal.watermarkLow(), "Normal passes its watermark: only NOFRAGMENT turns it down");
        return m;
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldPreferDma32OverPollutingANormalMovablePageblock(KernelVersion k) {
        PhysicalMemory m = nofragmentHost(k);
        Zone normal = zone(m, ZoneType.NORMAL);
        Zone dma32 = zone(m, ZoneType.DMA32);
        // ALLOC_NOFRAGMENT (first zone Normal): in Normal only a whole pageblock may be taken
        // from another type and there is none; DMA32 claims one of its free order-10 blocks
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(dma32, m.zoneOf(pfn));
        assertEquals(U, dma32.pageblocks().type(pageblock(dma32, pfn)));
        assertEquals(0, normal.pageblocks(MigrateType.UNMOVABLE), "no Normal pageblock polluted");
        assertEquals(2048, normal.freeArea().nrFree(0, M));
        MemoryChecker.check(m);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldFallBackIntoNormalMovablePageblocksOnlyWhenTheLowerZonesCannotServe(KernelVersion k) {
        PhysicalMemory m = nofragmentHost(k);
        Layouts.fill(m, zone(m, ZoneType.DMA32), m.classId(Owner.KERNEL));
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        Zone normal = zone(m, ZoneType.NORMAL);
        // the second pass without NOFRAGMENT falls back inside Normal: a fragmented pageblock with
        // 256 free pages + 0 alike is claimed
        int pfn = m.allocate(0, m.classId(Owner.SLAB), 0);
        assertEquals(normal, m.zoneOf(pfn));
        assertTrue(pageblock(normal, pfn) < 8);
        assertEquals(U, normal.pageblocks().type(pageblock(normal, pfn)));
        assertEquals(1, normal.pageblocks(MigrateType.UNMOVABLE));
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ watermarks

    @Test
    void shouldFailLightAtTheLowAndAtomicAtTheMinWatermark() {
        // 64 MiB, default min_free_kbytes, no boosting. managed: DMA 4096, DMA32 12288 - 256 = 12032;
        // lowmem 16128 pages = 64512 kB: sqrt(64512 * 16) = 1015 kB; the THP floor for 2 zones is
        // 512*2*2 + 512*2*3*3 = 11264 pages capped at lowmem/20 = 806 pages = 3224 kB -> 3224 kB,
        // pages_min = 806.
        // DMA:   min = 806 * 4096 / 16128 = 204,  low = 204 + max(51, 4) = 255
        // DMA32: min = 806 * 12032 / 16128 = 601, low = 601 + max(150, 12) = 751
        // lowmem_reserve: DMA keeps DMA32's 12032 / 256 = 47 pages from higher-zone requests.
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).watermarkBoostFactor(0).build(), 1);
        Zone dma = zone(m, ZoneType.DMA);
        Zone dma32 = zone(m, ZoneType.DMA32);
        assertEquals(204, dma.watermarkMin());
        assertEquals(255, dma.watermarkLow());
        assertEquals(601, dma32.watermarkMin());
        assertEquals(751, dma32.watermarkLow());
        assertEquals(47, dma.lowmemReserve(ZoneType.NORMAL.ordinal()));
        int kernel = m.classId(Owner.KERNEL);

        // the fast path (GFP_TRANSHUGE_LIGHT-like) stops where free <= low (+ lowmem_reserve)
        while (m.allocate(0, kernel, 0, Gfp.LIGHT) >= 0) {
            // fill
        }
        assertEquals(751, dma32.freePages());
        assertEquals(255 + 47, dma.freePages());
        long failures = m.stats().allocFailures;

        // GFP_ATOMIC-like requests may go down to min
        while (m.allocate(0, kernel, 0, Gfp.ATOMIC) >= 0) {
            // fill
        }
        assertEquals(601, dma32.freePages());
        assertEquals(204 + 47, dma.freePages());
        assertEquals(failures + 1, m.stats().allocFailures);

        // an ordinary request reclaims (nothing is reclaimable here) and fails too, before and
        // after kswapd has run
        assertEquals(-1, m.allocate(0, kernel, 0));
        m.advanceTo(1_000_000_000L);
        assertEquals(-1, m.allocate(0, kernel, 0));
        assertEquals(601, dma32.freePages());
        MemoryChecker.check(m);
    }

    @Test
    void shouldReclaimPageCacheToServeAnAllocationBelowTheMinWatermark() {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).watermarkBoostFactor(0).build(), 1);
        int cache = m.classId(Owner.PAGE_CACHE);
        int kernel = m.classId(Owner.KERNEL);
        while (m.allocate(0, cache, 0, Gfp.ATOMIC) >= 0) {
            // fill with clean page cache down to the min watermarks
        }
        long cached = m.classPages(cache);
        int pfn = m.allocate(0, kernel, 0);
        assertTrue(pfn >= 0, "direct reclaim of clean page cache makes room");
        assertTrue(m.classPages(cache) < cached);
        assertTrue(m.stats().pagesReclaimed >= Vmscan.SWAP_CLUSTER_MAX);
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ protected orders

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldKeepProtectedOrder9BlocksForOrder9Requests(KernelVersion k) {
        long[] protect = new long[Pages.NR_ORDERS];
        protect[9] = 2;
        // the only free memory: DMA32 pageblocks 2 and 4, two order-9 blocks whose buddies are allocated
        BitSet keep = Layouts.range(1024, 1536);
        keep.set(2048, 2560);
        PhysicalMemory m = host(k, keep, small().protectOrders(protect));
        Zone z = zone(m, ZoneType.DMA32);
        assertEquals(2, z.nrFree(9));
        // 2 blocks <= 2 protected: smaller requests may not split them, of any type
        assertEquals(-1, m.allocate(0, m.classId(Owner.ANON), 0));
        assertEquals(-1, m.allocate(3, m.classId(Owner.SLAB), 0));
        assertEquals(2, z.nrFree(9));
        // an order-9 request takes one as it is
        int pfn = m.allocate(9, m.classId(Owner.ANON), 0);
        assertTrue(pfn == A || pfn == 4096 + 2048, "got " + pfn);
        assertEquals(1, z.nrFree(9));
        MemoryChecker.check(m);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldSplitAnOrder9BlockWhenMoreThanTheProtectedCountIsFree(KernelVersion k) {
        long[] protect = new long[Pages.NR_ORDERS];
        protect[9] = 1;
        BitSet keep = Layouts.range(1024, 1536);
        keep.set(2048, 2560);
        PhysicalMemory m = host(k, keep, small().protectOrders(protect));
        Zone z = zone(m, ZoneType.DMA32);
        assertTrue(m.allocate(0, m.classId(Owner.ANON), 0) >= 0, "2 > 1 protected: one may be split");
        assertEquals(1, z.nrFree(9));
        // the split block's remainder serves further small requests; the last order-9 block stays
        for (int i = 0; i < 511; i++) {
            assertTrue(m.allocate(0, m.classId(Owner.ANON), 0) >= 0);
        }
        assertEquals(-1, m.allocate(0, m.classId(Owner.ANON), 0));
        assertEquals(1, z.nrFree(9));
        MemoryChecker.check(m);
    }
}
