package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

/**
 * Builds exact memory layouts for example tests: alloc_contig_range takes any free page range
 * for a class, so a test can fill a zone except the pages it wants free, or put a movable page at
 * a chosen frame (a contiguous range is recorded as the class's pinned variant; unpinning it
 * makes it an ordinary migratable block).
 */
final class Layouts {
    private Layouts() {
    }

    /** Node 0's zone of this type. */
    static Zone zone(PhysicalMemory m, ZoneType type) {
        Zone z = m.nodeZones[0][type.ordinal()];
        if (z == null) {
            throw new IllegalArgumentException("host has no " + type + " zone on node 0");
        }
        return z;
    }

    /** Whether the page at zone offset {@code off} is free. */
    static boolean isFree(Zone z, int off) {
        return PageState.isFree(z.pageState(z.headOf(off)));
    }

    /** Allocates exactly [pfn, pfn + pages) to {@code cls}; movable classes are then unpinned (migratable). */
    static void place(PhysicalMemory m, int pfn, int pages, int cls) {
        assertTrue(m.contig().allocRange(pfn, pages, cls), "could not place " + pages + " pages at " + pfn);
        if (m.classes.migrateType(cls) == MigrateType.MOVABLE.ordinal() && !m.classes.get(cls).pinned()
                && m.classes.get(cls).owner() != Owner.HUGETLB) {
            Zone z = m.zoneOf(pfn);
            for (int off = pfn - z.startPfn(); off < pfn - z.startPfn() + pages; off += 1 << z.allocatedOrder(off)) {
                m.unpin(z.startPfn() + off);
            }
        }
    }

    /** Places {@code 2^order} pages at {@code pfn} as a single block of {@code cls}. */
    static void placeBlock(PhysicalMemory m, int pfn, int order, int cls) {
        place(m, pfn, 1 << order, cls);
    }

    /** Allocates every free page of the zone to {@code cls}, except the zone offsets in {@code keep}. */
    static void fillExcept(PhysicalMemory m, Zone z, int cls, BitSet keep) {
        for (int pbStart = 0; pbStart < z.spannedPages(); pbStart += PAGEBLOCK_PAGES) {
            int end = Math.min(pbStart + PAGEBLOCK_PAGES, z.spannedPages());
            int off = pbStart;
            while (off < end) {
                if (!isFree(z, off) || keep.get(off)) {
                    off++;
                    continue;
                }
                int run = off;
                while (run < end && isFree(z, run) && !keep.get(run)) {
                    run++;
                }
                place(m, z.startPfn() + off, run - off, cls);
                off = run;
            }
        }
    }

    /** Allocates every free page of the zone to {@code cls}. */
    static void fill(PhysicalMemory m, Zone z, int cls) {
        fillExcept(m, z, cls, new BitSet());
    }

    /** Zone offsets [from, to) as a set. */
    static BitSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    /** Pageblock index of a PFN in its zone. */
    static int pageblock(Zone z, int pfn) {
        return (pfn - z.startPfn()) >>> PAGEBLOCK_ORDER;
    }

    /** Free blocks per order on one migrate type's lists, orders 0..10. */
    static long[] freeCounts(Zone z, MigrateType t) {
        long[] n = new long[Pages.NR_ORDERS];
        for (int o = 0; o < n.length; o++) {
            n[o] = z.freeArea().nrFree(o, t.ordinal());
        }
        return n;
    }
}
