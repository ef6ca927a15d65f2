package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The checker is only worth something if it notices damage: each test breaks one thing. */
class MemoryCheckerTest {
    static final int M = MigrateType.MOVABLE.ordinal();
    static final int U = MigrateType.UNMOVABLE.ordinal();

    /** A 64 MiB host with some allocations; DMA32 zone offset 1024 starts a free order-10 block. */
    static PhysicalMemory host(KernelVersion k) {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).kernel(k).build(), 1);
        for (int i = 0; i < 50; i++) {
            m.allocate(i % 4, m.classId(i % 2 == 0 ? Owner.ANON : Owner.SLAB), 0);
        }
        MemoryChecker.check(m);
        return m;
    }

    /** Zone offset of a free order-10 Movable block in DMA32. */
    static int freeOrder10(Zone z) {
        for (int off = 0; off < z.spannedPages(); off += 1024) {
            if (z.pageState(off) == PageState.freeState(10, M)) {
                return off;
            }
        }
        throw new AssertionError("no free order-10 block");
    }

    static void assertDetected(KernelVersion k, String expected, Consumer<Zone> damage) {
        PhysicalMemory m = host(k);
        damage.accept(Layouts.zone(m, ZoneType.DMA32));
        AssertionError e = assertThrows(AssertionError.class, () -> MemoryChecker.check(m));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void shouldDetectAPageInTwoBlocks() {
        assertDetected(KernelVersion.V6_15, "inside the free order-10 block", z -> ZoneInternals.state(z)[freeOrder10(z) + 100] = 5);
    }

    @Test
    void shouldDetectAnOrphanTail() {
        assertDetected(KernelVersion.V6_15, "tail page outside any block", z -> {
            int off = freeOrder10(z);
            ZoneInternals.state(z)[off] = PageState.freeState(9, M); // the upper half now belongs to no block
        });
    }

    @Test
    void shouldDetectAWrongFreeCount() {
        assertDetected(KernelVersion.V6_15, "nr_free[order 10][MOVABLE]", z -> ZoneInternals.nrFree(z)[10][M]++);
    }

    @Test
    void shouldDetectAWrongPageblockCounter() {
        assertDetected(KernelVersion.V6_15, "pbNonMovable of pageblock 3", z -> ZoneInternals.pageblockCounter(z, "nonMovable")[3]++);
        assertDetected(KernelVersion.V6_15, "pbFree of pageblock 7", z -> ZoneInternals.pageblockCounter(z, "free")[7]--);
    }

    @Test
    void shouldDetectWrongZoneTotals() {
        assertDetected(KernelVersion.V6_15, "freePages =", z -> ZoneInternals.setFreePages(z, z.freePages() - 1));
        assertDetected(KernelVersion.V6_15, "classPages[", z -> ZoneInternals.classPages(z)[1]++);
        assertDetected(KernelVersion.V6_15, "freeCmaPages =", z -> ZoneInternals.setFreeCmaPages(z, 5));
    }

    @Test
    void shouldDetectUnmergedBuddies() {
        assertDetected(KernelVersion.V6_15, "were not merged", z -> {
            int off = freeOrder10(z);
            z.freeArea().del(10, M);
            z.freeArea().add(off, 9, M, false);
            z.freeArea().add(off + 512, 9, M, false);
        });
    }

    @Test
    void shouldDetectAFreeBlockMissingFromItsList() {
        // 6.1 allows a list type other than the pageblock's, so only the list check can object
        assertDetected(KernelVersion.V6_1, "missing from free_list[UNMOVABLE]", z -> {
            int off = freeOrder10(z);
            z.freeArea().del(10, M);
            ZoneInternals.nrFree(z)[10][U]++;
            ZoneInternals.nrFreeOrder(z)[10]++;
            ZoneInternals.state(z)[off] = PageState.freeState(10, U);
        });
    }

    @Test
    void shouldDetectAListTypeThatDiffersFromThePageblockOn6_15() {
        assertDetected(KernelVersion.V6_15, "6.15: free order-10 block on the UNMOVABLE list lies in a MOVABLE pageblock",
                z -> z.freeArea().move(freeOrder10(z), 10, M, U));
    }

    @Test
    void shouldAllowAListTypeThatDiffersFromThePageblockOn6_1() {
        PhysicalMemory m = host(KernelVersion.V6_1);
        Zone z = Layouts.zone(m, ZoneType.DMA32);
        z.freeArea().move(freeOrder10(z), 10, M, U);
        MemoryChecker.check(m);
    }

    @Test
    void shouldDetectIsolationLeftBehind() {
        PhysicalMemory m = host(KernelVersion.V6_15);
        Zone z = Layouts.zone(m, ZoneType.DMA32);
        int off = freeOrder10(z);
        z.freeArea().move(off, 10, M, MigrateType.ISOLATE.ordinal());
        z.pageblocks().setRange(off, 10, MigrateType.ISOLATE.ordinal());
        MemoryChecker.checkStructure(m); // consistent: fine in the middle of alloc_contig_range
        AssertionError e = assertThrows(AssertionError.class, () -> MemoryChecker.check(m));
        assertTrue(e.getMessage().contains("MIGRATE_ISOLATE"), e.getMessage());
    }
}
