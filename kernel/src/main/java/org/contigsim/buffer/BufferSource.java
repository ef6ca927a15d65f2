package org.contigsim.buffer;

/**
 * Where one host's RDMA buffers come from under its {@link BufferPolicy}: the buddy allocator
 * ({@link BuddySource}), {@code alloc_contig_pages} ({@link ContigRangeSource}) or the boot-time
 * hugetlb pool ({@link HugetlbSource}). Registration (pinning) is the caller's: a source only
 * takes memory and gives it back.
 */
public interface BufferSource {
    /** A buffer of {@code bytes}, or null, taking nothing, when the memory cannot give it. */
    Taken take(long bytes);

    /**
     * Gives a buffer back: {@code taken} as {@link #take} returned it, {@code blocks} its block
     * heads where pinning left them.
     */
    void giveBack(Taken taken, int[] blocks);

    /** Free bytes of the pool buffers come from; 0 for a source without one. */
    default long poolFreeBytes() {
        return 0;
    }

    /**
     * A buffer as taken.
     *
     * @param blocks the block heads making up the buffer, in its order
     * @param poolPages the pool's pages the blocks belong to (they go back to the pool, not to
     *     the buddy allocator); empty for a source without a pool
     */
    record Taken(int[] blocks, int[] poolPages) {
    }
}
