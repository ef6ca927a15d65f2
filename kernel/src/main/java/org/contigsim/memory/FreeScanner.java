package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

/**
 * Compaction's free scanner ({@code isolate_freepages}, {@code fast_isolate_freepages} and
 * {@code isolate_freepages_block} of {@code mm/compaction.c}): walks pageblocks down from the
 * zone's end isolating free blocks as migration targets, and hands them to {@link Compaction} one
 * at a time ({@code compaction_alloc}). One instance serves one run at a time.
 */
final class FreeScanner {
    static final int COMPACT_CLUSTER_MAX = Compaction.COMPACT_CLUSTER_MAX;

    private final PhysicalMemory mem;
    /** Isolated free blocks, by order: zone offsets. */
    private final IntStack[] stash = new IntStack[NR_ORDERS];
    /** Pages held in {@link #stash}. */
    private long stashPages;
    private long scanned;
    private Zone z;
    /** The free scanner's next pageblock (zone offset) during a run. */
    private int freeCursor;
    /** The run's target order (cc->order; -1 for whole-zone). */
    private int goalOrder;
    private boolean syncRun;
    /** cc->fast_search_fail: fast free-list searches of this run that found nothing. */
    private int fastSearchFail;
    /** cc->search_order: the order the next fast search starts at. */
    private int searchOrder;

    FreeScanner(PhysicalMemory mem) {
        this.mem = mem;
        for (int o = 0; o < NR_ORDERS; o++) {
            stash[o] = new IntStack();
        }
    }

    /** A run of {@code zone} for {@code order} ({@code sync}: not async), its free scanner at {@code cursor}. */
    void start(Zone zone, int cursor, int order, boolean sync) {
        this.z = zone;
        this.freeCursor = cursor;
        this.goalOrder = order;
        this.syncRun = sync;
        this.fastSearchFail = 0;
        this.searchOrder = order;
    }

    /** Where the free scanner is: the pageblock it looks at next. */
    int cursor() {
        return freeCursor;
    }

    /** Pages looked at so far, over all runs. */
    long scanned() {
        return scanned;
    }

    /**
     * An isolated free block of exactly {@code order} (compaction_alloc). The free scanner
     * isolates until it holds as many pages as the batch still needs; a block too large for any
     * isolated free block is skipped (the kernel would split a THP and move its pages one by one;
     * the model keeps folios whole). -1 when there is no target.
     */
    int takeTarget(int order, int migratePfn, long pending) {
        while (true) {
            for (int o = order; o <= MAX_ORDER; o++) {
                if (!stash[o].isEmpty()) {
                    int off = stash[o].pop();
                    stashPages -= 1L << o;
                    while (o > order) {
                        o--;
                        int half = off + (1 << o);
                        z.splitAllocated(half, PageClasses.ISOLATED);
                        stash[o].push(half);
                        stashPages += 1L << o;
                    }
                    return off;
                }
            }
            if (stashPages >= pending || met(migratePfn)) {
                return -1;
            }
            if (isolateFreepages(migratePfn, pending) == 0) {
                return -1;
            }
        }
    }

    private boolean met(int migratePfn) {
        return (freeCursor >>> PAGEBLOCK_ORDER) <= (migratePfn >>> PAGEBLOCK_ORDER);
    }

    /**
     * isolate_freepages: a short search of the free lists first ({@link #fastIsolateFreepages});
     * when that finds nothing, the linear scan down from the free scanner, pageblock by pageblock,
     * until enough pages are isolated or the scanners meet. The stride starts at 32 for async
     * compaction and 1 otherwise, doubles (up to 32) after a suitable pageblock that gave
     * nothing and drops back to 1 after one that gave something: with holes at every other page
     * a stride of 2 or more finds none of them, which is how a kernel's compaction of holed memory
     * runs dry. Returns the pages isolated.
     */
    private long isolateFreepages(int migratePfn, long pending) {
        long before = stashPages;
        fastIsolateFreepages(migratePfn, pending);
        if (stashPages > before) {
            return stashPages - before;
        }
        int stride = syncRun ? 1 : COMPACT_CLUSTER_MAX;
        while (!met(migratePfn)) {
            int isolated = isolateFreePages(freeCursor, stride);
            freeCursor -= PAGEBLOCK_PAGES;
            if (stashPages >= pending) {
                break;
            }
            if (isolated > 0) {
                stride = 1;
            } else if (isolated == 0) {
                stride = Math.min(COMPACT_CLUSTER_MAX, stride << 1);
            }
        }
        return stashPages - before;
    }

    /**
     * fast_isolate_freepages: for a compaction with a target order, looks through the Movable
     * free lists of the orders below it, from the tail, for a free block in the top quarter of the
     * space between the scanners (or failing that the top half), and isolates the first one found.
     * At the start of a zone's scan the search is deeper, and when it finds nothing there the
     * free scanner jumps down to the highest pageblock seen (direct compaction: to the half-way
     * mark). Unlike the kernel, the lists are not reordered after a search.
     */
    private void fastIsolateFreepages(int migratePfn, long pending) {
        int order = goalOrder;
        if (order <= 0) {
            return;
        }
        boolean scanStart = freeCursor >= z.lastPageblockStart();
        int limit = scanStart ? PAGEBLOCK_PAGES >> 1
                : Math.max(1, ((COMPACT_CLUSTER_MAX >> Math.min(31, fastSearchFail)) + 1) >> 1);
        int distance = freeCursor - migratePfn;
        int lowPfn = (freeCursor - (distance >> 2)) & ~(PAGEBLOCK_PAGES - 1);
        int minPfn = (freeCursor - (distance >> 1)) & ~(PAGEBLOCK_PAGES - 1);
        int movable = MigrateType.MOVABLE.ordinal();
        searchOrder = Math.min(order - 1, searchOrder);
        int highest = -1;
        int page = -1;
        int pageOrder = -1;
        for (int o = searchOrder; page < 0 && o >= 0; o = nextSearchOrder(o)) {
            if (z.freeArea().nrFree(o) == 0) {
                continue;
            }
            FreeList list = z.freeArea().list(o, movable);
            byte live = PageState.freeState(o, movable);
            int orderScanned = 0;
            int highPfn = -1;
            for (int i = list.size() - 1; i >= 0; i--) {
                int off = list.get(i);
                if (z.pageState(off) != live) {
                    continue; // a stale entry: the kernel's list no longer holds it
                }
                orderScanned++;
                highest = Math.max(highest, off & ~(PAGEBLOCK_PAGES - 1));
                if (off >= lowPfn) {
                    fastSearchFail = 0;
                    searchOrder = o;
                    page = off;
                    break;
                }
                if (off >= minPfn && off > highPfn) {
                    highPfn = off;
                    limit >>= 1;
                }
                if (orderScanned >= limit) {
                    break;
                }
            }
            if (page < 0 && highPfn >= 0) {
                page = highPfn;
            }
            if (page >= 0) {
                // __isolate_free_page keeps the zone above its min watermark
                if (Watermarks.ok(z, 0, z.watermarkMin() + (1L << o), 0, RmQueue.ALLOC_CMA)) {
                    pageOrder = o;
                    isolateBlock(page, o);
                } else {
                    page = -1;
                    break;
                }
            }
            if (orderScanned >= limit) {
                limit = Math.max(1, limit >> 1);
            }
        }
        if (page < 0) {
            fastSearchFail++;
            if (scanStart) {
                if (highest >= 0) {
                    freeCursor = highest;
                } else if (!syncRun) {
                    freeCursor = minPfn;
                }
            }
            return;
        }
        if (syncRun && stashPages < pending) {
            fastIsolateAround(page, pageOrder);
        }
    }

    /** next_search_order: the orders below the target in turn, from where the last search stopped. */
    private int nextSearchOrder(int order) {
        int o = order - 1;
        if (o < 0) {
            o = goalOrder - 1;
        }
        if (o == searchOrder) {
            searchOrder--;
            if (searchOrder < 0) {
                searchOrder = goalOrder - 1;
            }
            return -1;
        }
        return o;
    }

    /** fast_isolate_around: the rest of the found block's pageblock, every page (not for async direct compaction). */
    private void fastIsolateAround(int off, int order) {
        int start = off & ~(PAGEBLOCK_PAGES - 1);
        int end = Math.min(start + PAGEBLOCK_PAGES, z.spannedPages());
        for (int p = start; p < end; p++) {
            byte s = z.pageState(p);
            if (PageState.isFree(s)) {
                isolateBlock(p, PageState.freeOrder(s));
                p += (1 << PageState.freeOrder(s)) - 1;
            }
        }
    }

    /** Takes the free block at {@code off} off its list into the stash; the pages isolated (0 for a protected order). */
    private int isolateBlock(int off, int o) {
        if (z.freeArea().protectedFrom(o, -1)) {
            return 0;
        }
        z.freeArea().del(o, PageState.freeType(z.pageState(off)));
        z.markAllocated(off, o, PageClasses.ISOLATED);
        stash[o].push(off);
        stashPages += 1L << o;
        return 1 << o;
    }

    /**
     * isolate_freepages_block over the pageblock at {@code pbStart}, if it is a suitable target
     * (suitable_migration_target): the pages isolated, or -1 for a pageblock that is no target at
     * all (which leaves the stride as it is). The scanner looks at every {@code stride}-th page: a
     * free block's head is isolated whole and the scan goes on after it, an allocated multi-page
     * block (a compound page) is passed whole, anything else is passed by.
     */
    private int isolateFreePages(int pbStart, int stride) {
        int order = goalOrder;
        int pb = pbStart >>> PAGEBLOCK_ORDER;
        Pageblocks pageblocks = z.pageblocks();
        if (pageblocks.free(pb) == pageblocks.pageblockPages(pb)) {
            return -1; // a whole free pageblock, which compaction must not break up
        }
        int t = pageblocks.type(pb);
        if (t != MigrateType.MOVABLE.ordinal() && t != MigrateType.CMA.ordinal()) {
            return -1;
        }
        byte first = z.pageState(pbStart);
        if (PageState.isFree(first) && PageState.freeOrder(first) >= (order > 0 ? order : PAGEBLOCK_ORDER)) {
            return -1;
        }
        int end = Math.min(pbStart + PAGEBLOCK_PAGES, z.spannedPages());
        int isolated = 0;
        int off = pbStart;
        while (off < end) {
            byte s = z.pageState(off);
            if (PageState.isFree(s)) {
                int o = PageState.freeOrder(s);
                isolated += isolateBlock(off, o);
                off += (1 << o) - 1;
            } else if (s != PageState.TAIL) {
                off += (1 << z.allocatedOrder(off)) - 1;
            }
            scanned++;
            mem.stats.freeScanned++;
            off += stride;
        }
        return isolated;
    }

    void releaseStash() {
        for (int o = 0; o < NR_ORDERS; o++) {
            IntStack s = stash[o];
            while (!s.isEmpty()) {
                int off = s.pop();
                stashPages -= 1L << o;
                z.unmarkAllocated(off, o, PageClasses.ISOLATED);
                z.freeBlock(off, o);
            }
        }
    }
}
