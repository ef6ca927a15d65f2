package org.contigsim.host;

/**
 * A host's state at the end of an epoch, what the coordinator places jobs by.
 *
 * @param largestContigBytes the largest range alloc_contig_range could take now (free or movable,
 *     unpinned pages), whatever its alignment
 * @param largestAlignedContigBytes the largest power of two for which alloc_contig_pages would
 *     find a window aligned to its size now
 * @param largestFreeBlockOrder order of the largest free buddy block, -1 when nothing is free
 * @param buffers RDMA buffers the host holds
 */
public record HostSummary(int hostId, long nowNanos, long freeBytes, long largestContigBytes,
        long largestAlignedContigBytes, int largestFreeBlockOrder,
        int buffers, long bufferBytes, long contigAttempts, long pagesMigrated) {
}
