package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

/**
 * Physically contiguous allocations beyond what the free lists hold ({@code mm/page_alloc.c}
 * {@code alloc_contig_range} and {@code alloc_contig_pages}, the kernel side of
 * {@code MAP_CONTIG}): isolate the range's pageblocks, migrate the movable pages out, take the
 * range. Isolation fails on unmovable, pinned or reserved pages, on CMA pageblocks for a non-CMA
 * request and on already isolated ones. Unlike the kernel, a failure after some pages migrated
 * moves them back, so a failed call leaves every allocation where it was.
 *
 * <p>Free pages in isolated pageblocks still count as free for watermarks while a call runs
 * (the kernel stops counting them); the window is one synchronous call.
 */
public final class ContigAllocator {
    private final PhysicalMemory mem;
    private final IntStack moves = new IntStack();

    ContigAllocator(PhysicalMemory mem) {
        this.mem = mem;
    }

    /**
     * alloc_contig_range: allocates exactly the pages [startPfn, startPfn + nrPages) to class
     * {@code classId}, as blocks of at most order 10. Returns whether it succeeded. The pages are
     * not on any LRU list, so compaction must not move them: a migratable class is recorded as its
     * pinned variant.
     */
    public boolean allocRange(int startPfn, int nrPages, int classId) {
        if (nrPages <= 0) {
            throw new IllegalArgumentException("nr_pages must be positive");
        }
        Zone z = mem.zoneOf(startPfn);
        int from = startPfn - z.startPfn();
        int to = from + nrPages;
        if (to > z.spannedPages() || to < from) {
            mem.stats.contigAttempts++;
            return false; // the kernel requires the range to lie in one zone
        }
        return isolatable(z, from, to) ? take(z, from, to, classId) : failedAttempt();
    }

    private boolean failedAttempt() {
        mem.stats.contigAttempts++;
        return false;
    }

    /** Isolates, migrates and takes a range that {@link #isolatable} accepted. */
    private boolean take(Zone z, int from, int to, int classId) {
        mem.stats.contigAttempts++;
        int pbFirst = from >>> PAGEBLOCK_ORDER;
        int pbLast = (to - 1) >>> PAGEBLOCK_ORDER;
        byte[] saved = isolate(z, pbFirst, pbLast);
        reclaimForTargets(z, from, to);
        boolean ok = migrateOut(z, from, to);
        if (ok) {
            z.takeFreeRange(from, to);
            boolean migratable = (mem.classes.flags[classId] & PageClasses.F_MIGRATABLE) != 0;
            markRange(z, from, to, migratable ? mem.classes.withPinned(classId, true) : classId);
            mem.stats.contigSuccess++;
        } else {
            moveBack(z);
        }
        moves.clear();
        unisolate(z, pbFirst, pbLast, saved);
        return ok;
    }

    /**
     * alloc_contig_pages: tries windows of {@code nrPages} aligned to their size (rounded up to a
     * power of two), lowest address first, zone by zone in the preferred node's zonelist; the
     * first PFN of the range, or -1.
     */
    public int allocPages(int nrPages, int classId, int node) {
        int align = Integer.highestOneBit(nrPages);
        if (align < nrPages) {
            align <<= 1;
        }
        boolean movable = mem.classes.migrateType(classId) == MigrateType.MOVABLE.ordinal();
        for (int k = 0; k < mem.nodes(); k++) {
            Zone[] byType = mem.nodeZones[(node + k) % mem.nodes()];
            for (int t = byType.length - 1; t >= 0; t--) {
                Zone z = byType[t];
                if (z == null || (t == ZoneType.MOVABLE.ordinal() && !movable)) {
                    continue;
                }
                int first = (int) ZoneLayout.roundUp(z.startPfn(), align) - z.startPfn();
                for (int off = first; off + nrPages <= z.spannedPages(); off += align) {
                    // pfn_range_valid_contig's quick test first, as the kernel does
                    if (isolatable(z, off, off + nrPages) && take(z, off, off + nrPages, classId)) {
                        return z.startPfn() + off;
                    }
                }
            }
        }
        return -1;
    }

    /** free_contig_range: frees every block of a range allocated by this class. */
    public void freeRange(int startPfn, int nrPages) {
        for (int pfn : blocks(startPfn, nrPages)) {
            mem.free(pfn);
        }
    }

    /** The first PFNs of the blocks (at most order 10) an allocated range is made of, in order. */
    public int[] blocks(int startPfn, int nrPages) {
        Zone z = mem.zoneOf(startPfn);
        IntStack heads = new IntStack();
        for (int off = startPfn - z.startPfn(), end = off + nrPages; off < end; off += 1 << z.allocatedOrder(off)) {
            heads.push(z.startPfn() + off);
        }
        return heads.toArray();
    }

    /**
     * What alloc_contig_range and alloc_contig_pages could take right now, in pages.
     *
     * @param largest the largest run of consecutive pages, in any zone, that are free or hold
     *     movable, unpinned blocks, outside CMA and isolated pageblocks
     * @param largestAligned the largest power of two (a pageblock or more) for which
     *     alloc_contig_pages would find a window aligned to its size, inside one zone, made of such
     *     pages; 0 when not even one pageblock qualifies. What a scheduler needs: {@code largest}
     *     ignores alignment.
     */
    public record Ranges(long largest, long largestAligned) {
    }

    /** Both figures of {@link Ranges}, from one scan of the pageblocks. */
    public Ranges ranges() {
        long best = 0;
        long bestAligned = 0;
        for (Zone z : mem.zones) {
            long run = 0;
            int pbs = z.pageblocks().count();
            int[] takeable = new int[pbs + 1]; // prefix sums of wholly takeable pageblocks
            for (int pb = 0; pb < pbs; pb++) {
                int start = pb << PAGEBLOCK_ORDER;
                int end = Math.min(start + PAGEBLOCK_PAGES, z.spannedPages());
                boolean whole = end - start == PAGEBLOCK_PAGES && typeAllows(z, pb);
                if (!typeAllows(z, pb)) {
                    run = 0;
                } else if (z.pageblocks().nonMovable(pb) == 0 && z.pageblocks().pinned(pb) == 0) {
                    run += end - start;
                    best = Math.max(best, run);
                } else {
                    for (int off = start; off < end; ) {
                        int head = z.headOf(off);
                        int len = (1 << z.blockOrder(head)) - (off - head);
                        if (movableOrFree(z, head)) {
                            run += Math.min(len, end - off);
                            best = Math.max(best, run);
                        } else {
                            run = 0;
                            whole = false;
                        }
                        off += len;
                    }
                }
                takeable[pb + 1] = takeable[pb] + (whole ? 1 : 0);
            }
            bestAligned = Math.max(bestAligned, largestAligned(z, takeable));
        }
        return new Ranges(best, bestAligned);
    }

    /** The largest window of 2^k pageblocks, aligned in absolute PFNs as alloc_contig_pages aligns them. */
    private static long largestAligned(Zone z, int[] takeable) {
        int pbs = takeable.length - 1;
        long best = 0;
        for (long w = 1; w <= pbs; w <<= 1) {
            long window = w << PAGEBLOCK_ORDER;
            boolean found = false;
            for (long pfn = (z.startPfn() + window - 1) / window * window; pfn + window <= (long) z.startPfn() + z.spannedPages()
                    && !found; pfn += window) {
                int pb = (int) ((pfn - z.startPfn()) >>> PAGEBLOCK_ORDER);
                found = takeable[pb + (int) w] - takeable[pb] == w;
            }
            if (!found) {
                break; // no aligned window of this size: none of twice the size either
            }
            best = window;
        }
        return best;
    }

    /** {@link Ranges#largest}. */
    public long largestRange() {
        return ranges().largest();
    }

    /** {@link Ranges#largestAligned}. */
    public long largestAlignedRange() {
        return ranges().largestAligned();
    }

    // ------------------------------------------------------------------ steps

    /** has_unmovable_pages over the range, plus the pageblock-type rules of set_migratetype_isolate. */
    private boolean isolatable(Zone z, int from, int to) {
        for (int pb = from >>> PAGEBLOCK_ORDER; pb <= (to - 1) >>> PAGEBLOCK_ORDER; pb++) {
            if (!typeAllows(z, pb)) {
                return false;
            }
            int start = pb << PAGEBLOCK_ORDER;
            boolean whole = start >= from && start + PAGEBLOCK_PAGES <= to;
            if (whole && z.pageblocks().nonMovable(pb) == 0 && z.pageblocks().pinned(pb) == 0) {
                continue;
            }
            int off = Math.max(start, from);
            int end = Math.min(start + PAGEBLOCK_PAGES, to);
            while (off < end) {
                int head = z.headOf(off);
                if (!movableOrFree(z, head)) {
                    return false;
                }
                off = head + (1 << z.blockOrder(head));
            }
        }
        return true;
    }

    /** Isolated pageblocks are someone else's; CMA ones serve only cma_alloc, which the model does not issue. */
    private static boolean typeAllows(Zone z, int pb) {
        int t = z.pageblocks().type(pb);
        return t != MigrateType.ISOLATE.ordinal() && t != MigrateType.CMA.ordinal();
    }

    private static boolean movableOrFree(Zone z, int head) {
        byte s = z.pageState(head);
        return PageState.isFree(s) || (z.classes().flags[s] & PageClasses.F_MIGRATABLE) != 0;
    }

    private static byte[] isolate(Zone z, int pbFirst, int pbLast) {
        byte[] saved = new byte[pbLast - pbFirst + 1];
        for (int pb = pbFirst; pb <= pbLast; pb++) {
            saved[pb - pbFirst] = (byte) z.pageblocks().type(pb);
            splitStraddlingFreeBlock(z, pb, pbFirst, pbLast);
        }
        for (int pb = pbFirst; pb <= pbLast; pb++) {
            // every free page moves, whatever list it is on (6.1 lets list and pageblock types differ)
            z.moveFreepagesBlock(pb << PAGEBLOCK_ORDER, -1, MigrateType.ISOLATE.ordinal());
            z.pageblocks().setType(pb, MigrateType.ISOLATE.ordinal());
        }
        return saved;
    }

    /** An order-10 free block half inside the isolated pageblocks is split so each half has one type. */
    private static void splitStraddlingFreeBlock(Zone z, int pb, int pbFirst, int pbLast) {
        int start = pb << PAGEBLOCK_ORDER;
        int head = start & ~(Pages.MAX_ORDER_PAGES - 1);
        byte s = z.pageState(head);
        if (!PageState.isFree(s) || PageState.freeOrder(s) <= PAGEBLOCK_ORDER) {
            return;
        }
        int firstPb = head >>> PAGEBLOCK_ORDER;
        int lastPb = firstPb + (1 << (PageState.freeOrder(s) - PAGEBLOCK_ORDER)) - 1;
        if (firstPb >= pbFirst && lastPb <= pbLast) {
            return;
        }
        int mt = PageState.freeType(s);
        z.freeArea().del(PageState.freeOrder(s), mt);
        for (int p = firstPb; p <= lastPb; p++) {
            z.freeArea().add(p << PAGEBLOCK_ORDER, PAGEBLOCK_ORDER, mt, false);
        }
    }

    private static void unisolate(Zone z, int pbFirst, int pbLast, byte[] saved) {
        for (int pb = pbFirst; pb <= pbLast; pb++) {
            int back = saved[pb - pbFirst];
            z.pageblocks().setType(pb, back);
            z.moveFreepagesBlock(pb << PAGEBLOCK_ORDER, MigrateType.ISOLATE.ordinal(), back);
        }
        // whole free pageblocks could not merge across the isolation boundary: merge them now
        for (int pb = Math.max(0, pbFirst - 1); pb <= Math.min(pbLast + 1, z.pageblocks().count() - 1); pb++) {
            int start = pb << PAGEBLOCK_ORDER;
            byte s = z.pageState(start);
            if (PageState.isFree(s) && PageState.freeOrder(s) == PAGEBLOCK_ORDER) {
                z.refree(start);
            }
        }
    }

    /**
     * Reclaims up front what the migration targets will need, so that allocating them never
     * reclaims: an eviction in the middle could take a block this call has just moved.
     */
    private void reclaimForTargets(Zone z, int from, int to) {
        long moving = 0;
        int off = from;
        while (off < to) {
            int head = z.headOf(off);
            int size = 1 << z.blockOrder(head);
            if (!PageState.isFree(z.pageState(head))) {
                moving += size;
            }
            off = head + size;
        }
        long deficit = moving + z.watermarkMin() - z.freePages();
        if (moving > 0 && deficit > 0) {
            mem.vmscan.reclaim(z, deficit);
        }
    }

    /** Migrates every movable block touching [from, to) to memory outside; false when a target is missing. */
    private boolean migrateOut(Zone z, int from, int to) {
        int off = from;
        while (off < to) {
            int head = z.headOf(off);
            byte s = z.pageState(head);
            int order = z.blockOrder(head);
            if (!PageState.isFree(s)) {
                int cls = s;
                int target = mem.allocate(order, cls, z.node(), Gfp.ATOMIC);
                if (target < 0) {
                    return false;
                }
                z.unmarkAllocated(head, order, cls);
                z.freeBlock(head, order);
                mem.stats.pagesMigrated += 1L << order;
                mem.stats.compactNanos += (1L << order) * mem.config.migrateNanosPerPage();
                mem.listener().moved(z.startPfn() + head, target, order, cls);
                moves.push(z.startPfn() + head);
                moves.push(target);
            }
            off = head + (1 << order);
        }
        return true;
    }

    /** Undoes {@link #migrateOut}: every moved block returns to its old frames. */
    private void moveBack(Zone z) {
        for (int i = moves.size() - 2; i >= 0; i -= 2) {
            int oldPfn = moves.get(i);
            int newPfn = moves.get(i + 1);
            int cls = mem.classAt(newPfn);
            int order = mem.orderOf(newPfn);
            int old = oldPfn - z.startPfn();
            z.takeFreeRange(old, old + (1 << order));
            z.markAllocated(old, order, cls);
            mem.free(newPfn);
            mem.listener().moved(newPfn, oldPfn, order, cls);
        }
    }

    private static void markRange(Zone z, int from, int to, int cls) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            z.markAllocated(off, order, cls);
            off += 1 << order;
        }
    }
}
