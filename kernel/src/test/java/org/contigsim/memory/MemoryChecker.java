package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

import java.util.BitSet;

/**
 * Recomputes a host's whole allocator state from the page-state bytes alone and compares it
 * with every counter and list the model keeps incrementally. Throws {@link AssertionError}
 * naming the zone, PFN and both values on the first violation.
 *
 * <p>{@link #check} is for a quiescent host (between two public calls): it also requires that no
 * compaction-isolated page (class 127) and no isolated pageblock is left behind.
 * {@link #checkStructure} omits those two checks, for use in the middle of an operation.
 */
final class MemoryChecker {
    private static final int NR_TYPES = MigrateType.values().length;
    private static final int CMA = MigrateType.CMA.ordinal();
    private static final int ISOLATE = MigrateType.ISOLATE.ordinal();

    private MemoryChecker() {
    }

    /** Every structural and accounting invariant, plus "nothing is left isolated". */
    static void check(PhysicalMemory m) {
        checkStructure(m);
        for (Zone z : m.zones) {
            if (z.classPages(PageClasses.ISOLATED) != 0) {
                fail(z, -1, "compaction left " + z.classPages(PageClasses.ISOLATED) + " isolated pages (class 127) behind");
            }
            for (int pb = 0; pb < z.pageblocks().count(); pb++) {
                if (z.pageblocks().type(pb) == ISOLATE) {
                    fail(z, pb << PAGEBLOCK_ORDER, "pageblock left MIGRATE_ISOLATE after alloc_contig_range");
                }
            }
        }
    }

    /** The invariants that hold at every instant the allocator is not inside a primitive. */
    static void checkStructure(PhysicalMemory m) {
        boolean sameListAndBlockType = m.config.kernel() == KernelVersion.V6_15;
        long totalFree = 0;
        for (Zone z : m.zones) {
            checkZone(z, sameListAndBlockType);
            totalFree += z.freePages();
        }
        if (m.freePages() != totalFree) {
            throw new AssertionError("host freePages() " + m.freePages() + " != sum of zones " + totalFree);
        }
    }

    private static void checkZone(Zone z, boolean sameListAndBlockType) {
        final int pages = z.spannedPages();
        final byte[] flags = z.classes().flags;
        final int nPb = z.pageblocks().count();
        long[][] nrFree = new long[NR_ORDERS][NR_TYPES];
        long[] classPages = new long[128];
        long[] pbFree = new long[nPb];
        long[] pbNonMovable = new long[nPb];
        long[] pbPinned = new long[nPb];
        long[] pbEvictable = new long[nPb];
        long[] pbOtherMovable = new long[nPb];
        long freePages = 0;
        long freeCma = 0;
        BitSet freeHeads = new BitSet(pages);

        if (nPb != (pages + PAGEBLOCK_PAGES - 1) >>> PAGEBLOCK_ORDER) {
            fail(z, -1, "has " + nPb + " pageblock entries for " + pages + " pages");
        }
        int off = 0;
        while (off < pages) {
            byte s = z.pageState(off);
            if (s == PageState.TAIL) {
                fail(z, off, "tail page outside any block (no head at or before it covers it)");
            }
            int order;
            boolean free = PageState.isFree(s);
            if (free) {
                order = PageState.freeOrder(s);
                int type = PageState.freeType(s);
                if (order > MAX_ORDER) {
                    fail(z, off, "free head with order " + order + " > " + MAX_ORDER);
                }
                if (type >= NR_TYPES) {
                    fail(z, off, "free head on list type " + type + " (no such migrate type; a leftover compact() mark?)");
                }
            } else {
                order = z.allocatedOrder(off);
            }
            int size = 1 << order;
            if ((off & (size - 1)) != 0) {
                fail(z, off, (free ? "free" : "allocated") + " block of order " + order + " is not naturally aligned");
            }
            if (off + size > pages) {
                fail(z, off, (free ? "free" : "allocated") + " block of order " + order + " runs past the zone end");
            }
            for (int i = off + 1; i < off + size; i++) {
                if (z.pageState(i) != PageState.TAIL) {
                    fail(z, i, "head byte " + z.pageState(i) + " inside the " + (free ? "free" : "allocated") + " order-" + order
                            + " block at pfn " + (z.startPfn() + off) + " (a page in two blocks)");
                }
            }
            int firstPb = off >>> PAGEBLOCK_ORDER;
            int lastPb = (off + size - 1) >>> PAGEBLOCK_ORDER;
            if (free) {
                int type = PageState.freeType(s);
                nrFree[order][type]++;
                freePages += size;
                freeHeads.set(off);
                for (int pb = firstPb; pb <= lastPb; pb++) {
                    int inPb = Math.min(size, PAGEBLOCK_PAGES);
                    pbFree[pb] += inPb;
                    int pbt = z.pageblocks().type(pb);
                    if (pbt == CMA) {
                        freeCma += inPb;
                    }
                    if (sameListAndBlockType && type != pbt) {
                        fail(z, off, "6.15: free order-" + order + " block on the " + MigrateType.of(type)
                                + " list lies in a " + MigrateType.of(pbt) + " pageblock");
                    }
                    if ((type == CMA) != (pbt == CMA)) {
                        fail(z, off, "free order-" + order + " block on the " + MigrateType.of(type) + " list lies in a "
                                + MigrateType.of(pbt) + " pageblock: CMA memory and CMA lists must coincide");
                    }
                }
                if (lastPb != firstPb && !mergeable(z.pageblocks().type(firstPb), z.pageblocks().type(lastPb))) {
                    fail(z, off, "free order-" + order + " block spans pageblocks of unmergeable types "
                            + MigrateType.of(z.pageblocks().type(firstPb)) + " and " + MigrateType.of(z.pageblocks().type(lastPb)));
                }
            } else {
                classPages[s] += size;
                int f = flags[s];
                long[] counter = (f & PageClasses.F_NON_MOVABLE) != 0 ? pbNonMovable
                        : (f & PageClasses.F_PINNED) != 0 ? pbPinned
                        : (f & PageClasses.F_EVICTABLE) != 0 ? pbEvictable
                        : pbOtherMovable;
                if (s != PageClasses.ISOLATED && (s > z.classes().size())) {
                    fail(z, off, "allocated head of unregistered class " + s);
                }
                if (counter != null) {
                    for (int pb = firstPb; pb <= lastPb; pb++) {
                        counter[pb] += Math.min(size, PAGEBLOCK_PAGES);
                    }
                }
            }
            off += size;
        }

        // buddies that should have merged
        for (int h = freeHeads.nextSetBit(0); h >= 0; h = freeHeads.nextSetBit(h + 1)) {
            int order = PageState.freeOrder(z.pageState(h));
            if (order >= MAX_ORDER) {
                continue;
            }
            int buddy = h ^ (1 << order);
            if (buddy >= pages || !PageState.isFree(z.pageState(buddy)) || PageState.freeOrder(z.pageState(buddy)) != order) {
                continue;
            }
            if (order >= PAGEBLOCK_ORDER) {
                int a = z.pageblocks().type(h >>> PAGEBLOCK_ORDER);
                int b = z.pageblocks().type(buddy >>> PAGEBLOCK_ORDER);
                if (!mergeable(a, b)) {
                    continue;
                }
            }
            fail(z, Math.min(h, buddy), "free buddies of order " + order + " at pfns " + (z.startPfn() + Math.min(h, buddy))
                    + " and " + (z.startPfn() + Math.max(h, buddy)) + " were not merged");
        }

        // counters against the recount
        for (int o = 0; o < NR_ORDERS; o++) {
            long perOrder = 0;
            for (int t = 0; t < NR_TYPES; t++) {
                if (z.freeArea().nrFree(o, t) != nrFree[o][t]) {
                    fail(z, -1, "nr_free[order " + o + "][" + MigrateType.of(t) + "] = " + z.freeArea().nrFree(o, t)
                            + " but " + nrFree[o][t] + " such free heads exist");
                }
                perOrder += nrFree[o][t];
            }
            if (z.nrFree(o) != perOrder) {
                fail(z, -1, "nrFreeOrder[" + o + "] = " + z.nrFree(o) + " but " + perOrder + " free heads of that order exist");
            }
        }
        if (z.freePages() != freePages) {
            fail(z, -1, "freePages = " + z.freePages() + " but the free blocks hold " + freePages);
        }
        if (z.freeCmaPages() != freeCma) {
            fail(z, -1, "freeCmaPages = " + z.freeCmaPages() + " but CMA pageblocks hold " + freeCma + " free pages");
        }
        long allocated = 0;
        for (int c = 0; c < 128; c++) {
            if (z.classPages(c) != classPages[c]) {
                fail(z, -1, "classPages[" + c + "] = " + z.classPages(c) + " but blocks of that class hold " + classPages[c]);
            }
            allocated += classPages[c];
        }
        if (allocated + freePages != pages) {
            fail(z, -1, "allocated " + allocated + " + free " + freePages + " != " + pages + " pages");
        }
        for (int pb = 0; pb < nPb; pb++) {
            checkCounter(z, pb, "pbFree", z.pageblocks().free(pb), pbFree[pb]);
            checkCounter(z, pb, "pbNonMovable", z.pageblocks().nonMovable(pb), pbNonMovable[pb]);
            checkCounter(z, pb, "pbPinned", z.pageblocks().pinned(pb), pbPinned[pb]);
            checkCounter(z, pb, "pbEvictable", z.pageblocks().evictable(pb), pbEvictable[pb]);
            checkCounter(z, pb, "otherMovablePages", z.pageblocks().otherMovablePages(pb), pbOtherMovable[pb]);
            long[][] recount = {pbNonMovable, pbPinned, pbEvictable, pbOtherMovable};
            for (int g = 0; g < Pageblocks.GROUPS; g++) {
                boolean bit = (z.pageblocks().hasGroup(g, pb));
                if (bit != (recount[g][pb] != 0)) {
                    fail(z, pb << PAGEBLOCK_ORDER, "group " + g + " bit of pageblock " + pb + " is " + bit
                            + " but the group holds " + recount[g][pb] + " pages there");
                }
            }
            int t = z.pageblocks().type(pb);
            if (t < 0 || t >= NR_TYPES) {
                fail(z, pb << PAGEBLOCK_ORDER, "pageblock type " + t + " is no migrate type");
            }
        }

        // every live free block is on its list (stale entries and duplicates are allowed)
        BitSet listed = new BitSet(pages);
        for (int o = 0; o < NR_ORDERS; o++) {
            for (int t = 0; t < NR_TYPES; t++) {
                FreeList list = z.freeArea().list(o, t);
                byte expected = PageState.freeState(o, t);
                for (int i = 0; i < list.size(); i++) {
                    int e = list.get(i);
                    if (e < 0 || e >= pages) {
                        fail(z, -1, "free_list[order " + o + "][" + MigrateType.of(t) + "] holds offset " + e
                                + " outside the zone");
                    }
                    if (z.pageState(e) == expected) {
                        listed.set(e);
                    }
                }
            }
        }
        for (int h = freeHeads.nextSetBit(0); h >= 0; h = freeHeads.nextSetBit(h + 1)) {
            if (!listed.get(h)) {
                fail(z, h, "free order-" + PageState.freeOrder(z.pageState(h)) + " block is missing from free_list["
                        + MigrateType.of(PageState.freeType(z.pageState(h))) + "]");
            }
        }

        // compaction's cached scanner positions stay inside the zone
        if (z.compaction().cachedMigrate() < 0 || z.compaction().cachedMigrate() >= pages
                || z.compaction().cachedFree() < 0 || z.compaction().cachedFree() > z.lastPageblockStart()) {
            fail(z, -1, "compaction cursors out of range: migrate " + z.compaction().cachedMigrate() + ", free " + z.compaction().cachedFree());
        }
    }

    private static void checkCounter(Zone z, int pb, String name, int actual, long recount) {
        if (actual != recount) {
            fail(z, pb << PAGEBLOCK_ORDER, name + " of pageblock " + pb + " = " + actual + " but recount gives " + recount);
        }
    }

    /** Pageblock types whose free pages may merge at order >= pageblock_order (migratetype_is_mergeable). */
    static boolean mergeable(int a, int b) {
        return a == b || (a < MigrateType.PCPTYPES && b < MigrateType.PCPTYPES);
    }

    private static void fail(Zone z, int offset, String what) {
        String where = z + (offset >= 0 ? " pfn " + (z.startPfn() + offset) + " (offset " + offset + ")" : "");
        throw new AssertionError(where + ": " + what);
    }
}
