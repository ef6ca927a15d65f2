package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Linux 6.1 fallback ({@code __rmqueue_fallback}, {@code steal_suitable_fallback}): take the
 * largest foreign block; claim its pageblock when the thresholds allow, otherwise move just that
 * block to the requester's list without changing the pageblock type (so list and pageblock types
 * can differ); a movable request that cannot claim takes the smallest suitable block instead.
 * After the steal the request is served from its own lists.
 */
final class RmQueue61 extends RmQueue {
    @Override
    int fallback(Zone z, int order, int mt, int flags) {
        int minOrder = order;
        if ((flags & ALLOC_NOFRAGMENT) != 0) {
            minOrder = PAGEBLOCK_ORDER;
        }
        int co = MAX_ORDER;
        int fb = -1;
        for (; co >= minOrder; co--) {
            if (z.freeArea().protectedFrom(co, order)) {
                continue;
            }
            fb = suitableFallback(z, co, mt);
            if (fb < 0) {
                continue;
            }
            if (!canClaim(co, mt) && mt == MigrateType.MOVABLE.ordinal() && co > order) {
                fb = -1;
                for (co = order; co < NR_ORDERS; co++) {
                    if (z.freeArea().protectedFrom(co, order)) {
                        continue;
                    }
                    fb = suitableFallback(z, co, mt);
                    if (fb >= 0) {
                        break;
                    }
                }
                break;
            }
            break;
        }
        if (fb < 0 || co < minOrder || co >= NR_ORDERS) {
            return -1;
        }
        int off = z.freeArea().peek(co, fb);
        stealSuitableFallback(z, off, co, mt, canClaim(co, mt));
        return z.rmqueueSmallest(order, mt);
    }

    private void stealSuitableFallback(Zone z, int off, int co, int startMt, boolean wholeBlock) {
        int pb = off >>> PAGEBLOCK_ORDER;
        int oldBlockMt = z.pageblocks().type(pb);
        int listMt = PageState.freeType(z.pageState(off));
        if (oldBlockMt == MigrateType.HIGHATOMIC.ordinal()) {
            z.freeArea().move(off, co, listMt, startMt);
            return;
        }
        if (co >= PAGEBLOCK_ORDER) {
            z.pageblocks().setRange(off, co, startMt);
            z.freeArea().move(off, co, listMt, startMt);
            return;
        }
        boostWatermark(z);
        if (!wholeBlock || !wholePageblock(z, pb)) {
            z.freeArea().move(off, co, listMt, startMt);
            return;
        }
        int free = z.pageblocks().free(pb);
        int movable = z.pageblocks().movablePages(pb);
        int alike;
        if (startMt == MigrateType.MOVABLE.ordinal()) {
            alike = movable;
        } else if (oldBlockMt == MigrateType.MOVABLE.ordinal()) {
            alike = Pages.PAGEBLOCK_PAGES - (free + movable);
        } else {
            alike = 0;
        }
        // 6.1 moves the pageblock's free pages of every list type, then decides on the type
        z.moveFreepagesBlock(pb << PAGEBLOCK_ORDER, -1, startMt);
        if (free + alike >= Pages.PAGEBLOCK_PAGES / 2) {
            z.pageblocks().setType(pb, startMt);
        }
    }
}
