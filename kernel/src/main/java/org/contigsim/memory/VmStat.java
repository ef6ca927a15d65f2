package org.contigsim.memory;

/**
 * The fragmentation metrics of {@code mm/vmstat.c}, in the kernel's integer arithmetic so that
 * simulated values can be compared digit for digit with a real host's.
 *
 * <p>Every function takes the zone's free-block counts per order ({@code free_area[o].nr_free},
 * summed over migrate types, i.e. one {@code /proc/buddyinfo} row) and returns thousandths
 * (or, for {@link #fragmentationScore}, percent) exactly as the kernel computes them before
 * printing. The kernel's unsigned arithmetic cannot wrap for any zone up to 2^50 pages, so plain
 * {@code long} arithmetic gives the same digits.
 */
public final class VmStat {
    /** {@code COMPACTION_HPAGE_ORDER} on x86-64: the order proactive compaction scores against. */
    public static final int COMPACTION_HPAGE_ORDER = Pages.PAGEBLOCK_ORDER;

    private VmStat() {
    }

    /** {@code struct contig_page_info} as {@code fill_contig_page_info()} fills it. */
    private record ContigInfo(long freePages, long freeBlocksTotal, long freeBlocksSuitable) {
        static ContigInfo of(long[] nrFreeByOrder, int suitableOrder) {
            checkCounts(nrFreeByOrder);
            checkOrder(suitableOrder);
            long pages = 0;
            long total = 0;
            long suitable = 0;
            for (int order = 0; order < Pages.NR_ORDERS; order++) {
                long blocks = nrFreeByOrder[order];
                total += blocks;
                pages += blocks << order;
                if (order >= suitableOrder) {
                    suitable += blocks << (order - suitableOrder);
                }
            }
            return new ContigInfo(pages, total, suitable);
        }
    }

    /**
     * {@code unusable_free_index()}: thousandths of free memory in blocks too small for an
     * allocation of {@code order}; 1000 when nothing is free (all of nothing is unusable).
     */
    public static int unusableIndex(long[] nrFreeByOrder, int order) {
        ContigInfo info = ContigInfo.of(nrFreeByOrder, order);
        if (info.freePages == 0) {
            return 1000;
        }
        return (int) ((info.freePages - (info.freeBlocksSuitable << order)) * 1000 / info.freePages);
    }

    /**
     * {@code __fragmentation_index()}: for an allocation of {@code order} that would fail, near 1000
     * means fragmentation is to blame, near 0 lack of memory; -1000 when a suitable block exists
     * (the allocation would succeed), 0 when the zone has no free block at all.
     *
     * <p>With very few free blocks the kernel's formula goes below zero (one free order-0 page
     * gives -500 for order 1): the kernel computes that in unsigned arithmetic and truncates to
     * {@code int}, which yields the same negative number this method returns.
     */
    public static int fragmentationIndex(long[] nrFreeByOrder, int order) {
        ContigInfo info = ContigInfo.of(nrFreeByOrder, order);
        if (info.freeBlocksTotal == 0) {
            return 0;
        }
        if (info.freeBlocksSuitable > 0) {
            return -1000;
        }
        long requested = 1L << order;
        return (int) (1000 - (1000 + info.freePages * 1000 / requested) / info.freeBlocksTotal);
    }

    /**
     * {@code extfrag_for_order()}: percent of free pages in blocks smaller than {@code order};
     * 0 when nothing is free (unlike the unusable index, which says 1000 there).
     */
    public static int extfragForOrder(long[] nrFreeByOrder, int order) {
        ContigInfo info = ContigInfo.of(nrFreeByOrder, order);
        if (info.freePages == 0) {
            return 0;
        }
        return (int) ((info.freePages - (info.freeBlocksSuitable << order)) * 100 / info.freePages);
    }

    /**
     * A zone's proactive-compaction score before weighting by zone size
     * ({@code fragmentation_score_zone()} = {@code extfrag_for_order(zone, COMPACTION_HPAGE_ORDER)}).
     */
    public static int fragmentationScore(long[] nrFreeByOrder) {
        return extfragForOrder(nrFreeByOrder, COMPACTION_HPAGE_ORDER);
    }

    /** {@link #unusableIndex} for orders 0..10, one {@code unusable_index} row. */
    public static int[] unusableIndexes(long[] nrFreeByOrder) {
        int[] out = new int[Pages.NR_ORDERS];
        for (int order = 0; order < out.length; order++) {
            out[order] = unusableIndex(nrFreeByOrder, order);
        }
        return out;
    }

    /** {@link #fragmentationIndex} for orders 0..10, one {@code extfrag_index} row. */
    public static int[] fragmentationIndexes(long[] nrFreeByOrder) {
        int[] out = new int[Pages.NR_ORDERS];
        for (int order = 0; order < out.length; order++) {
            out[order] = fragmentationIndex(nrFreeByOrder, order);
        }
        return out;
    }

    /**
     * The kernel's {@code "%d.%03d"} of {@code index / 1000, index % 1000} with C's truncating
     * division: -1000 prints "-1.000", but -500 prints "0.-500", which is what a real host shows
     * for such an index, so it is kept rather than "fixed".
     */
    public static String formatThousandths(int thousandths) {
        return String.format("%d.%03d", thousandths / 1000, thousandths % 1000);
    }

    public static long[] nrFreeByOrder(ZoneView zone) {
        long[] counts = new long[Pages.NR_ORDERS];
        for (int order = 0; order < counts.length; order++) {
            counts[order] = zone.nrFree(order);
        }
        return counts;
    }

    public static int unusableIndex(ZoneView zone, int order) {
        return unusableIndex(nrFreeByOrder(zone), order);
    }

    public static int fragmentationIndex(ZoneView zone, int order) {
        return fragmentationIndex(nrFreeByOrder(zone), order);
    }

    public static int fragmentationScore(ZoneView zone) {
        return fragmentationScore(nrFreeByOrder(zone));
    }

    private static void checkCounts(long[] nrFreeByOrder) {
        if (nrFreeByOrder.length != Pages.NR_ORDERS) {
            throw new IllegalArgumentException("expected " + Pages.NR_ORDERS + " free-block counts (orders 0.."
                    + Pages.MAX_ORDER + "), got " + nrFreeByOrder.length);
        }
        for (int order = 0; order < nrFreeByOrder.length; order++) {
            if (nrFreeByOrder[order] < 0) {
                throw new IllegalArgumentException("order " + order + " count " + nrFreeByOrder[order] + " is negative");
            }
        }
    }

    private static void checkOrder(int order) {
        if (order < 0 || order > Pages.MAX_ORDER) {
            throw new IllegalArgumentException("order " + order + " outside 0.." + Pages.MAX_ORDER);
        }
    }
}
