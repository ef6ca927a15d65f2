package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

/**
 * One zone's pageblocks: the order-9 (2 MiB) aligned groups of frames that each carry one
 * {@link MigrateType} ({@code pageblock_flags}, {@code get_pageblock_migratetype} and
 * {@code set_pageblock_migratetype} of {@code include/linux/pageblock-flags.h} and
 * {@code mm/page_alloc.c}). Grouping by mobility works at this granularity: an allocation takes
 * from pageblocks of its own migrate type first, and a fallback into another type's pageblock
 * may claim the whole pageblock. Compaction, isolation and CMA also work a pageblock at a time.
 *
 * <p>Beyond the kernel's migrate type the model keeps, per pageblock, how many of its pages are
 * free and how many belong to each page group (non-movable, pinned, evictable; the rest are
 * "other movable", anonymous memory), so compaction, claim decisions and samplers read a
 * counter instead of walking 512 page-state bytes. It also keeps {@code NR_FREE_CMA_PAGES}, the
 * free pages in CMA pageblocks, since it follows from the same counters.
 */
final class Pageblocks {
    static final int GROUP_NON_MOVABLE = 0;
    static final int GROUP_PINNED = 1;
    static final int GROUP_EVICTABLE = 2;
    static final int GROUP_OTHER_MOVABLE = 3;
    static final int GROUPS = 4;

    /** Pages of the zone (the last pageblock may be short). */
    private final int pages;
    private final PageClasses classes;
    /** Per pageblock: its {@link MigrateType} ordinal. */
    private final byte[] type;
    /** Per pageblock: free pages in it. */
    private final char[] free;
    /** Per pageblock: allocated pages of classes that are not movable (see {@link PageClasses#F_NON_MOVABLE}). */
    private final char[] nonMovable;
    /** Per pageblock: allocated pages that are movable but pinned. */
    private final char[] pinned;
    /** Per pageblock: allocated pages kswapd may evict (clean page cache). */
    private final char[] evictable;
    /**
     * Per page group ({@link #GROUP_NON_MOVABLE} ...), one bit per pageblock: set while the
     * group's counter there is non-zero, so samplers jump to the next pageblock that can hold a
     * block of the group instead of reading every pageblock's counter.
     */
    private final long[][] groupBits = new long[GROUPS][];
    /**
     * Per page class, one bit per pageblock that may hold a block of the class (created on the
     * class's first allocation here). Bits are set on allocation and cleared only by a sampler
     * that walked the whole pageblock without finding one: a hint that costs no counters.
     */
    private final long[][] classBits = new long[128][];
    private long freeCmaPages;

    Pageblocks(int pages, PageClasses classes) {
        this.pages = pages;
        this.classes = classes;
        int blocks = (pages + PAGEBLOCK_PAGES - 1) >>> PAGEBLOCK_ORDER;
        this.type = new byte[blocks];
        this.free = new char[blocks];
        this.nonMovable = new char[blocks];
        this.pinned = new char[blocks];
        this.evictable = new char[blocks];
        for (int g = 0; g < GROUPS; g++) {
            groupBits[g] = new long[(blocks + 63) >>> 6];
        }
        java.util.Arrays.fill(type, (byte) MigrateType.MOVABLE.ordinal());
    }

    // ------------------------------------------------------------------ reads

    /** Pageblocks in the zone. */
    int count() {
        return type.length;
    }

    /** The pageblock's migrate type ordinal. */
    int type(int pb) {
        return type[pb];
    }

    /** Free pages in the pageblock. */
    int free(int pb) {
        return free[pb];
    }

    /** Allocated pages of non-movable classes in the pageblock. */
    int nonMovable(int pb) {
        return nonMovable[pb];
    }

    /** Allocated movable pages that are pinned. */
    int pinned(int pb) {
        return pinned[pb];
    }

    /** Allocated evictable pages (clean page cache). */
    int evictable(int pb) {
        return evictable[pb];
    }

    /** Whether the group's bit is set for the pageblock. */
    boolean hasGroup(int group, int pb) {
        return (groupBits[group][pb >>> 6] & (1L << pb)) != 0;
    }

    /** Free pages in CMA pageblocks ({@code NR_FREE_CMA_PAGES}). */
    long freeCmaPages() {
        return freeCmaPages;
    }

    /** Pages in the pageblock (the last pageblock of a zone may be short). */
    int pageblockPages(int pb) {
        return Math.min(PAGEBLOCK_PAGES, pages - (pb << PAGEBLOCK_ORDER));
    }

    /** Allocated pages in the pageblock that are movable (LRU or movable_ops pages, pinned or not). */
    int movablePages(int pb) {
        return pageblockPages(pb) - free[pb] - nonMovable[pb];
    }

    /** Allocated pages in the pageblock that are movable, unpinned and not evictable (anonymous memory). */
    int otherMovablePages(int pb) {
        return pageblockPages(pb) - free[pb] - nonMovable[pb] - pinned[pb] - evictable[pb];
    }

    /** Pageblocks of this migrate type (one {@code Number of blocks type} column). */
    long countOf(MigrateType t) {
        long n = 0;
        byte v = (byte) t.ordinal();
        for (byte b : type) {
            if (b == v) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ migrate types

    /** Sets the type of every pageblock a block of {@code order} at {@code offset} spans. */
    void setRange(int offset, int order, int mt) {
        int first = offset >>> PAGEBLOCK_ORDER;
        int n = order <= PAGEBLOCK_ORDER ? 1 : 1 << (order - PAGEBLOCK_ORDER);
        for (int i = 0; i < n; i++) {
            setType(first + i, mt);
        }
    }

    void setType(int pb, int mt) {
        int old = type[pb];
        if (old == mt) {
            return;
        }
        int cma = MigrateType.CMA.ordinal();
        if (old == cma || mt == cma) {
            long f = free[pb];
            freeCmaPages += mt == cma ? f : -f;
        }
        type[pb] = (byte) mt;
    }

    // ------------------------------------------------------------------ counters

    /** Counts {@code n} pages at {@code off} as free while the zone is built (boot or restore). */
    void bootFree(int off, int n) {
        for (int i = off; i < off + n; i += Math.min(n, PAGEBLOCK_PAGES)) {
            int pb = i >>> PAGEBLOCK_ORDER;
            int inBlock = Math.min(n, PAGEBLOCK_PAGES);
            free[pb] += (char) inBlock;
            if (type[pb] == MigrateType.CMA.ordinal()) {
                freeCmaPages += inBlock;
            }
        }
    }

    /**
     * A block of class {@code cls} was allocated ({@code freeDelta} -1) or is being freed
     * (+1): its pages leave or join the free counts and join or leave the class's group.
     */
    void adjust(int offset, int order, int cls, int freeDelta) {
        int pb = offset >>> PAGEBLOCK_ORDER;
        int cmaDelta = 0;
        if (order <= PAGEBLOCK_ORDER) {
            free[pb] += (char) (freeDelta << order);
            if (type[pb] == MigrateType.CMA.ordinal()) {
                cmaDelta = freeDelta << order;
            }
        } else {
            int blocks = 1 << (order - PAGEBLOCK_ORDER);
            for (int i = 0; i < blocks; i++) {
                free[pb + i] += (char) (freeDelta * PAGEBLOCK_PAGES);
                if (type[pb + i] == MigrateType.CMA.ordinal()) {
                    cmaDelta += freeDelta * PAGEBLOCK_PAGES;
                }
            }
        }
        freeCmaPages += cmaDelta;
        adjustGroup(offset, order, cls, -freeDelta);
        if (group(classes.flags[cls]) == GROUP_OTHER_MOVABLE) {
            if (freeDelta < 0 && order <= PAGEBLOCK_ORDER) {
                setGroupBit(groupBits[GROUP_OTHER_MOVABLE], pb, true); // allocated: there is one now
            } else {
                refreshOtherMovable(offset, order);
            }
        }
    }

    /** An allocated block changes class in place: its pages move from one group to the other. */
    void reclassify(int offset, int order, int from, int to) {
        adjustGroup(offset, order, from, -1);
        adjustGroup(offset, order, to, +1);
        if (group(classes.flags[from]) == GROUP_OTHER_MOVABLE || group(classes.flags[to]) == GROUP_OTHER_MOVABLE) {
            refreshOtherMovable(offset, order);
        }
    }

    /** Counts a block of class {@code cls} in its group ({@code delta} +1) or takes it out (-1). */
    void adjustGroup(int offset, int order, int cls, int delta) {
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

    /** Recomputes every other-movable bit (after boot, when free pages were added without the counters' help). */
    void refreshOtherMovableBits() {
        for (int pb = 0; pb < type.length; pb++) {
            setGroupBit(groupBits[GROUP_OTHER_MOVABLE], pb, otherMovablePages(pb) != 0);
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
                return nonMovable;
            case GROUP_PINNED:
                return pinned;
            case GROUP_EVICTABLE:
                return evictable;
            default:
                return null;
        }
    }

    private static void setGroupBit(long[] bits, int pb, boolean on) {
        if (on) {
            bits[pb >>> 6] |= 1L << pb;
        } else {
            bits[pb >>> 6] &= ~(1L << pb);
        }
    }

    // ------------------------------------------------------------------ class hints

    /** Notes that the pageblocks a block of {@code order} at {@code offset} spans may hold class {@code cls}. */
    void markClass(int offset, int order, int cls) {
        long[] bits = classBits[cls];
        if (bits == null) {
            bits = new long[(type.length + 63) >>> 6];
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
    int nextWith(int group, int pb, int limit) {
        return nextSetBit(groupBits[group], pb, limit);
    }

    /** The first pageblock at or after {@code pb} (and before {@code limit}) that may hold class {@code cls}, or -1. */
    int nextWithClass(int cls, int pb, int limit) {
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
}
