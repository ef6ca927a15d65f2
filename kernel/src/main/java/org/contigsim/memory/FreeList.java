package org.contigsim.memory;

/**
 * One {@code free_area[order].free_list[migratetype]}: a deque of free-block offsets, head first,
 * as the kernel's {@code list_head} with head and tail insertion.
 *
 * <p>The kernel unlinks a block from the middle of its list when its buddy merges or its
 * pageblock changes type. Storing two links per free block would cost 8 bytes per free page in
 * the worst case, so removal here is lazy: the zone's page-state byte is the truth, and an entry
 * whose page no longer holds the matching free-head state is stale and skipped. A stale entry
 * that becomes valid again (the same block freed again) is only a duplicate: the copy nearer the
 * head is found first, so list order is still the kernel's. {@link #compact} drops stale entries
 * and duplicates when they outnumber live ones.
 */
final class FreeList {
    private int[] buf = new int[8];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void pushHead(int offset) {
        if (size == buf.length) {
            grow();
        }
        head = (head - 1) & (buf.length - 1);
        buf[head] = offset;
        size++;
    }

    void pushTail(int offset) {
        if (size == buf.length) {
            grow();
        }
        buf[(head + size) & (buf.length - 1)] = offset;
        size++;
    }

    /** First entry whose page holds {@code expected}, dropping stale entries before it; -1 when none. */
    int peekValid(byte[] state, byte expected) {
        int mask = buf.length - 1;
        while (size > 0) {
            int offset = buf[head];
            if (state[offset] == expected) {
                return offset;
            }
            head = (head + 1) & mask;
            size--;
        }
        return -1;
    }

    /** Removes the head entry; call right after {@link #peekValid} returned it. */
    void dropHead() {
        head = (head + 1) & (buf.length - 1);
        size--;
        if (size < (buf.length >>> 3) && buf.length > 64) {
            shrink(); // a burst grew the list; give the memory back once it has drained
        }
    }

    /** Entry at position {@code i} from the head (may be stale). */
    int get(int i) {
        return buf[(head + i) & (buf.length - 1)];
    }

    /**
     * Keeps the first copy of every entry whose page holds {@code expected}, in order. Uses
     * {@code mark} (a state value no live page has) to spot duplicates and restores the state.
     */
    void compact(byte[] state, byte expected, byte mark) {
        int mask = buf.length - 1;
        int kept = 0;
        int[] out = buf;
        for (int i = 0; i < size; i++) {
            int offset = buf[(head + i) & mask];
            if (state[offset] == expected) {
                state[offset] = mark;
                // writing in place is safe: kept <= i, and positions are relative to head
                out[(head + kept) & mask] = offset;
                kept++;
            }
        }
        for (int i = 0; i < kept; i++) {
            state[out[(head + i) & mask]] = expected;
        }
        size = kept;
        if (buf.length > 64 && size * 4 < buf.length) {
            shrink();
        }
    }

    private void grow() {
        resize(buf.length * 2);
    }

    private void shrink() {
        int n = buf.length;
        while (n > 8 && size * 2 < n / 2) {
            n /= 2;
        }
        resize(n);
    }

    private void resize(int capacity) {
        int[] next = new int[capacity];
        int mask = buf.length - 1;
        for (int i = 0; i < size; i++) {
            next[i] = buf[(head + i) & mask];
        }
        buf = next;
        head = 0;
    }
}
