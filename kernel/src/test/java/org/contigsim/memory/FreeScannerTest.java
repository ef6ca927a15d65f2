package org.contigsim.memory;

import static org.contigsim.memory.Layouts.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The free scanner's stride (mm/compaction.c, isolate_freepages and isolate_freepages_block):
 * after a suitable pageblock that gave no free page the scanner looks at every 2nd, 4th, ...
 * page of the next ones, and a free page between them is not seen. The kernel lab's guests
 * show it: compact_memory over memory holed at every other page migrates almost nothing in some
 * boots and tens of thousands of pages in others (docs/validation.md).
 */
class FreeScannerTest {
    /** DMA32 pageblocks of a 64 MiB host: all but the top one holed at the given parity, the top one full. */
    private static PhysicalMemory holed(int freeParity) {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(64L << 20).build(), 1);
        Layouts.fill(m, zone(m, ZoneType.DMA), m.classId(Owner.KERNEL));
        Zone z = zone(m, ZoneType.DMA32);
        int top = z.lastPageblockStart();
        BitSet keep = new BitSet();
        for (int off = 0; off < top; off++) {
            if ((off & 1) == freeParity) {
                keep.set(off);
            }
        }
        Layouts.fillExcept(m, z, m.classId(Owner.ANON), keep);
        assertEquals(top / 2, z.freePages());
        MemoryChecker.check(m);
        return m;
    }

    @Test
    void afterAFullPageblockTheScannerStridesOverHolesAtOddOffsets() {
        PhysicalMemory m = holed(1);
        Compaction.Result r = m.compactMemory();
        // the full top pageblock gave nothing: stride 2 from there on looks only at even pages
        assertEquals(0, r.pagesMigrated());
        assertEquals(0, zone(m, ZoneType.DMA32).nrFree(9));
        MemoryChecker.check(m);
    }

    @Test
    void holesTheStrideLandsOnAreFoundAndCompactionWorks() {
        PhysicalMemory m = holed(0);
        Compaction.Result r = m.compactMemory();
        Zone z = zone(m, ZoneType.DMA32);
        assertTrue(r.pagesMigrated() > 1000, "migrated " + r.pagesMigrated());
        assertTrue(z.nrFree(9) + 2 * z.nrFree(10) >= 5, "order-9 blocks: " + z.nrFree(9) + ", order 10: " + z.nrFree(10));
        MemoryChecker.check(m);
    }

    @Test
    void directCompactionFindsHolesThroughTheFreeListsWhereItsStrideMissesThem() {
        // async direct compaction scans with a stride of 32, but fast_isolate_freepages takes free
        // pages off the order-0 list near the free scanner first, so the odd holes still serve
        PhysicalMemory m = holed(1);
        int pfn = m.allocate(9, m.classId(Owner.ANON), 0, Gfp.RETRY_MAYFAIL);
        assertTrue(m.stats().compactStall > 0);
        assertTrue(pfn >= 0, "an order-9 block from compaction");
        MemoryChecker.check(m);
    }
}
