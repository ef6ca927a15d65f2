package org.contigsim.memory;

/**
 * The one state byte the model keeps per page frame, standing in for {@code struct page}'s
 * {@code PageBuddy}, {@code buddy_order()} and the free list a buddy page sits on
 * ({@code include/linux/page-flags.h}, {@code mm/internal.h}). One byte rather than an object is
 * why a 64 GiB host fits in 16 MiB of heap.
 * <ul>
 *   <li>{@link #TAIL}: a tail page, inside a block whose head is at a lower offset;</li>
 *   <li>{@code 1..127}: the head of an allocated block; the value is its {@link PageClasses} id.
 *       Its order is not stored: the pages {@code 2^(o-1)} after an order-{@code o} head are tails,
 *       and the page {@code 2^o} after it is a head, so {@link Zone#allocatedOrder} finds it;</li>
 *   <li>{@code FREE | type << 4 | order}: the head of a free block on {@code free_list[type]} of
 *       {@code free_area[order]} (see {@link FreeArea}).</li>
 * </ul>
 */
final class PageState {
    static final byte TAIL = 0;
    static final int FREE = 0x80;

    private PageState() {
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
}
