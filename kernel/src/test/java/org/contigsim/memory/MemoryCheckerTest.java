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
        for (int off = 0; off < z.pages; off += 1024) {
            if (z.state[off] == Zone.freeState(10, M)) {
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
        assertDetected(KernelVersion.V6_15, "inside the free order-10 block", z -> z.state[freeOrder10(z) + 100] = 5);
    }

    @Test
    void shouldDetectAnOrphanTail() {
        assertDetected(KernelVersion.V6_15, "tail page outside any block", z -> {
            int off = freeOrder10(z);
            z.state[off] = Zone.freeState(9, M); // the upper half now belongs to no block
        });
    }

    @Test
    void shouldDetectAWrongFreeCount() {
        assertDetected(KernelVersion.V6_15, "nr_free[order 10][MOVABLE]", z -> z.nrFree[10][M]++);
    }

    @Test
    void shouldDetectAWrongPageblockCounter() {
        assertDetected(KernelVersion.V6_15, "pbNonMovable of pageblock 3", z -> z.pbNonMovable[3]++);
        assertDetected(KernelVersion.V6_15, "pbFree of pageblock 7", z -> z.pbFree[7]--);
    }

    @Test
    void shouldDetectWrongZoneTotals() {
        assertDetected(KernelVersion.V6_15, "freePages =", z -> z.freePages--);
        assertDetected(KernelVersion.V6_15, "classPages[", z -> z.classPages[1]++);
        assertDetected(KernelVersion.V6_15, "freeCmaPages =", z -> z.freeCmaPages = 5);
    }

    @Test
    void shouldDetectUnmergedBuddies() {
        assertDetected(KernelVersion.V6_15, "were not merged", z -> {
            int off = freeOrder10(z);
            z.delFree(10, M);
            z.addFree(off, 9, M, false);
            z.addFree(off + 512, 9, M, false);
        });
    }

    @Test
    void shouldDetectAFreeBlockMissingFromItsList() {
        // 6.1 allows a list type other than the pageblock's, so only the list check can object
        assertDetected(KernelVersion.V6_1, "missing from free_list[UNMOVABLE]", z -> {
            int off = freeOrder10(z);
            z.delFree(10, M);
            z.nrFree[10][U]++;
            z.nrFreeOrder[10]++;
            z.state[off] = Zone.freeState(10, U);
        });
    }

    @Test
    void shouldDetectAListTypeThatDiffersFromThePageblockOn6_15() {
        assertDetected(KernelVersion.V6_15, "6.15: free order-10 block on the UNMOVABLE list lies in a MOVABLE pageblock",
                z -> z.moveFree(freeOrder10(z), 10, M, U));
    }

    @Test
    void shouldAllowAListTypeThatDiffersFromThePageblockOn6_1() {
        PhysicalMemory m = host(KernelVersion.V6_1);
        Zone z = Layouts.zone(m, ZoneType.DMA32);
        z.moveFree(freeOrder10(z), 10, M, U);
        MemoryChecker.check(m);
    }

    @Test
    void shouldDetectIsolationLeftBehind() {
        PhysicalMemory m = host(KernelVersion.V6_15);
        Zone z = Layouts.zone(m, ZoneType.DMA32);
        int off = freeOrder10(z);
        z.moveFree(off, 10, M, MigrateType.ISOLATE.ordinal());
        z.setPageblockRange(off, 10, MigrateType.ISOLATE.ordinal());
        MemoryChecker.checkStructure(m); // consistent: fine in the middle of alloc_contig_range
        AssertionError e = assertThrows(AssertionError.class, () -> MemoryChecker.check(m));
        assertTrue(e.getMessage().contains("MIGRATE_ISOLATE"), e.getMessage());
    }
}
