package org.contigsim.coordinator;

/**
 * The first-fit placement policy: the lowest-numbered hosts whose largest contiguous range (as
 * last reported, less what this epoch already placed there) holds the buffer.
 */
final class FirstFit {
    private FirstFit() {
    }

    /**
     * Picks {@code count} distinct hosts for a buffer of {@code bytes} and books the bytes on them
     * in {@code available}; returns null (and books nothing) when too few hosts qualify.
     */
    static int[] place(long[] available, int count, long bytes) {
        int[] chosen = new int[count];
        int n = 0;
        for (int h = 0; h < available.length && n < count; h++) {
            if (available[h] >= bytes) {
                chosen[n++] = h;
            }
        }
        if (n < count) {
            return null;
        }
        for (int h : chosen) {
            available[h] -= bytes;
        }
        return chosen;
    }
}
