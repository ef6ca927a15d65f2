package org.contigsim.nic;

import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.PhysicalMemory;

/**
 * perftest's {@code ib_read_bw -a} buffers on a simulated host: one 16 MiB region (the 8 MiB
 * largest message, doubled for the send and receive halves), obtained either the memalign way
 * (order-0 frames wherever the allocator finds them) or physically contiguous
 * ({@code alloc_contig_pages}), and registered as {@code ibv_reg_mr} does.
 */
public final class Perftest {
    /** The largest message of {@code -a}. */
    public static final long MAX_MESSAGE = 8L << 20;
    /** perftest's buffer: max(size, 4 KiB) x 2 for one QP. */
    public static final long REGION_BYTES = 2 * MAX_MESSAGE;
    /**
     * Where {@code memalign(4096, 16 MiB)} puts the buffer: glibc serves it from its own mmap,
     * page-aligned but not aligned to anything larger.
     */
    public static final long MEMALIGN_IOVA = 0x7f3a_5c40_1000L;
    /** A driver's contiguous buffer is mapped at a virtual address aligned like its physical one. */
    public static final long CONTIGUOUS_IOVA = 0x7f3a_6000_0000L;

    private static final int PAGES = (int) (REGION_BYTES / 4096);

    private Perftest() {
    }

    /** Allocates the region as scattered order-0 frames (anonymous memory) and registers it. */
    public static MemoryRegion memalign(PhysicalMemory mem, DeviceProfile profile) {
        int anon = mem.classId(PageClass.of(Owner.ANON));
        int[] frames = new int[PAGES];
        for (int i = 0; i < PAGES; i++) {
            frames[i] = mem.allocate(0, anon, 0);
            if (frames[i] < 0) {
                for (int j = 0; j < i; j++) {
                    mem.free(frames[j]);
                }
                return null;
            }
        }
        return register(mem, MEMALIGN_IOVA, frames, profile);
    }

    /**
     * Allocates the region with {@code alloc_contig_pages} and registers it; null when no
     * contiguous range can be had.
     */
    public static MemoryRegion contiguous(PhysicalMemory mem, DeviceProfile profile) {
        int rdma = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
        int pfn = mem.contig().allocPages(PAGES, rdma, 0);
        if (pfn < 0) {
            return null;
        }
        return register(mem, CONTIGUOUS_IOVA, mem.contig().blocks(pfn, PAGES), profile);
    }

    private static MemoryRegion register(PhysicalMemory mem, long iova, int[] blocks, DeviceProfile profile) {
        return MemoryRegion.register(mem, iova, blocks, profile.translation().pageSizes());
    }

    /** The default {@code -a} sizes: every power of two from 2 B to 8 MiB. */
    public static long[] allSizes() {
        long[] sizes = new long[23];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 2L << i;
        }
        return sizes;
    }
}
