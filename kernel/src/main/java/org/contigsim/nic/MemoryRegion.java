package org.contigsim.nic;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;

/**
 * A registered RDMA memory region ({@code ibv_reg_mr}): its virtual range, the physical extents
 * behind it, the MTT page size chosen for it and the number of MTT entries that takes. While
 * registered, its pages are long-term pinned in the host's memory model.
 */
public record MemoryRegion(long iova, long length, List<Extent> extents, long pageSize, long mttEntries, int[] blocks) {
    public MemoryRegion {
        extents = List.copyOf(extents);
        blocks = blocks.clone();
    }

    /**
     * Registers a buffer made of allocated blocks (their first PFNs, in virtual order) at
     * virtual address {@code iova}, as {@code ib_umem_get} does: {@link #pin}s the blocks,
     * coalesces physically adjacent ones into extents and picks the MTT page size among
     * {@code pageSizes}. Returns null when a pin fails (nothing stays pinned); a caller that must
     * then free the buffer uses {@link #pin} and {@link #of} to learn where its pages went.
     */
    public static MemoryRegion register(PhysicalMemory mem, long iova, int[] blockPfns, long pageSizes) {
        Pinned p = pin(mem, blockPfns);
        return p.complete() ? of(mem, iova, p.blocks(), pageSizes) : null;
    }

    /**
     * The blocks after an attempt to pin them all.
     *
     * @param blocks where the buffer's memory is now, in virtual order: pinned when
     *     {@code complete}; otherwise unpinned again, but possibly moved (and split) by the pins
     *     that had succeeded
     */
    public record Pinned(int[] blocks, boolean complete) {
    }

    /**
     * Long-term pins every block in virtual order ({@link PhysicalMemory#pinPages}: a block in
     * ZONE_MOVABLE or CMA first migrates, page by page). On the first failure the pins taken so far
     * are dropped again and the result is incomplete.
     */
    public static Pinned pin(PhysicalMemory mem, int[] blockPfns) {
        Growable heads = new Growable(blockPfns.length);
        for (int i = 0; i < blockPfns.length; i++) {
            int before = heads.size;
            if (!mem.pinPages(blockPfns[i], heads)) {
                for (int j = 0; j < before; j++) {
                    mem.unpin(heads.pfns[j]);
                }
                int[] now = Arrays.copyOf(heads.pfns, before + blockPfns.length - i);
                System.arraycopy(blockPfns, i, now, before, blockPfns.length - i);
                return new Pinned(now, false);
            }
        }
        return new Pinned(Arrays.copyOf(heads.pfns, heads.size), true);
    }

    /** The region of blocks {@link #pin} has pinned. */
    public static MemoryRegion of(PhysicalMemory mem, long iova, int[] pinned, long pageSizes) {
        List<Extent> extents = extents(mem, pinned);
        long length = 0;
        for (Extent e : extents) {
            length += e.bytes();
        }
        long pageSize = MttPageSize.best(iova, extents, pageSizes);
        return new MemoryRegion(iova, length, extents, pageSize, MttPageSize.entries(iova, length, pageSize), pinned);
    }

    /** PFNs collected in order; grows as page-by-page migration turns one block into many. */
    private static final class Growable implements IntConsumer {
        int[] pfns;
        int size;

        Growable(int capacity) {
            pfns = new int[Math.max(4, capacity)];
        }

        @Override
        public void accept(int pfn) {
            if (size == pfns.length) {
                pfns = Arrays.copyOf(pfns, size * 2);
            }
            pfns[size++] = pfn;
        }
    }

    /** Deregisters: drops the long-term pins. The blocks stay allocated to their owner. */
    public void deregister(PhysicalMemory mem) {
        for (int pfn : blocks) {
            mem.unpin(pfn);
        }
    }

    /** Physically adjacent blocks make one extent, as the kernel's scatterlist coalesces them. */
    static List<Extent> extents(PhysicalMemory mem, int[] pfns) {
        java.util.ArrayList<Extent> out = new java.util.ArrayList<>();
        long start = -1;
        long end = -1;
        for (int pfn : pfns) {
            long address = Pages.pagesToBytes(pfn);
            long bytes = Pages.pagesToBytes(1L << mem.orderOf(pfn));
            if (address == end) {
                end += bytes;
                continue;
            }
            if (start >= 0) {
                out.add(new Extent(start, end - start));
            }
            start = address;
            end = address + bytes;
        }
        out.add(new Extent(start, end - start));
        return out;
    }
}
