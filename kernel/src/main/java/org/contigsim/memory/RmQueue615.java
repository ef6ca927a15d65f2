package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Linux 6.15+ fallback: {@code __rmqueue_claim} scans the other types' lists from the largest
 * order down and converts a whole pageblock when enough of it is free or alike; failing that,
 * {@code __rmqueue_steal} takes the smallest foreign block and leaves its pageblock's type alone
 * (not under ALLOC_NOFRAGMENT).
 */
final class RmQueue615 extends RmQueue {
    @Override
    int fallback(Zone z, int order, int mt, int flags) {
        int off = claim(z, order, mt, flags);
        if (off >= 0 || (flags & ALLOC_NOFRAGMENT) != 0) {
            return off;
        }
        return steal(z, order, mt);
    }

    private int claim(Zone z, int order, int mt, int flags) {
        int minOrder = order;
        if (order < PAGEBLOCK_ORDER && (flags & ALLOC_NOFRAGMENT) != 0) {
            minOrder = PAGEBLOCK_ORDER;
        }
        for (int co = MAX_ORDER; co >= minOrder; co--) {
            if (co < PAGEBLOCK_ORDER && !canClaim(co, mt)) {
                break;
            }
            if (z.freeArea().protectedFrom(co, order)) {
                continue;
            }
            int fb = suitableFallback(z, co, mt);
            if (fb < 0) {
                continue;
            }
            int off = z.freeArea().peek(co, fb);
            int got = tryToClaimBlock(z, off, co, order, mt, fb);
            if (got >= 0) {
                return got;
            }
        }
        return -1;
    }

    private int tryToClaimBlock(Zone z, int off, int co, int order, int mt, int blockMt) {
        if (co >= PAGEBLOCK_ORDER) {
            z.freeArea().takeHead(co, blockMt);
            z.pageblocks().setRange(off, co, mt);
            z.expand(off, order, co, mt);
            return off;
        }
        boostWatermark(z);
        int pb = off >>> PAGEBLOCK_ORDER;
        if (!wholePageblock(z, pb)) {
            return -1;
        }
        int free = z.pageblocks().free(pb);
        if (free + alikePages(z, pb, mt, blockMt) >= Pages.PAGEBLOCK_PAGES / 2) {
            z.moveFreepagesBlock(pb << PAGEBLOCK_ORDER, blockMt, mt);
            z.pageblocks().setType(pb, mt);
            return z.rmqueueSmallest(order, mt);
        }
        return -1;
    }

    private int steal(Zone z, int order, int mt) {
        for (int co = order; co < NR_ORDERS; co++) {
            if (z.freeArea().protectedFrom(co, order)) {
                continue;
            }
            int fb = suitableFallback(z, co, mt);
            if (fb < 0) {
                continue;
            }
            int off = z.freeArea().peek(co, fb);
            z.freeArea().takeHead(co, fb);
            z.expand(off, order, co, fb);
            return off;
        }
        return -1;
    }
}
