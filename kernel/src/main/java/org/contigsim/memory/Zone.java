package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

/**
 * One zone of one NUMA node: its page frames, pageblocks and buddy free lists
 * ({@code struct zone} and {@code free_area[]}), with the buddy primitives of
 * {@code mm/page_alloc.c}: split ({@code expand}), merge on free ({@code __free_one_page}) and
 * the per-type free-list bookkeeping.
 *
 * <p>Every page frame has one state byte (the reason a 64 GiB host fits in 16 MiB of heap):
 * <ul>
 *   <li>{@code 0}: a tail page, inside a block whose head is at a lower offset;</li>
 *   <li>{@code 1..127}: the head of an allocated block; the value is its {@link PageClasses} id.
 *       Its order is not stored: the pages {@code 2^(o-1)} after an order-{@code o} head are tails,
 *       and the page {@code 2^o} after it is a head, so {@link #allocatedOrder} finds it;</li>
 *   <li>{@code 0x80 | type << 4 | order}: the head of a free block on {@code free_list[type]} of
 *       {@code free_area[order]}.</li>
 * </ul>
 * Offsets are relative to {@link #startPfn}; zones start on a {@code MAX_ORDER} boundary so
 * buddy arithmetic on offsets equals the kernel's on PFNs.
 */
public final class Zone implements ZoneView {
    static final byte TAIL = 0;
    static final int GROUP_NON_MOVABLE = 0;
    static final int GROUP_PINNED = 1;
    static final int GROUP_EVICTABLE = 2;
    static final int GROUP_OTHER_MOVABLE = 3;
    static final int GROUPS = 4;
    static final int FREE = 0x80;
    /** Free-list type value no real list uses: {@link FreeList#compact} marks kept entries with it. */
    private static final int MARK_TYPE = 7;

    final int node;
    final ZoneType type;
    final int startPfn;
    final int pages;
    final byte[] state;
    /** Per pageblock: its {@link MigrateType} ordinal. */
    final byte[] pbType;
    /** Per pageblock: free pages in it. */
    final char[] pbFree;
    /** Per pageblock: allocated pages of classes that are not movable (see {@link PageClasses#F_NON_MOVABLE}). */
    final char[] pbNonMovable;
    /** Per pageblock: allocated pages that are movable but pinned. */
    final char[] pbPinned;
    /** Per pageblock: allocated pages kswapd may evict (clean page cache). */
    final char[] pbEvictable;
    /**
     * Per page group ({@link #GROUP_NON_MOVABLE} ...), one bit per pageblock: set while the
     * group's counter there is non-zero, so samplers jump to the next pageblock that can hold a
     * block of the group instead of reading every pageblock's counter.
     */
    final long[][] groupBits = new long[GROUPS][];
    /**
     * Per page class, one bit per pageblock that may hold a block of the class (created on the
     * class's first allocation here). Bits are set on allocation and cleared only by a sampler
     * that walked the whole pageblock without finding one: a hint that costs no counters.
     */
    final long[][] classBits = new long[128][];
    final FreeList[][] lists = new FreeList[NR_ORDERS][MigrateType.values().length];
    final long[][] nrFree = new long[NR_ORDERS][MigrateType.values().length];
    final long[] nrFreeOrder = new long[NR_ORDERS];
    /** Pages allocated per page-class id. */
    final long[] classPages = new long[128];
    final PageClasses classes;
    /** Per order: free blocks that must stay unsplit ("protect larger order pages"); null when unused. */
    long[] protectMin;

    long freePages;
    long freeCmaPages;
    long managedPages;

    // watermarks (pages), set by PhysicalMemory
    long wmarkMin;
    long wmarkLow;
    long wmarkHigh;
    long watermarkBoost;
    /** lowmem_reserve[highest_zoneidx] against allocations that could have used a higher zone. */
    final long[] lowmemReserve = new long[ZoneType.values().length];

    // compaction state (mm/compaction.c)
    int compactCachedMigrate;
    int compactCachedFree;
    int compactConsidered;
    int compactDeferShift;
    int compactOrderFailed = NR_ORDERS;

    Zone(int node, ZoneType type, int startPfn, int pages, PageClasses classes) {
        if ((startPfn & (Pages.MAX_ORDER_PAGES - 1)) != 0) {
            throw new IllegalArgumentException("zone start " + startPfn + " is not 4 MiB aligned");
        }
        this.node = node;
        this.type = type;
        this.startPfn = startPfn;
        this.pages = pages;
        this.classes = classes;
        this.state = new byte[pages];
        int blocks = (pages + PAGEBLOCK_PAGES - 1) >>> PAGEBLOCK_ORDER;
        this.pbType = new byte[blocks];
        this.pbFree = new char[blocks];
        this.pbNonMovable = new char[blocks];
        this.pbPinned = new char[blocks];
        this.pbEvictable = new char[blocks];
        for (int g = 0; g < GROUPS; g++) {
            groupBits[g] = new long[(blocks + 63) >>> 6];
        }
        for (int o = 0; o < NR_ORDERS; o++) {
            for (int t = 0; t < lists[o].length; t++) {
                lists[o][t] = new FreeList();
            }
        }
        java.util.Arrays.fill(pbType, (byte) MigrateType.MOVABLE.ordinal());
        this.compactCachedFree = lastPageblockStart();
    }

    static byte freeState(int order, int type) {
        return (byte) (FREE | type << 4 | order);
    }

    static boolean isFree(byte s) {
        return (s & FREE) != 0;
    }

    static int freeOrder(byte s) {
        return s & 0x0F;
    }

    static int freeType(byte s) {
        return (s >> 4) & 0x07;
    }

    int lastPageblockStart() {
        return ((pages - 1) >>> PAGEBLOCK_ORDER) << PAGEBLOCK_ORDER;
    }

    int pageblockType(int offset) {
        return pbType[offset >>> PAGEBLOCK_ORDER];
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
            if (probe >= pages || state[probe] != TAIL) {
                break;
            }
            order++;
        }
        return order;
    }

    /** Order of the block (free or allocated) whose head is at {@code offset}. */
    int blockOrder(int offset) {
        byte s = state[offset];
        return isFree(s) ? freeOrder(s) : allocatedOrder(offset);
    }

    /** Head offset of the block containing {@code offset}. */
    int headOf(int offset) {
        if (state[offset] != TAIL) {
            return offset;
        }
        for (int o = 1; o <= MAX_ORDER; o++) {
            int h = offset & ~((1 << o) - 1);
            if (state[h] != TAIL && blockOrder(h) >= o) {
                return h;
            }
        }
        throw new IllegalStateException("page " + (startPfn + offset) + " belongs to no block");
    }

    // ------------------------------------------------------------------ free lists

    void addFree(int offset, int order, int mt, boolean tail) {
        byte s = freeState(order, mt);
        state[offset] = s;
        FreeList list = lists[order][mt];
        if (tail) {
            list.pushTail(offset);
        } else {
            list.pushHead(offset);
        }
        nrFree[order][mt]++;
        nrFreeOrder[order]++;
        if (list.size() > 2 * nrFree[order][mt] + 32) {
            list.compact(state, s, freeState(order, MARK_TYPE));
        }
    }

    /** Unlinks a free block (lazily: the caller overwrites its state byte). */
    void delFree(int order, int mt) {
        nrFree[order][mt]--;
        nrFreeOrder[order]--;
    }

    /** Head of {@code free_list[mt]} at this order, or -1 (the kernel's get_page_from_free_area). */
    int peekFree(int order, int mt) {
        return lists[order][mt].peekValid(state, freeState(order, mt));
    }

    boolean freeListEmpty(int order, int mt) {
        return nrFree[order][mt] == 0;
    }

    /** Moves a free block to another list's tail (move_to_free_list). */
    void moveFree(int offset, int order, int fromMt, int toMt) {
        delFree(order, fromMt);
        addFree(offset, order, toMt, true);
    }

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
            if (isFree(s)) {
                int order = freeOrder(s);
                int lt = freeType(s);
                if (fromMt < 0 ? lt != toMt && lt < MigrateType.PCPTYPES : lt == fromMt) {
                    moveFree(off, order, lt, toMt);
                }
                off += 1 << order;
            } else if (s == TAIL) {
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
            addFree(offset + size, high, mt, false);
        }
    }

    /** Takes the free block at the head of {@code free_list[mt]} of {@code order} (which must be valid). */
    void takeHead(int order, int mt) {
        lists[order][mt].dropHead();
        delFree(order, mt);
    }

    /** The kernel's __rmqueue_smallest: smallest block on the type's own lists, split down. */
    int rmqueueSmallest(int order, int mt) {
        for (int o = order; o < NR_ORDERS; o++) {
            if (nrFree[o][mt] == 0 || protectedFrom(o, order)) {
                continue;
            }
            int off = peekFree(o, mt);
            takeHead(o, mt);
            expand(off, order, o, mt);
            return off;
        }
        return -1;
    }

    /** A block of {@code blockOrder} may not be split for a smaller request: its order is protected. */
    boolean protectedFrom(int blockOrder, int requestOrder) {
        return protectMin != null && blockOrder > requestOrder && nrFreeOrder[blockOrder] <= protectMin[blockOrder];
    }

    /**
     * Returns the block at {@code offset} of {@code order} to the buddy allocator
     * ({@code __free_one_page}), merging with free buddies. The free block goes on the list of
     * its pageblock's type; to the tail when the next-higher buddy is free, so the block is left
     * alone long enough to merge (buddy_merge_likely).
     */
    void freeBlock(int offset, int order) {
        if (order > PAGEBLOCK_ORDER && pbType[offset >>> PAGEBLOCK_ORDER] != pbType[(offset >>> PAGEBLOCK_ORDER) + 1]) {
            // split_large_buddy: a block over pageblocks of different types (an alloc_contig range,
            // a boot reservation) is freed a pageblock at a time, each to its own type's list
            for (int i = 0; i < 1 << (order - PAGEBLOCK_ORDER); i++) {
                freeBlock(offset + (i << PAGEBLOCK_ORDER), PAGEBLOCK_ORDER);
            }
            return;
        }
        int mt = pbType[offset >>> PAGEBLOCK_ORDER];
        int buddy = -1;
        while (order < MAX_ORDER) {
            buddy = offset ^ (1 << order);
            if (buddy >= pages) {
                break;
            }
            byte bs = state[buddy];
            if (!isFree(bs) || freeOrder(bs) != order) {
                break;
            }
            if (order >= PAGEBLOCK_ORDER) {
                int buddyMt = pbType[buddy >>> PAGEBLOCK_ORDER];
                if (buddyMt != mt && (!mergeable(mt) || !mergeable(buddyMt))) {
                    break;
                }
                if (buddyMt != mt) {
                    setPageblockRange(buddy, order, mt);
                }
            }
            delFree(order, freeType(bs));
            state[buddy] = TAIL;
            state[offset] = TAIL;
            offset &= buddy;
            order++;
        }
        boolean tail = false;
        if (order < MAX_ORDER - 1 && buddy >= 0) {
            int higher = offset & ~(1 << order);
            int higherBuddy = higher ^ (1 << (order + 1));
            if (higherBuddy < pages) {
                byte hs = state[higherBuddy];
                tail = isFree(hs) && freeOrder(hs) == order + 1;
            }
        }
        addFree(offset, order, mt, tail);
    }

    /** Takes a free block off its list and frees it again, so it merges with buddies now allowed to. */
    void refree(int offset) {
        byte s = state[offset];
        int order = freeOrder(s);
        delFree(order, freeType(s));
        state[offset] = TAIL;
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
            if (!isFree(s)) {
                throw new IllegalStateException("page " + (startPfn + off) + " is not free");
            }
            int order = freeOrder(s);
            int mt = freeType(s);
            delFree(order, mt);
            state[head] = TAIL;
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
            int order = PhysicalMemory.largestAlignedOrder(off, to - off);
            addFree(off, order, mt, false);
            off += 1 << order;
        }
    }

    private static boolean mergeable(int mt) {
        return mt < MigrateType.PCPTYPES;
    }

    // ------------------------------------------------------------------ accounting

    /** Marks a just-removed free block as allocated to class {@code cls}. */
    void markAllocated(int offset, int order, int cls) {
        state[offset] = (byte) cls;
        markClass(offset, order, cls);
        int n = 1 << order;
        freePages -= n;
        classPages[cls] += n;
        adjustPageblocks(offset, order, cls, -1);
    }

    /** Clears an allocated block's accounting before it is freed (the caller then frees it). */
    void unmarkAllocated(int offset, int order, int cls) {
        int n = 1 << order;
        freePages += n;
        classPages[cls] -= n;
        adjustPageblocks(offset, order, cls, +1);
        state[offset] = TAIL;
    }

    /** Marks a block allocated while the zone is being built (no free pages are taken). */
    void bootAllocated(int offset, int order, int cls) {
        state[offset] = (byte) cls;
        markClass(offset, order, cls);
        classPages[cls] += 1 << order;
        adjustClassCounters(offset, order, cls, +1);
    }

    /** Changes an allocated block's class in place (pinning, retagging). */
    void reclassify(int offset, int order, int from, int to) {
        int n = 1 << order;
        classPages[from] -= n;
        classPages[to] += n;
        adjustClassCounters(offset, order, from, -1);
        adjustClassCounters(offset, order, to, +1);
        if (group(classes.flags[from]) == GROUP_OTHER_MOVABLE || group(classes.flags[to]) == GROUP_OTHER_MOVABLE) {
            refreshOtherMovable(offset, order);
        }
        state[offset] = (byte) to;
        markClass(offset, order, to);
    }

    private void adjustPageblocks(int offset, int order, int cls, int freeDelta) {
        int pb = offset >>> PAGEBLOCK_ORDER;
        int cmaDelta = 0;
        if (order <= PAGEBLOCK_ORDER) {
            pbFree[pb] += (char) (freeDelta << order);
            if (pbType[pb] == MigrateType.CMA.ordinal()) {
                cmaDelta = freeDelta << order;
            }
        } else {
            int blocks = 1 << (order - PAGEBLOCK_ORDER);
            for (int i = 0; i < blocks; i++) {
                pbFree[pb + i] += (char) (freeDelta * PAGEBLOCK_PAGES);
                if (pbType[pb + i] == MigrateType.CMA.ordinal()) {
                    cmaDelta += freeDelta * PAGEBLOCK_PAGES;
                }
            }
        }
        freeCmaPages += cmaDelta;
        adjustClassCounters(offset, order, cls, -freeDelta);
        if (group(classes.flags[cls]) == GROUP_OTHER_MOVABLE) {
            if (freeDelta < 0 && order <= PAGEBLOCK_ORDER) {
                setGroupBit(groupBits[GROUP_OTHER_MOVABLE], pb, true); // allocated: there is one now
            } else {
                refreshOtherMovable(offset, order);
            }
        }
    }

    private void adjustClassCounters(int offset, int order, int cls, int delta) {
        int group = group(classes.flags[cls]);
        char[] counter = counter(group);
        int pb = offset >>> PAGEBLOCK_ORDER;
        int n = order <= PAGEBLOCK_ORDER ? 1 : 1 << (order - PAGEBLOCK_ORDER);
        int pages = order <= PAGEBLOCK_ORDER ? delta << order : delta * PAGEBLOCK_PAGES;
        for (int i = pb; i < pb + n; i++) {
            if (counter != null) {
                counter[i] += (char) pages;
                setGroupBit(groupBits[group], i, counter[i] != 0);
            }
        }
    }

    /**
     * Keeps the other-movable bits of the pageblocks a block spans in step with the counters
     * they are derived from; only a change of other-movable pages can move them (any other
     * class's pages trade one-for-one against free pages).
     */
    private void refreshOtherMovable(int offset, int order) {
        int pb = offset >>> PAGEBLOCK_ORDER;
        int n = order <= PAGEBLOCK_ORDER ? 1 : 1 << (order - PAGEBLOCK_ORDER);
        for (int i = pb; i < pb + n; i++) {
            setGroupBit(groupBits[GROUP_OTHER_MOVABLE], i, otherMovablePages(i) != 0);
        }
    }

    /** The page group a class's pages count in (its {@link PageClasses} flags decide). */
    static int group(int classFlags) {
        if ((classFlags & PageClasses.F_NON_MOVABLE) != 0) {
            return GROUP_NON_MOVABLE;
        }
        if ((classFlags & PageClasses.F_PINNED) != 0) {
            return GROUP_PINNED;
        }
        return (classFlags & PageClasses.F_EVICTABLE) != 0 ? GROUP_EVICTABLE : GROUP_OTHER_MOVABLE;
    }

    /** The group's per-pageblock counter; null for other-movable pages, which are derived. */
    private char[] counter(int group) {
        switch (group) {
            case GROUP_NON_MOVABLE:
                return pbNonMovable;
            case GROUP_PINNED:
                return pbPinned;
            case GROUP_EVICTABLE:
                return pbEvictable;
            default:
                return null;
        }
    }

    /** Recomputes every other-movable bit (after boot, when free pages were added without the counters' help). */
    void refreshOtherMovableBits() {
        for (int pb = 0; pb < pbType.length; pb++) {
            setGroupBit(groupBits[GROUP_OTHER_MOVABLE], pb, otherMovablePages(pb) != 0);
        }
    }

    /** Allocated pages in the pageblock that are movable, unpinned and not evictable (anonymous memory). */
    int otherMovablePages(int pb) {
        return pageblockPages(pb) - pbFree[pb] - pbNonMovable[pb] - pbPinned[pb] - pbEvictable[pb];
    }

    private static void setGroupBit(long[] bits, int pb, boolean on) {
        if (on) {
            bits[pb >>> 6] |= 1L << pb;
        } else {
            bits[pb >>> 6] &= ~(1L << pb);
        }
    }

    private void markClass(int offset, int order, int cls) {
        long[] bits = classBits[cls];
        if (bits == null) {
            bits = new long[(pbType.length + 63) >>> 6];
            classBits[cls] = bits;
        }
        int pb = offset >>> PAGEBLOCK_ORDER;
        bits[pb >>> 6] |= 1L << pb;
        if (order > PAGEBLOCK_ORDER) {
            for (int i = 1; i < 1 << (order - PAGEBLOCK_ORDER); i++) {
                bits[(pb + i) >>> 6] |= 1L << (pb + i);
            }
        }
    }

    /** The first pageblock at or after {@code pb} (and before {@code limit}) holding pages of {@code group}, or -1. */
    int nextPageblockWith(int group, int pb, int limit) {
        return nextSetBit(groupBits[group], pb, limit);
    }

    /** The first pageblock at or after {@code pb} (and before {@code limit}) that may hold class {@code cls}, or -1. */
    int nextPageblockWithClass(int cls, int pb, int limit) {
        long[] bits = classBits[cls];
        return bits == null ? -1 : nextSetBit(bits, pb, limit);
    }

    /** A sampler walked pageblock {@code pb} whole and found no block of {@code cls}. */
    void clearClassHint(int cls, int pb) {
        classBits[cls][pb >>> 6] &= ~(1L << pb);
    }

    private static int nextSetBit(long[] bits, int pb, int limit) {
        int word = pb >>> 6;
        if (word >= bits.length) {
            return -1;
        }
        long w = bits[word] & (-1L << pb);
        while (true) {
            if (w != 0) {
                int found = (word << 6) + Long.numberOfTrailingZeros(w);
                return found < limit ? found : -1;
            }
            if (++word >= bits.length || word << 6 >= limit) {
                return -1;
            }
            w = bits[word];
        }
    }

    /** Sets the type of every pageblock a block of {@code order} at {@code offset} spans. */
    void setPageblockRange(int offset, int order, int mt) {
        int first = offset >>> PAGEBLOCK_ORDER;
        int n = order <= PAGEBLOCK_ORDER ? 1 : 1 << (order - PAGEBLOCK_ORDER);
        for (int i = 0; i < n; i++) {
            setPageblockType(first + i, mt);
        }
    }

    void setPageblockType(int pb, int mt) {
        int old = pbType[pb];
        if (old == mt) {
            return;
        }
        int cma = MigrateType.CMA.ordinal();
        if (old == cma || mt == cma) {
            long free = pbFree[pb];
            freeCmaPages += mt == cma ? free : -free;
        }
        pbType[pb] = (byte) mt;
    }

    /** Pages in the pageblock (the last pageblock of a zone may be short). */
    int pageblockPages(int pb) {
        return Math.min(PAGEBLOCK_PAGES, pages - (pb << PAGEBLOCK_ORDER));
    }

    /** Allocated pages in the pageblock that are movable (LRU or movable_ops pages, pinned or not). */
    int movablePages(int pb) {
        return pageblockPages(pb) - pbFree[pb] - pbNonMovable[pb];
    }

    // ------------------------------------------------------------------ ZoneView

    @Override
    public int node() {
        return node;
    }

    @Override
    public ZoneType type() {
        return type;
    }

    @Override
    public long nrFree(int order, MigrateType t) {
        return nrFree[order][t.ordinal()];
    }

    @Override
    public long nrFree(int order) {
        return nrFreeOrder[order];
    }

    @Override
    public long pageblocks(MigrateType t) {
        long n = 0;
        byte v = (byte) t.ordinal();
        for (byte b : pbType) {
            if (b == v) {
                n++;
            }
        }
        return n;
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

    /** Free counts per order over all types: the zone's {@code /proc/buddyinfo} row. */
    public long[] freeBlocks() {
        return nrFreeOrder.clone();
    }

    public long classPages(int classId) {
        return classPages[classId];
    }

    @Override
    public String toString() {
        return "Node " + node + " " + type.procName();
    }
}
