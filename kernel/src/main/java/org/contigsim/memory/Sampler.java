package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Finds allocated blocks by walking page-state bytes: the model keeps no per-owner page lists
 * (they would cost more than the byte per page), so "a random page cache page" is the first
 * matching block at or after a random frame, wrapping around the zone. Pageblocks whose
 * counters show no page of the wanted group are skipped whole, which keeps sparse classes cheap.
 */
final class Sampler {
    private Sampler() {
    }

    /** First block of class {@code classId} at or after {@code start} (wrapping once), or -1. */
    static int next(Zone z, int start, int classId) {
        return next(z, start, classId, 0);
    }

    /** First evictable block at or after {@code start} (wrapping once), or -1. */
    static int nextEvictable(Zone z, int start) {
        return next(z, start, 0, PageClasses.F_EVICTABLE);
    }

    private static int next(Zone z, int start, int classId, int flagMask) {
        int group = Pageblocks.group(classId > 0 ? z.classes().flags[classId] : flagMask);
        int hit = scan(z, start, z.spannedPages(), classId, flagMask, group);
        if (hit < 0 && start > 0) {
            hit = scan(z, 0, start, classId, flagMask, group);
        }
        return hit;
    }

    private static int scan(Zone z, int from, int to, int classId, int flagMask, int group) {
        Pageblocks pageblocks = z.pageblocks();
        byte[] flags = z.classes().flags;
        int limit = (to + Pages.PAGEBLOCK_PAGES - 1) >>> PAGEBLOCK_ORDER;
        int off = from;
        while (off < to) {
            int pb = classId > 0
                    ? pageblocks.nextWithClass(classId, off >>> PAGEBLOCK_ORDER, limit)
                    : pageblocks.nextWith(group, off >>> PAGEBLOCK_ORDER, limit);
            if (pb < 0) {
                return -1;
            }
            int pbStart = pb << PAGEBLOCK_ORDER;
            boolean whole = off <= pbStart;
            off = Math.max(off, pbStart);
            int pbEnd = Math.min(pbStart + Pages.PAGEBLOCK_PAGES, to);
            while (off < pbEnd) {
                byte s = z.pageState(off);
                if (s == PageState.TAIL) {
                    // started inside a block (a random frame, or a pageblock inside an order-10 block)
                    int head = z.headOf(off);
                    off = head + (1 << z.blockOrder(head));
                } else if (PageState.isFree(s)) {
                    off += 1 << PageState.freeOrder(s);
                } else {
                    if (classId > 0 ? s == classId : (flags[s] & flagMask) != 0) {
                        return off;
                    }
                    off += 1 << z.allocatedOrder(off);
                }
            }
            if (classId > 0 && whole && pbEnd == Math.min(pbStart + Pages.PAGEBLOCK_PAGES, z.spannedPages())) {
                pageblocks.clearClassHint(classId, pb);
            }
        }
        return -1;
    }
}
