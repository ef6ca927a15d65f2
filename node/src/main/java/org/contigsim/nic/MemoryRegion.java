package org.contigsim.nic;

import java.util.List;
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
     * virtual address {@code iova}, as {@code ib_umem_get} does: pins every block (which may first
     * migrate it out of ZONE_MOVABLE or CMA), coalesces physically adjacent blocks into extents and
     * picks the MTT page size among {@code pageSizes}. Returns null when a pin fails (nothing stays
     * pinned).
     */
    public static MemoryRegion register(PhysicalMemory mem, long iova, int[] blockPfns, long pageSizes) {
        int[] pinned = new int[blockPfns.length];
        for (int i = 0; i < blockPfns.length; i++) {
            int pfn = mem.pin(blockPfns[i]);
            if (pfn < 0) {
                for (int j = 0; j < i; j++) {
                    mem.unpin(pinned[j]);
                }
                return null;
            }
            pinned[i] = pfn;
        }
        List<Extent> extents = extents(mem, pinned);
        long length = 0;
        for (Extent e : extents) {
            length += e.bytes();
        }
        long pageSize = MttPageSize.best(iova, extents, pageSizes);
        return new MemoryRegion(iova, length, extents, pageSize, MttPageSize.entries(iova, length, pageSize), pinned);
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
