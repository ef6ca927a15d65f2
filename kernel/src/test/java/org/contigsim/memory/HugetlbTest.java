package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * hugetlbfs pools: boot reservations are taken before any fragmentation exists, where the layout
 * says; run-time growth goes through the buddy allocator (2 MiB) or alloc_contig_pages (1 GiB)
 * and fails once every pageblock holds an unmovable page.
 */
class HugetlbTest {
    static final long MIB2 = 2L << 20;
    static final long GIB1 = 1L << 30;
    static final long GIB2 = 2L << 30;

    /** The pool's free pages, leaving the pool as it was. */
    static Set<Integer> pages(HugetlbPool pool) {
        List<Integer> taken = new ArrayList<>();
        int pfn;
        while ((pfn = pool.take()) >= 0) {
            taken.add(pfn);
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            pool.give(taken.get(i));
        }
        return new HashSet<>(taken);
    }

    /**
     * 16 GiB: Normal is [1048576, 4456448), memmap its top 65536 pages from 4390912. Gigantic
     * pages come top-down below it, each aligned to its size: 1 GiB at alignDown(4390912 -
     * 262144, 262144) = 3932160 (15 GiB), then 3670016 (14 GiB); the 2 GiB page at
     * alignDown(3670016 - 524288, 524288) = 3145728 (12 GiB). The eight 2 MiB pages are the
     * first allocations after boot: the lowest Normal frames, [1048576, 1052672).
     */
    @Test
    void shouldTakeBootPoolsWhereTheLayoutSaysAndFailToGrowAfterFragmentation() {
        HostConfig c = HostConfig.builder(16L << 30).hugetlb(List.of(
                new HostConfig.HugetlbReservation(MIB2, 8),
                new HostConfig.HugetlbReservation(GIB1, 2),
                new HostConfig.HugetlbReservation(GIB2, 1))).build();
        ZoneLayout layout = ZoneLayout.of(c);
        List<ZoneLayout.Range> gigantic = layout.reserved().stream().filter(r -> r.owner() == Owner.HUGETLB).toList();
        assertEquals(List.of(new ZoneLayout.Range(0, 3145728, 524288, Owner.HUGETLB),
                new ZoneLayout.Range(0, 3670016, 262144, Owner.HUGETLB),
                new ZoneLayout.Range(0, 3932160, 262144, Owner.HUGETLB)), gigantic);

        PhysicalMemory m = new PhysicalMemory(c, 1);
        HugetlbPool p2m = m.pool(MIB2);
        HugetlbPool p1g = m.pool(GIB1);
        HugetlbPool p2g = m.pool(GIB2);
        assertEquals(8, p2m.total());
        assertEquals(2, p1g.total());
        assertEquals(1, p2g.total());
        assertEquals(Set.of(3670016, 3932160), pages(p1g));
        assertEquals(Set.of(3145728), pages(p2g));
        for (int pfn : pages(p1g)) {
            assertEquals(0, pfn % 262144, "1 GiB aligned");
        }
        Set<Integer> twoMeg = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            twoMeg.add(1048576 + 512 * i);
        }
        assertEquals(twoMeg, pages(p2m));
        int hugetlb = m.classId(Owner.HUGETLB);
        assertEquals(8 * 512 + 2 * 262144 + 524288, m.classPages(hugetlb));
        for (int pfn : pages(p2m)) {
            assertEquals(hugetlb, m.classAt(pfn));
            assertEquals(9, m.orderOf(pfn));
        }
        MemoryChecker.check(m);

        // fresh host: a run-time 1 GiB page is the lowest 1 GiB window without unmovable pages
        // (the first Normal one holds the 2 MiB pages), then given back
        assertEquals(1310720, p1g.grow(0));
        assertEquals(3, p1g.total());
        assertTrue(p1g.shrink());
        assertEquals(2, p1g.total());

        // fragment: one kernel page in every pageblock that has a free page
        int slab = m.classId(Owner.SLAB);
        for (Zone z : m.zones) {
            for (int pb = 0; pb < z.pageblocks().count(); pb++) {
                int start = pb << Pages.PAGEBLOCK_ORDER;
                int end = Math.min(start + Pages.PAGEBLOCK_PAGES, z.spannedPages());
                for (int off = end - 1; off >= start; off--) {
                    if (Layouts.isFree(z, off)) {
                        Layouts.place(m, z.startPfn() + off, 1, slab);
                        break;
                    }
                }
            }
        }
        MemoryChecker.check(m);
        long free = m.freePages();
        assertEquals(-1, p2m.grow(0), "no pageblock can be freed whole");
        assertEquals(-1, p1g.grow(0), "no 1 GiB window is free of unmovable pages");
        assertEquals(8, p2m.total());
        assertEquals(2, p1g.total());
        assertEquals(free, m.freePages());

        // the boot pages are still all there, and can be used and given back
        int page = p1g.take();
        assertEquals(1, p1g.free());
        p1g.give(page);
        assertTrue(p2g.shrink(), "a boot gigantic page can be released to the buddy allocator");
        assertEquals(free + 524288, m.freePages());
        MemoryChecker.check(m);
    }

    @Test
    void shouldGrowAndShrinkA2MiBPoolThroughTheBuddyAllocator() {
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(256L << 20), 1);
        HugetlbPool pool = m.pool(MIB2);
        long free = m.freePages();
        int pfn = pool.grow(0);
        assertTrue(pfn >= 0);
        assertEquals(0, pfn % 512);
        assertEquals(9, m.orderOf(pfn));
        assertEquals(free - 512, m.freePages());
        assertTrue(pool.shrink());
        assertEquals(free, m.freePages());
        assertEquals(0, pool.total());
        assertEquals(-1, pool.take());
        MemoryChecker.check(m);
    }
}
