package org.contigsim.nic;

import java.util.List;

/**
 * The page size a NIC's memory translation table (MTT) uses for a memory region, chosen as
 * {@code ib_umem_find_best_pgsz} in {@code drivers/infiniband/core/umem.c} chooses it: the
 * largest supported power of two 2^k such that the virtual and physical addresses agree modulo
 * 2^k and every physical discontinuity falls on a 2^k boundary of the virtual range, capped near
 * the size that covers the whole virtual range. Scattered 4 KiB frames get 4 KiB pages, one MTT
 * entry each; an aligned contiguous buffer gets one large page.
 */
public final class MttPageSize {
    private MttPageSize() {
    }

    /**
     * The best page size, or 0 when no supported size fits (which for a bitmap including 4 KiB
     * cannot happen with page-aligned extents).
     *
     * @param virt the region's virtual start address (its iova)
     * @param extents the physical extents in virtual order, the first starting at the physical
     *     address that {@code virt} maps to
     * @param pageSizes bitmap of supported page sizes (bit k set: 2^k bytes supported)
     */
    public static long best(long virt, List<Extent> extents, long pageSizes) {
        long length = 0;
        for (Extent e : extents) {
            length += e.bytes();
        }
        if (length == 0) {
            throw new IllegalArgumentException("a region needs at least one extent");
        }
        // page sizes above the span of the changing VA bits can never be needed
        long mask = pageSizes & highBitsFrom(bitsPer((length - 1 + virt) ^ virt));
        long va = virt;
        for (int i = 0; i < extents.size(); i++) {
            Extent e = extents.get(i);
            // a 1 in every position where the VA and the physical address differ
            mask |= e.address() ^ va;
            va += e.bytes();
            if (i != extents.size() - 1) {
                // the next extent starts at this VA: its low bits must be zero in the page size
                mask |= va;
            }
        }
        long allowed = pageSizes;
        if (mask != 0) {
            int tz = Long.numberOfTrailingZeros(mask);
            allowed &= tz >= 63 ? -1L : (1L << (tz + 1)) - 1;
        }
        return allowed == 0 ? 0 : Long.highestOneBit(allowed);
    }

    /**
     * MTT entries for the region at that page size ({@code ib_umem_num_dma_blocks}): the pages
     * of {@code pageSize} that cover [virt, virt + length).
     */
    public static long entries(long virt, long length, long pageSize) {
        long start = virt & -pageSize;
        long end = (virt + length + pageSize - 1) & -pageSize;
        return (end - start) / pageSize;
    }

    /** A bitmap of every power of two from {@code min} to {@code max} bytes. */
    public static long sizes(long min, long max) {
        if (Long.bitCount(min) != 1 || Long.bitCount(max) != 1 || min > max) {
            throw new IllegalArgumentException("page sizes must be powers of two, min <= max");
        }
        return (max << 1) - min;
    }

    /** {@code bits_per(x)}: bits needed to write x (0 for 0... but the kernel's gives 1 for 0). */
    private static int bitsPer(long x) {
        return x == 0 ? 1 : 64 - Long.numberOfLeadingZeros(x);
    }

    /** GENMASK(63, from). */
    private static long highBitsFrom(int from) {
        return from >= 64 ? 0 : -1L << from;
    }
}
