package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Takes a block of the requested order and migrate type from one zone's free lists, falling
 * back to other types' lists as the kernel version does ({@code __rmqueue}). Implementations
 * differ only in the fallback; the shared pieces are here.
 */
abstract class RmQueue {
    static final int ALLOC_NOFRAGMENT = 1;
    static final int ALLOC_CMA = 2;
    static final int ALLOC_KSWAPD = 4;

    private static final int U = MigrateType.UNMOVABLE.ordinal();
    private static final int M = MigrateType.MOVABLE.ordinal();
    private static final int R = MigrateType.RECLAIMABLE.ordinal();
    /** The kernel's fallbacks[] table: whom each type may take from, in order. */
    static final int[][] FALLBACKS = {{R, M}, {R, U}, {U, M}};
    static final int CMA = MigrateType.CMA.ordinal();

    /** Watermark boosting (watermark_boost_factor, in 1/10000 of the high watermark); 0 disables. */
    int boostFactor = 15000;

    /** Returns the zone offset of the block's head, or -1. Boosts the zone's watermarks on claims. */
    final int rmqueue(Zone z, int order, int mt, int flags) {
        if ((flags & ALLOC_CMA) != 0 && z.freeCmaPages() > z.freePages() / 2) {
            int off = z.rmqueueSmallest(order, CMA);
            if (off >= 0) {
                return off;
            }
        }
        int off = z.rmqueueSmallest(order, mt);
        if (off >= 0) {
            return off;
        }
        if ((flags & ALLOC_CMA) != 0) {
            off = z.rmqueueSmallest(order, CMA);
            if (off >= 0) {
                return off;
            }
        }
        return fallback(z, order, mt, flags);
    }

    abstract int fallback(Zone z, int order, int mt, int flags);

    /** The kernel's can_steal_fallback / should_try_claim_block. */
    static boolean canClaim(int order, int startMt) {
        return order >= PAGEBLOCK_ORDER / 2 || startMt == U || startMt == R;
    }

    /** First fallback type with a free block at this order, or -1 (find_suitable_fallback). */
    static int suitableFallback(Zone z, int order, int mt) {
        if (z.freeArea().nrFree(order) == 0) {
            return -1;
        }
        for (int fb : FALLBACKS[mt]) {
            if (!z.freeArea().isEmpty(order, fb)) {
                return fb;
            }
        }
        return -1;
    }

    /** Pages in the pageblock compatible with a claim by {@code startMt} (try_to_claim_block's alike_pages). */
    static int alikePages(Zone z, int pb, int startMt, int blockMt) {
        int movable = z.pageblocks().movablePages(pb);
        if (startMt == M) {
            return movable;
        }
        if (blockMt == M) {
            return z.pageblocks().pageblockPages(pb) - (z.pageblocks().free(pb) + movable);
        }
        return 0;
    }

    /** The pageblock lies wholly in the zone (prep_move_freepages_block's zone_spans_pfn test). */
    static boolean wholePageblock(Zone z, int pb) {
        return z.pageblocks().pageblockPages(pb) == Pages.PAGEBLOCK_PAGES;
    }

    /** boost_watermark(): raises the zone's watermarks by a pageblock, capped. */
    final void boostWatermark(Zone z) {
        if (boostFactor == 0 || (long) Pages.PAGEBLOCK_PAGES * 4 > z.managedPages()) {
            return;
        }
        long maxBoost = z.watermarkHigh() * boostFactor / 10000;
        if (maxBoost == 0) {
            return;
        }
        maxBoost = Math.max(Pages.PAGEBLOCK_PAGES, maxBoost);
        z.setWatermarkBoost(Math.min(z.watermarkBoost() + Pages.PAGEBLOCK_PAGES, maxBoost));
    }
}
