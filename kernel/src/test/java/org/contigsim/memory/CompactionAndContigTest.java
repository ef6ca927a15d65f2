package org.contigsim.memory;

import static org.contigsim.memory.AllocatorPathTest.A;
import static org.contigsim.memory.AllocatorPathTest.B;
import static org.contigsim.memory.Layouts.freeCounts;
import static org.contigsim.memory.Layouts.pageblock;
import static org.contigsim.memory.Layouts.zone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Direct compaction and its deferral, alloc_contig_range/pages, and long-term pinning. */
class CompactionAndContigTest {
    record Move(int from, int to, int order, int cls) {
    }

    static List<Move> record(PhysicalMemory m) {
        List<Move> moves = new ArrayList<>();
        m.setMigrationListener((from, to, order, cls) -> moves.add(new Move(from, to, order, cls)));
        return moves;
    }

    // ------------------------------------------------------------------ direct compaction

    /**
     * 64 MiB host; DMA full of kernel memory; DMA32 pageblocks 0..21 hold, in every aligned group
     * of 4 pages, an order-1 anonymous block and a free order-1 block: 22 * 256 = 5632 free pages
     * in Movable pageblocks, none in a block larger than order 1. With {@code slabAt511}, page
     * 511 of each of those pageblocks is slab instead (free 255 per pageblock).
     */
    static PhysicalMemory scattered(KernelVersion k, boolean slabAt511) {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).kernel(k).build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        Zone z = zone(m, ZoneType.DMA32);
        BitSet keep = new BitSet();
        for (int off = 0; off < 22 * 512; off++) {
            if ((off & 2) != 0) {
                keep.set(off);
            }
        }
        if (slabAt511) {
            for (int pb = 0; pb < 22; pb++) {
                Layouts.place(m, z.startPfn() + pb * 512 + 511, 1, m.classId(Owner.SLAB));
            }
        }
        Layouts.fillExcept(m, z, m.classId(Owner.ANON), keep);
        assertEquals(0, z.nrFree(2) + z.nrFree(9) + z.nrFree(10));
        assertEquals(slabAt511 ? 22 * 255 : 22 * 256, z.freePages());
        MemoryChecker.check(m);
        return m;
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldCompactDirectlyToServeAnOrder9AllocationFromScatteredMovableMemory(KernelVersion k) {
        PhysicalMemory m = scattered(k, false);
        Zone z = zone(m, ZoneType.DMA32);
        int anon = m.classId(Owner.ANON);
        List<Move> moves = record(m);
        assertEquals(-1, m.allocate(9, anon, 0, Gfp.LIGHT), "no free order-9 block before compaction");
        int pfn = m.allocate(9, anon, 0);
        assertTrue(pfn >= 0, "direct compaction freed a pageblock");
        assertEquals(z, m.zoneOf(pfn));
        assertEquals(0, (pfn - z.startPfn()) % 512);
        assertEquals(1, m.stats().compactStall);
        assertEquals(1, m.stats().compactSuccess);
        assertEquals(0, m.stats().compactFail);
        assertEquals(0, z.compaction().deferShift());
        assertFalse(moves.isEmpty());
        long migrated = 0;
        for (Move mv : moves) {
            assertEquals(anon, mv.cls(), "only anonymous memory moves");
            migrated += 1L << mv.order();
        }
        assertEquals(migrated, m.stats().pagesMigrated);
        MemoryChecker.check(m);
    }

    @ParameterizedTest
    @EnumSource(KernelVersion.class)
    void shouldFailAndDeferDirectCompactionWhenUnmovablePagesBlockEveryPageblock(KernelVersion k) {
        PhysicalMemory m = scattered(k, true);
        Zone z = zone(m, ZoneType.DMA32);
        int anon = m.classId(Owner.ANON);
        int slab = m.classId(Owner.SLAB);
        List<Move> moves = record(m);

        assertEquals(-1, m.allocate(9, anon, 0));
        assertEquals(1, m.stats().compactStall);
        assertEquals(1, m.stats().compactFail);
        assertEquals(0, m.stats().compactSuccess);
        // defer_compaction: considered 0, shift 1, order_failed 9
        assertEquals(0, z.compaction().considered());
        assertEquals(1, z.compaction().deferShift());
        assertEquals(9, z.compaction().orderFailed());

        // compaction_deferred: 1 < 1 << 1, skipped
        assertEquals(-1, m.allocate(9, anon, 0));
        assertEquals(1, m.stats().compactDeferred);
        assertEquals(1, m.stats().compactStall);
        assertEquals(1, z.compaction().considered());

        // 2 >= 2: compaction runs again, fails again, the shift grows
        assertEquals(-1, m.allocate(9, anon, 0));
        assertEquals(2, m.stats().compactStall);
        assertEquals(2, m.stats().compactFail);
        assertEquals(2, z.compaction().deferShift());
        assertEquals(0, z.compaction().considered());

        // a smaller order is not deferred
        assertTrue(m.allocate(3, anon, 0) >= 0);

        for (int pb = 0; pb < 22; pb++) {
            assertEquals(slab, m.classAt(z.startPfn() + pb * 512 + 511), "slab pages never move");
        }
        for (Move mv : moves) {
            assertEquals(anon, mv.cls());
        }
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ alloc_contig_range / pages

    @Test
    void shouldPickTheLowestAlignedWindowFreeOfUnmovablePages() {
        // 1 GiB: DMA32 is [4096, 262144); 32 MiB windows (8192 pages) start at 8192, 16384, 24576, ...
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(1L << 30), 1);
        int slab = m.classId(Owner.SLAB);
        int anon = m.classId(Owner.ANON);
        int kernel = m.classId(Owner.KERNEL);
        Layouts.place(m, 8192 + 100, 1, slab);
        Layouts.place(m, 16384 + 8000, 1, slab);
        Layouts.placeBlock(m, 24576 + 48, 4, anon); // movable: migrated out of the window
        List<Move> moves = record(m);

        int pfn = m.contig().allocPages(8192, kernel, 0);

        assertEquals(24576, pfn);
        assertEquals(List.of(moves.get(0)), moves);
        Move mv = moves.get(0);
        assertEquals(24576 + 48, mv.from());
        assertTrue(mv.to() < 24576 || mv.to() >= 24576 + 8192, "moved out of the window");
        assertEquals(anon, m.classAt(mv.to()));
        for (int p = 24576; p < 24576 + 8192; p += 1 << m.orderOf(p)) {
            assertEquals(kernel, m.classAt(p));
        }
        assertEquals(slab, m.classAt(8192 + 100));
        assertEquals(slab, m.classAt(16384 + 8000));
        MemoryChecker.check(m);
    }

    @Test
    void shouldAllocate2GiBContiguouslyOnAFresh16GiBHost() {
        // Normal is [1048576, 4456448); the first 2 GiB-aligned window in it starts at 4 GiB
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(16L << 30), 1);
        int cls = m.classId(new PageClass(Owner.RDMA_BUFFER, MigrateType.MOVABLE, true, "2g"));
        long free = m.freePages();
        int pfn = m.contig().allocPages(524288, cls, 0);
        assertEquals(1048576, pfn);
        assertEquals(free - 524288, m.freePages());
        assertEquals(524288, m.classPages(cls));
        for (int p = pfn; p < pfn + 524288; p += 1024) {
            assertEquals(cls, m.classAt(p));
            assertEquals(10, m.orderOf(p));
        }
        MemoryChecker.check(m);
    }

    @Test
    void shouldFailA2GiBAllocationWhenEvery2GiBWindowHoldsOneUnmovablePage() {
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(16L << 30), 1);
        int slab = m.classId(Owner.SLAB);
        int windows = 0;
        for (Zone z : m.zones) {
            for (long w = ZoneLayout.roundUp(z.startPfn(), 524288); w + 524288 <= z.startPfn() + z.spannedPages(); w += 524288) {
                Layouts.place(m, (int) w + 12345, 1, slab);
                windows++;
            }
        }
        assertEquals(6, windows, "Normal [4 GiB, 17 GiB) holds six aligned 2 GiB windows");
        long free = m.freePages();
        assertEquals(-1, m.contig().allocPages(524288, m.classId(Owner.KERNEL), 0));
        assertEquals(free, m.freePages());
        // a 1 GiB window still fits between two of the pages
        assertTrue(m.contig().allocPages(262144, m.classId(Owner.KERNEL), 0) >= 0);
        MemoryChecker.check(m);
    }

    @Test
    void shouldMoveEveryMigratedBlockBackWhenAllocContigRangeFails() {
        // pageblock A holds 64 order-3 anonymous blocks; outside it only 64 pages are free (8
        // order-3 targets): the 9th migration fails and the 8 done are undone
        BitSet keep = new BitSet();
        keep.set(5120, 5120 + 64);
        PhysicalMemory m = new PhysicalMemory(AllocatorPathTest.small().build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        int anon = m.classId(Owner.ANON);
        for (int i = 0; i < 64; i++) {
            Layouts.placeBlock(m, A + 8 * i, 3, anon);
        }
        Layouts.fillExcept(m, zone(m, ZoneType.DMA32), m.classId(Owner.SLAB), keep);
        Zone z = zone(m, ZoneType.DMA32);
        long[] freeBefore = freeCounts(z, MigrateType.MOVABLE);
        List<Move> moves = record(m);

        assertFalse(m.contig().allocRange(A, 512, m.classId(Owner.KERNEL)));

        assertEquals(16, moves.size(), "8 blocks out, then the same 8 back");
        for (int i = 0; i < 8; i++) {
            Move out = moves.get(i);
            Move back = moves.get(15 - i);
            assertEquals(out.from(), back.to());
            assertEquals(out.to(), back.from());
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(anon, m.classAt(A + 8 * i));
            assertEquals(3, m.orderOf(A + 8 * i));
        }
        assertEquals(MigrateType.MOVABLE.ordinal(), z.pageblocks().type(pageblock(z, A)), "isolation undone");
        assertArrayEquals(freeBefore, freeCounts(z, MigrateType.MOVABLE));
        assertEquals(m.stats().contigAttempts - 1, m.stats().contigSuccess);
        MemoryChecker.check(m);
    }

    /**
     * Regression: on 6.1 a Movable pageblock can hold free blocks on the Unmovable lists (a
     * steal without claim). Isolation must move those too (6.1's move_freepages_block moves every
     * free page), or a migration target is taken from inside the range being isolated, the
     * fallback re-types the isolated pageblock, and the call ends with "page ... is not free".
     */
    @Test
    void shouldIsolateFreeBlocksOfEveryListOn6_1() {
        // no watermark boost: the steal below would otherwise raise DMA32's watermarks by a pageblock
        PhysicalMemory m = new PhysicalMemory(AllocatorPathTest.small().kernel(KernelVersion.V6_1)
                .watermarkBoostFactor(0).build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        int anon = m.classId(Owner.ANON);
        for (int i = 64; i < 128; i++) {
            Layouts.place(m, A + i, 1, anon); // 64 single anonymous pages at A + 64 .. A + 127
        }
        BitSet keep = Layouts.range(1024, 1024 + 64);
        keep.set(2560 + 5);
        Layouts.fillExcept(m, zone(m, ZoneType.DMA32), anon, keep);
        Zone z = zone(m, ZoneType.DMA32);
        // as in shouldTakeTheLargestForeignBlockOn6_1...: A + 1 .. A + 63 end up free on the Unmovable lists
        assertEquals(A, m.allocate(0, m.classId(Owner.SLAB), 0));
        assertArrayEquals(AllocatorPathTest.counts(1, 1, 1, 1, 1, 1), freeCounts(z, MigrateType.UNMOVABLE));
        List<Move> moves = record(m);

        // 64 pages to migrate, one free page (B + 5) outside pageblock A to migrate into
        boolean ok = m.contig().allocRange(A + 64, 64, m.classId(Owner.KERNEL));

        assertFalse(ok);
        for (Move mv : moves) {
            boolean intoA = mv.to() >= A && mv.to() < A + 512;
            boolean undo = moves.stream().anyMatch(o -> o.from() == mv.to() && o.to() == mv.from() && moves.indexOf(o) < moves.indexOf(mv));
            assertTrue(!intoA || undo, "migration target " + mv.to() + " inside the isolated pageblock");
        }
        for (int i = 64; i < 128; i++) {
            assertEquals(anon, m.classAt(A + i));
        }
        assertEquals(MigrateType.MOVABLE.ordinal(), z.pageblocks().type(pageblock(z, A)));
        assertEquals(B + 5, moves.get(0).to());
        MemoryChecker.check(m);
    }

    /**
     * Regression: an alloc_contig range is handed out as order-10 blocks, which may span two
     * pageblocks of different types. Freeing one must go pageblock by pageblock
     * (split_large_buddy): each half to its own type's list, then merged with the buddy taking
     * the freed half's type, as __free_one_page does on 6.15.
     */
    @Test
    void shouldFreeAnOrder10BlockOverTwoPageblockTypesPageblockByPageblock() {
        PhysicalMemory m = new PhysicalMemory(AllocatorPathTest.small().build(), 1);
        Zone z = zone(m, ZoneType.DMA32);
        int kernel = m.classId(Owner.KERNEL);
        assertTrue(m.contig().allocRange(A, 1024, kernel));
        assertEquals(10, m.orderOf(A));
        // pageblock A was claimed for unmovable memory at some point; A + 512 stayed Movable
        z.pageblocks().setType(pageblock(z, A), MigrateType.UNMOVABLE.ordinal());
        long free = z.freePages();

        m.contig().freeRange(A, 1024);

        assertEquals(free + 1024, z.freePages());
        assertEquals(PageState.freeState(10, MigrateType.MOVABLE.ordinal()), z.pageState(A - z.startPfn()),
                "one order-10 block on the Movable list");
        assertEquals(MigrateType.MOVABLE.ordinal(), z.pageblocks().type(pageblock(z, A)), "the buddy took the freed half's type");
        assertEquals(MigrateType.MOVABLE.ordinal(), z.pageblocks().type(pageblock(z, A) + 1));
        MemoryChecker.check(m);
    }

    // ------------------------------------------------------------------ long-term pinning

    @Test
    void shouldMigrateALongTermPinOutOfZoneMovable() {
        // 256 MiB with movablecore=64M: DMA32 [4096, 49152), Movable [49152, 65536)
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(256L << 20).movableBytes(64L << 20).build(), 1);
        int anon = m.classId(Owner.ANON);
        int pfn = m.allocate(2, anon, 0);
        assertEquals(ZoneType.MOVABLE, m.zoneOf(pfn).type(), "user memory goes to ZONE_MOVABLE first");
        List<Move> moves = record(m);

        int pinned = m.pin(pfn);

        int pinnedCls = m.classes().withPinned(anon, true);
        assertNotEquals(pfn, pinned);
        assertEquals(ZoneType.DMA32, m.zoneOf(pinned).type());
        assertEquals(List.of(new Move(pfn, pinned, 2, pinnedCls)), moves);
        assertEquals(pinnedCls, m.classAt(pinned));
        assertEquals(2, m.orderOf(pinned));
        Zone movable = m.zoneOf(pfn);
        assertTrue(PageState.isFree(movable.pageState(movable.headOf(pfn - movable.startPfn()))), "old frames freed");
        Zone z = m.zoneOf(pinned);
        assertEquals(4, z.pageblocks().pinned(pageblock(z, pinned)));
        MemoryChecker.check(m);
    }

    @Test
    void shouldMigrateALongTermPinOutOfCma() {
        // 64 MiB with 28 MiB of CMA: DMA32's CMA pageblocks hold more than half its free pages,
        // so movable allocations are served from CMA first
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).cmaBytes(28L << 20).build(), 1);
        int anon = m.classId(Owner.ANON);
        int pfn = m.allocate(0, anon, 0);
        Zone z = m.zoneOf(pfn);
        assertEquals(MigrateType.CMA.ordinal(), z.pageblockType(pfn - z.startPfn()));
        List<Move> moves = record(m);

        int pinned = m.pin(pfn);

        Zone tz = m.zoneOf(pinned);
        assertNotEquals(MigrateType.CMA.ordinal(), tz.pageblockType(pinned - tz.startPfn()));
        assertNotEquals(ZoneType.MOVABLE, tz.type());
        assertEquals(1, moves.size());
        assertEquals(pfn, moves.get(0).from());
        assertEquals(m.classes().withPinned(anon, true), m.classAt(pinned));
        MemoryChecker.check(m);
    }

    @Test
    void shouldPinInPlaceAndThenBlockCompactionAndContiguousRanges() {
        PhysicalMemory m = new PhysicalMemory(AllocatorPathTest.small().build(), 1);
        Zone z = zone(m, ZoneType.DMA32);
        int anon = m.classId(Owner.ANON);
        Layouts.placeBlock(m, A + 100, 0, anon);
        List<Move> moves = record(m);

        assertEquals(A + 100, m.pin(A + 100), "an ordinary Movable pageblock may hold a pin");
        assertTrue(moves.isEmpty());
        assertEquals(1, z.pageblocks().pinned(pageblock(z, A)));
        m.compactMemory();
        assertTrue(moves.stream().noneMatch(mv -> mv.from() == A + 100), "compaction never moves a pinned block");
        assertFalse(m.contig().allocRange(A, 512, m.classId(Owner.KERNEL)));
        assertEquals(m.classes().withPinned(anon, true), m.classAt(A + 100));

        m.unpin(A + 100);
        assertEquals(anon, m.classAt(A + 100));
        assertTrue(m.contig().allocRange(A, 512, m.classId(Owner.KERNEL)), "unpinned, it migrates out");
        assertTrue(moves.stream().anyMatch(mv -> mv.from() == A + 100));
        MemoryChecker.check(m);
    }
}
