package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The largest aligned window alloc_contig_pages would find, against alloc_contig_pages itself. */
class AlignedRangeTest {
    @Test
    void shouldPromiseOnlyWindowsThatAllocContigPagesFinds() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(6L << 30), 1);
        int kernel = mem.classId(PageClass.of(Owner.KERNEL));
        long before = mem.contig().largestAlignedRange();
        assertEquals(Long.highestOneBit(before), before, "a power of two");
        assertTrue(before >= 1 << 18, "a fresh 6 GiB host has a 1 GiB aligned window: " + before);
        // an unmovable page in the middle of every 64 MiB window of every zone
        for (Zone z : mem.zones()) {
            long first = (z.startPfn() + 16383) / 16384 * 16384;
            for (long pfn = first; pfn + 16384 <= z.startPfn() + z.spannedPages(); pfn += 16384) {
                mem.contig().allocRange((int) pfn + 8192, 1, kernel); // fails only where a page already blocks
            }
        }
        long after = mem.contig().largestAlignedRange();
        assertEquals(8192, after, "32 MiB windows remain, 64 MiB ones do not");
        assertConsistent(mem, after);
    }

    @Test
    void shouldShrinkAsUnmovableMemoryFillsTheHost() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(512L << 20), 1);
        int kernel = mem.classId(PageClass.of(Owner.KERNEL));
        while (mem.allocate(0, kernel, 0, Gfp.LIGHT) >= 0) {
            // fill with unmovable pages until the allocator refuses
        }
        long left = mem.contig().largestAlignedRange();
        assertTrue(left < (512L << 20) / 4096 / 8, "little is left: " + left);
        assertConsistent(mem, left);
    }

    /** What is promised is there, and twice as much is not. */
    private static void assertConsistent(PhysicalMemory mem, long promised) {
        int rdma = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
        if (promised > 0) {
            assertTrue(mem.contig().allocPages((int) (2 * promised), rdma, 0) < 0, "no window twice as large");
            int pfn = mem.contig().allocPages((int) promised, rdma, 0);
            assertTrue(pfn >= 0, "the promised window exists");
            assertEquals(0, pfn % promised, "aligned to its size");
        }
        List<Zone> zones = mem.zones();
        assertTrue(!zones.isEmpty());
    }
}
