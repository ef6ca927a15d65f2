package org.contigsim.host;

/**
 * A host's state at the end of an epoch, what the coordinator places jobs by.
 *
 * @param largestContigBytes the largest range alloc_contig_range could take now (free or movable,
 *     unpinned pages), whatever its alignment
 * @param largestAlignedContigBytes the largest power of two for which alloc_contig_pages would
 *     find a window aligned to its size now
 * @param largestFreeBlockOrder order of the largest free buddy block, -1 when nothing is free
 * @param unusableIndex9 the unusable free space index for order 9 (2 MiB) over all zones, in the
 *     kernel's thousandths: the share of free memory in blocks too small for a 2 MiB allocation
 * @param buffers RDMA buffers the host holds
 * @param pagesMigrated pages migrated so far (compaction and alloc_contig_range), cumulative
 * @param compactNanos simulated time spent compacting so far, cumulative
 * @param hugetlbFreeBytes free pages of the boot-time hugetlb pool RDMA buffers come from
 *     (hugetlb-boot); 0 under other policies
 * @param availableBytes free memory plus clean page cache that reclaim could evict (MemAvailable,
 *     without its low-watermark correction): what buddy-assembled buffers can count on
 * @param allocatorOps block allocations and frees the host's allocator has performed so far,
 *     cumulative: the simulation's unit of work
 */
public record HostSummary(int hostId, long nowNanos, long freeBytes, long largestContigBytes,
        long largestAlignedContigBytes, int largestFreeBlockOrder, int unusableIndex9,
        int buffers, long bufferBytes, long contigAttempts, long pagesMigrated, long compactNanos, long hugetlbFreeBytes,
        long availableBytes, long allocatorOps) {
}
