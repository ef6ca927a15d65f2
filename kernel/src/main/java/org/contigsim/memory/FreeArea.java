package org.contigsim.memory;

import static org.contigsim.memory.Pages.NR_ORDERS;

/**
 * One zone's {@code free_area[NR_ORDERS]} ({@code include/linux/mmzone.h}): per order (see
 * {@link Pages}), one free list per migrate type and the count of free blocks on it.
 *
 * <p>The counts are the truth the watermark checks and {@code /proc/buddyinfo} read; the lists
 * ({@link FreeList}) may hold stale entries, recognised by the zone's page-state bytes. Also
 * holds the "protect larger order pages" minimums, which decide whether a block of some order may
 * be split for a smaller request.
 */
final class FreeArea {
    /** Free-list type value no real list uses: {@link FreeList#compact} marks kept entries with it. */
    private static final int MARK_TYPE = 7;

    /** The zone's page-state bytes, which free-list entries are checked against. */
    private final byte[] state;
    private final FreeList[][] lists = new FreeList[NR_ORDERS][MigrateType.values().length];
    private final long[][] nrFree = new long[NR_ORDERS][MigrateType.values().length];
    private final long[] nrFreeOrder = new long[NR_ORDERS];
    /** Per order: free blocks that must stay unsplit ("protect larger order pages"); null when unused. */
    private final long[] protectMin;

    FreeArea(byte[] state, long[] protectMin) {
        this.state = state;
        this.protectMin = protectMin;
        for (int o = 0; o < NR_ORDERS; o++) {
            for (int t = 0; t < lists[o].length; t++) {
                lists[o][t] = new FreeList();
            }
        }
    }

    /** Puts a free block on {@code free_list[mt]} of {@code order}, at the head or the tail. */
    void add(int offset, int order, int mt, boolean tail) {
        byte s = PageState.freeState(order, mt);
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
            list.compact(state, s, PageState.freeState(order, MARK_TYPE));
        }
    }

    /** Unlinks a free block (lazily: the caller overwrites its state byte). */
    void del(int order, int mt) {
        nrFree[order][mt]--;
        nrFreeOrder[order]--;
    }

    /** Head of {@code free_list[mt]} at this order, or -1 (the kernel's get_page_from_free_area). */
    int peek(int order, int mt) {
        return lists[order][mt].peekValid(state, PageState.freeState(order, mt));
    }

    /** free_area_empty(). */
    boolean isEmpty(int order, int mt) {
        return nrFree[order][mt] == 0;
    }

    /** Free blocks of {@code order} on list {@code mt}. */
    long nrFree(int order, int mt) {
        return nrFree[order][mt];
    }

    /** Free blocks of {@code order} over all lists. */
    long nrFree(int order) {
        return nrFreeOrder[order];
    }

    /** Moves a free block to another list's tail (move_to_free_list). */
    void move(int offset, int order, int fromMt, int toMt) {
        del(order, fromMt);
        add(offset, order, toMt, true);
    }

    /** Takes the free block at the head of {@code free_list[mt]} of {@code order} (which must be valid). */
    void takeHead(int order, int mt) {
        lists[order][mt].dropHead();
        del(order, mt);
    }

    /** A block of {@code blockOrder} may not be split for a smaller request: its order is protected. */
    boolean protectedFrom(int blockOrder, int requestOrder) {
        return protectMin != null && blockOrder > requestOrder && nrFreeOrder[blockOrder] <= protectMin[blockOrder];
    }

    /** The free counts per order over all types: one {@code /proc/buddyinfo} row (a copy). */
    long[] countsByOrder() {
        return nrFreeOrder.clone();
    }

    /** {@link VmStat#fragmentationScore} of these counts, without copying them. */
    int fragmentationScore() {
        return VmStat.fragmentationScore(nrFreeOrder);
    }

    /** {@link VmStat#fragmentationIndex} of these counts, without copying them. */
    int fragmentationIndex(int order) {
        return VmStat.fragmentationIndex(nrFreeOrder, order);
    }

    /** The list itself, stale entries included (for consistency checks). */
    FreeList list(int order, int mt) {
        return lists[order][mt];
    }
}
