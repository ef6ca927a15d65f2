package org.contigsim.workload;

/**
 * The operations a background workload performs on one host's physical memory. Bulk
 * operations are fine for callers, but every page-level allocation goes through the host's
 * allocator. Implemented by the host model; kept small so workloads stay independent of it.
 */
public interface HostMemory {
    long totalPages();

    int nodes();

    /**
     * Allocates {@code 2^order} pages of {@code kind} preferring {@code node}; false when the
     * allocator failed. A pinned kind ({@link PageKind#RDMA_PINNED}) is then long-term pinned; when
     * the pin fails (no memory to migrate the block to) the block is freed and this is false.
     */
    boolean allocate(PageKind kind, int order, int node);

    /**
     * Allocates {@code 2^order} pages only if the free lists have them now, without waking
     * reclaim or compaction (how a transparent huge page fault tries before falling back).
     */
    boolean tryAllocate(PageKind kind, int order, int node);

    /** Frees about {@code pages} pages of {@code kind}, whole blocks picked at random; the pages freed. */
    long freeRandom(PageKind kind, long pages);

    /** Pages currently held by {@code kind}. */
    long pages(PageKind kind);

    /** Lets the host's own kernel activity (kcompactd) run up to simulated time {@code nanos}. */
    void advanceTo(long nanos);
}
