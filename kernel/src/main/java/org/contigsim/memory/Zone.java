// Over 400 lines: struct zone and the buddy primitives that must see its private page-state bytes together.
package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

/**
 * One zone of one NUMA node ({@code struct zone}, {@code include/linux/mmzone.h}): its page
 * frames' {@link PageState} bytes, its {@link FreeArea}, {@link Pageblocks}, page counters,
 * watermarks and {@link ZoneCompaction} fields, with the buddy primitives of
 * {@code mm/page_alloc.c} that keep them consistent: split ({@code expand}), merge on free
 * ({@code __free_one_page}), {@code move_freepages_block}, and the accounting of allocated pages.
 *
 * <p>Offsets are relative to {@link #startPfn()}; zones start on a {@code MAX_ORDER} boundary so
 * buddy arithmetic on offsets equals the kernel's on PFNs. The model has no holes inside a zone,
 * so spanned and present pages are the same.
 */
public final class Zone implements ZoneView {
    private final int node;
    /** The node's number in {@code /proc} ({@link ZoneView#procNode()}). */
    private final int procNode;
    private final ZoneType type;
    private final int startPfn;
    private final int pages;
    private final byte[] state;
    private final FreeArea area;
    private final Pageblocks pageblocks;
    /** Pages allocated per page-class id. */
    private final long[] classPages = new long[128];
    private final PageClasses classes;
    private final ZoneCompaction compaction;

    private long freePages;
    private long managedPages;

    private long wmarkMin;
    private long wmarkLow;
    private long wmarkHigh;
    private long watermarkBoost;
    /** lowmem_reserve[highest_zoneidx] against allocations that could have used a higher zone. */
    private final long[] lowmemReserve = new long[ZoneType.values().length];

    /** A zone of free-to-be pages; {@code protectMin} as {@link FreeArea}'s, or null. */
    Zone(int node, ZoneType type, int startPfn, int pages, PageClasses classes, long[] protectMin) {
        this(node, node, type, startPfn, pages, classes, protectMin);
    }

    Zone(int node, int procNode, ZoneType type, int startPfn, int pages, PageClasses classes, long[] protectMin) {
        if ((startPfn & (Pages.MAX_ORDER_PAGES - 1)) != 0) {
            throw new IllegalArgumentException("zone start " + startPfn + " is not 4 MiB aligned");
        }
        this.node = node;
        this.procNode = procNode;
        this.type = type;
        this.startPfn = startPfn;
        this.pages = pages;
        this.classes = classes;
        this.state = new byte[pages];
        this.area = new FreeArea(state, protectMin);
        this.pageblocks = new Pageblocks(pages, classes);
        this.compaction = new ZoneCompaction(lastPageblockStart());
    }

    // ------------------------------------------------------------------ parts and counters

    FreeArea freeArea() {
        return area;
    }

    Pageblocks pageblocks() {
        return pageblocks;
    }

    ZoneCompaction compaction() {
        return compaction;
    }

    PageClasses classes() {
        return classes;
    }

    /** The state byte of the frame at {@code offset} (see {@link PageState}). */
    byte pageState(int offset) {
        return state[offset];
    }

    /** Free pages in CMA pageblocks ({@code NR_FREE_CMA_PAGES}). */
    long freeCmaPages() {
        return pageblocks.freeCmaPages();
    }

    long watermarkBoost() {
        return watermarkBoost;
    }

    void setWatermarkBoost(long pages) {
        this.watermarkBoost = pages;
    }

    /** Sets the three watermarks ({@code _watermark[WMARK_MIN..WMARK_HIGH]}). */
    void setWatermarks(long min, long low, long high) {
        this.wmarkMin = min;
        this.wmarkLow = low;
        this.wmarkHigh = high;
    }

    void setLowmemReserve(int highestZoneIdx, long pages) {
        lowmemReserve[highestZoneIdx] = pages;
    }

    /** Sets {@code managed_pages}, once the boot allocator has handed the zone's pages over. */
    void setManagedPages(long pages) {
        this.managedPages = pages;
    }

    int lastPageblockStart() {
        return ((pages - 1) >>> PAGEBLOCK_ORDER) << PAGEBLOCK_ORDER;
    }

    /** The migrate type of the pageblock holding {@code offset} (get_pageblock_migratetype). */
    int pageblockType(int offset) {
        return pageblocks.type(offset >>> PAGEBLOCK_ORDER);
    }

    // ------------------------------------------------------------------ block geometry

    /** Order of the allocated block whose head is at {@code offset}. */
    int allocatedOrder(int offset) {
        int order = 0;
        while (order < MAX_ORDER) {
            int size = 1 << order;
            if ((offset & ((size << 1) - 1)) != 0) {
                break;
            }
            int probe = offset + size;
            if (probe >= pages || state[probe] != PageState.TAIL) {
                break;
            }
            order++;
        }
        return order;
    }

    /** Order of the block (free or allocated) whose head is at {@code offset}. */
    int blockOrder(int offset) {
        byte s = state[offset];
        return PageState.isFree(s) ? PageState.freeOrder(s) : allocatedOrder(offset);
    }

    /** Head offset of the block containing {@code offset}. */
    int headOf(int offset) {
        if (state[offset] != PageState.TAIL) {
            return offset;
        }
        for (int o = 1; o <= MAX_ORDER; o++) {
            int h = offset & ~((1 << o) - 1);
            if (state[h] != PageState.TAIL && blockOrder(h) >= o) {
                return h;
            }
        }
        throw new IllegalStateException("page " + (startPfn + offset) + " belongs to no block");
    }

    // ------------------------------------------------------------------ free lists

    /**
     * Moves every free block inside the pageblock at {@code pbStart} from list {@code fromMt}
     * to {@code toMt} ({@code __move_freepages_block}); with {@code fromMt < 0}, blocks on any of
     * the ordinary lists move, as 6.1's move_freepages_block does.
     */
    void moveFreepagesBlock(int pbStart, int fromMt, int toMt) {
        int end = Math.min(pbStart + PAGEBLOCK_PAGES, pages);
        int off = pbStart;
        while (off < end) {
            byte s = state[off];
            if (PageState.isFree(s)) {
                int order = PageState.freeOrder(s);
                int lt = PageState.freeType(s);
                if (fromMt < 0 ? lt != toMt && lt < MigrateType.PCPTYPES : lt == fromMt) {
                    area.move(off, order, lt, toMt);
                }
                off += 1 << order;
            } else if (s == PageState.TAIL) {
                off++;
            } else {
                off += 1 << allocatedOrder(off);
            }
        }
    }

    // ------------------------------------------------------------------ split and merge

    /** The kernel's expand(): splits a block of order {@code high} at {@code offset} down to {@code low}. */
    void expand(int offset, int low, int high, int mt) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            area.add(offset + size, high, mt, false);
        }
    }

    /** The kernel's __rmqueue_smallest: smallest block on the type's own lists, split down. */
    int rmqueueSmallest(int order, int mt) {
        for (int o = order; o < NR_ORDERS; o++) {
            if (area.isEmpty(o, mt) || area.protectedFrom(o, order)) {
                continue;
            }
            int off = area.peek(o, mt);
            area.takeHead(o, mt);
            expand(off, order, o, mt);
            return off;
        }
        return -1;
    }

    /**
     * Returns the block at {@code offset} of {@code order} to the buddy allocator
     * ({@code __free_one_page}), merging with free buddies. The free block goes on the list of
     * its pageblock's type; to the tail when the next-higher buddy is free, so the block is left
     * alone long enough to merge (buddy_merge_likely).
     */
    void freeBlock(int offset, int order) {
        if (order > PAGEBLOCK_ORDER
                && pageblocks.type(offset >>> PAGEBLOCK_ORDER) != pageblocks.type((offset >>> PAGEBLOCK_ORDER) + 1)) {
            // split_large_buddy: a block over pageblocks of different types (an alloc_contig range,
            // a boot reservation) is freed a pageblock at a time, each to its own type's list
            for (int i = 0; i < 1 << (order - PAGEBLOCK_ORDER); i++) {
                freeBlock(offset + (i << PAGEBLOCK_ORDER), PAGEBLOCK_ORDER);
            }
            return;
        }
        int mt = pageblocks.type(offset >>> PAGEBLOCK_ORDER);
        int buddy = -1;
        while (order < MAX_ORDER) {
            buddy = offset ^ (1 << order);
            if (buddy >= pages) {
                break;
            }
            byte bs = state[buddy];
            if (!PageState.isFree(bs) || PageState.freeOrder(bs) != order) {
                break;
            }
            if (order >= PAGEBLOCK_ORDER) {
                int buddyMt = pageblocks.type(buddy >>> PAGEBLOCK_ORDER);
                if (buddyMt != mt && (!mergeable(mt) || !mergeable(buddyMt))) {
                    break;
                }
                if (buddyMt != mt) {
                    pageblocks.setRange(buddy, order, mt);
                }
            }
            area.del(order, PageState.freeType(bs));
            state[buddy] = PageState.TAIL;
            state[offset] = PageState.TAIL;
            offset &= buddy;
            order++;
        }
        boolean tail = false;
        if (order < MAX_ORDER - 1 && buddy >= 0) {
            int higher = offset & ~(1 << order);
            int higherBuddy = higher ^ (1 << (order + 1));
            if (higherBuddy < pages) {
                byte hs = state[higherBuddy];
                tail = PageState.isFree(hs) && PageState.freeOrder(hs) == order + 1;
            }
        }
        area.add(offset, order, mt, tail);
    }

    /** Takes a free block off its list and frees it again, so it merges with buddies now allowed to. */
    void refree(int offset) {
        byte s = state[offset];
        int order = PageState.freeOrder(s);
        area.del(order, PageState.freeType(s));
        state[offset] = PageState.TAIL;
        freeBlock(offset, order);
    }

    /**
     * Removes from the free lists exactly the pages [from, to), which must all be free, returning
     * the parts of straddling free blocks that lie outside to the lists. The pages are left
     * unaccounted: the caller marks them allocated.
     */
    void takeFreeRange(int from, int to) {
        int off = from;
        while (off < to) {
            int head = headOf(off);
            byte s = state[head];
            if (!PageState.isFree(s)) {
                throw new IllegalStateException("page " + (startPfn + off) + " is not free");
            }
            int order = PageState.freeOrder(s);
            int mt = PageState.freeType(s);
            area.del(order, mt);
            state[head] = PageState.TAIL;
            int end = head + (1 << order);
            // give back [head, from) and [to, end) as aligned free blocks
            releaseOutside(head, Math.min(end, Math.max(head, from)), mt);
            releaseOutside(Math.max(head, Math.min(end, to)), end, mt);
            off = end;
        }
    }

    private void releaseOutside(int from, int to, int mt) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            area.add(off, order, mt, false);
            off += 1 << order;
        }
    }

    private static boolean mergeable(int mt) {
        return mt < MigrateType.PCPTYPES;
    }

    // ------------------------------------------------------------------ accounting

    /** Hands the free block at {@code offset} to the buddy allocator while the zone is built, on list {@code mt}. */
    void bootFree(int offset, int order, int mt) {
        int n = 1 << order;
        freePages += n;
        pageblocks.bootFree(offset, n);
        area.add(offset, order, mt, true);
    }

    /** Marks a just-removed free block as allocated to class {@code cls}. */
    void markAllocated(int offset, int order, int cls) {
        state[offset] = (byte) cls;
        pageblocks.markClass(offset, order, cls);
        int n = 1 << order;
        freePages -= n;
        classPages[cls] += n;
        pageblocks.adjust(offset, order, cls, -1);
    }

    /** Clears an allocated block's accounting before it is freed (the caller then frees it). */
    void unmarkAllocated(int offset, int order, int cls) {
        int n = 1 << order;
        freePages += n;
        classPages[cls] -= n;
        pageblocks.adjust(offset, order, cls, +1);
        state[offset] = PageState.TAIL;
    }

    /** Marks a block allocated while the zone is being built (no free pages are taken). */
    void bootAllocated(int offset, int order, int cls) {
        state[offset] = (byte) cls;
        pageblocks.markClass(offset, order, cls);
        classPages[cls] += 1 << order;
        pageblocks.adjustGroup(offset, order, cls, +1);
    }

    /** Changes an allocated block's class in place (pinning, retagging). */
    void reclassify(int offset, int order, int from, int to) {
        int n = 1 << order;
        classPages[from] -= n;
        classPages[to] += n;
        pageblocks.reclassify(offset, order, from, to);
        state[offset] = (byte) to;
        pageblocks.markClass(offset, order, to);
    }

    /**
     * Makes {@code offset}, inside an allocated block of class {@code cls}, the head of its own
     * block of that class: splitting an isolated free block, whose pages are already counted.
     */
    void splitAllocated(int offset, int cls) {
        state[offset] = (byte) cls;
    }

    // ------------------------------------------------------------------ ZoneView and accessors

    @Override
    public int node() {
        return node;
    }

    @Override
    public int procNode() {
        return procNode;
    }

    @Override
    public ZoneType type() {
        return type;
    }

    @Override
    public long nrFree(int order, MigrateType t) {
        return area.nrFree(order, t.ordinal());
    }

    @Override
    public long nrFree(int order) {
        return area.nrFree(order);
    }

    @Override
    public long pageblocks(MigrateType t) {
        return pageblocks.countOf(t);
    }

    public int startPfn() {
        return startPfn;
    }

    /** Spanned (and present: the model has no holes inside a zone) pages. */
    public int spannedPages() {
        return pages;
    }

    public long managedPages() {
        return managedPages;
    }

    public long freePages() {
        return freePages;
    }

    public long watermarkMin() {
        return wmarkMin;
    }

    public long watermarkLow() {
        return wmarkLow;
    }

    public long watermarkHigh() {
        return wmarkHigh;
    }

    /** {@code lowmem_reserve[highestZoneIdx]}: pages kept back from requests that could use a higher zone. */
    public long lowmemReserve(int highestZoneIdx) {
        return lowmemReserve[highestZoneIdx];
    }

    /** Free counts per order over all types: the zone's {@code /proc/buddyinfo} row. */
    public long[] freeBlocks() {
        return area.countsByOrder();
    }

    public long classPages(int classId) {
        return classPages[classId];
    }

    @Override
    public String toString() {
        return "Node " + node + " " + type.procName();
    }
}
