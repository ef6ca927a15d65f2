package org.contigsim.memory;

/**
 * Page-frame geometry shared by the whole model. A page frame is 4 KiB. The buddy allocator hands
 * out blocks by order: a block of order {@code o} is {@code 2^o} frames aligned to its own size,
 * so its buddy (the block it merges with when both are free) differs in one bit of the frame
 * number. {@link #PAGEBLOCK_ORDER} is the size of a pageblock (see {@code Pageblocks}).
 */
public final class Pages {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** Largest buddy order ({@code MAX_PAGE_ORDER}): 4 MiB blocks. */
    public static final int MAX_ORDER = 10;
    public static final int NR_ORDERS = MAX_ORDER + 1;
    public static final int PAGEBLOCK_ORDER = 9;
    public static final int PAGEBLOCK_PAGES = 1 << PAGEBLOCK_ORDER;
    public static final int MAX_ORDER_PAGES = 1 << MAX_ORDER;

    private Pages() {
    }

    public static long bytesToPages(long bytes) {
        return bytes >>> PAGE_SHIFT;
    }

    public static long pagesToBytes(long pages) {
        return pages << PAGE_SHIFT;
    }

    /** The largest order whose naturally aligned block at {@code off} fits in {@code remaining} pages. */
    static int largestAlignedOrder(int off, int remaining) {
        int order = MAX_ORDER;
        while ((off & ((1 << order) - 1)) != 0 || (1 << order) > remaining) {
            order--;
        }
        return order;
    }
}
