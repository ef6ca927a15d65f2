package org.contigsim.workload;

/**
 * What a workload asks memory for, in the kernel's terms. The host maps each kind to an owner,
 * a migrate type and an eviction rule: page cache is movable and evictable, anonymous memory
 * movable, slab and network buffers unmovable, reclaimable slab reclaimable. A pinned kind is
 * long-term pinned as soon as it is allocated and stays pinned until it is freed.
 */
public enum PageKind {
    PAGE_CACHE,
    ANON,
    SLAB,
    SLAB_RECLAIMABLE,
    PAGE_TABLE,
    NET_BUFFER,
    /** Unmovable kernel memory that lives as long as the host (module text, long-lived slabs, vmalloc). */
    KERNEL_LONG_LIVED,
    /**
     * User memory registered for RDMA ({@code ibv_reg_mr}): allocated movable, then long-term
     * pinned ({@code FOLL_LONGTERM}), which first migrates a block out of ZONE_MOVABLE or CMA.
     * Pinned blocks in movable pageblocks are what compaction cannot move.
     */
    RDMA_PINNED
}
