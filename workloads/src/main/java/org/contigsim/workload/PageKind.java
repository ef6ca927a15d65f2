package org.contigsim.workload;

/**
 * What a workload asks memory for, in the kernel's terms. The host maps each kind to an owner,
 * a migrate type and an eviction rule: page cache is movable and evictable, anonymous memory
 * movable, slab and network buffers unmovable, reclaimable slab reclaimable.
 */
public enum PageKind {
    PAGE_CACHE,
    ANON,
    SLAB,
    SLAB_RECLAIMABLE,
    PAGE_TABLE,
    NET_BUFFER,
    /** Unmovable kernel memory that lives as long as the host (module text, long-lived slabs, vmalloc). */
    KERNEL_LONG_LIVED
}
