package org.contigsim.workload;

import java.util.EnumMap;
import java.util.Map;

/**
 * A host with unlimited memory (unless a capacity is set) that only counts: pages held per kind, allocations by order,
 * and the time it was advanced to. Frees take pages away in whole requested amounts.
 */
final class RecordingHost implements HostMemory {
    final long totalPages;
    final int nodes;
    final Map<PageKind, Long> held = new EnumMap<>(PageKind.class);
    final Map<PageKind, Long> allocated = new EnumMap<>(PageKind.class);
    final long[] allocationsByOrder = new long[11];
    long hugeAttempts;
    /** Allocations fail once the kinds together would hold more than this. */
    long capacity = Long.MAX_VALUE;
    private long holding;
    /** When positive, every this-many-th {@link #tryAllocate} fails, as when no free block is there. */
    int failEveryTry;
    long advancedTo = -1;
    final StringBuilder log = new StringBuilder();

    RecordingHost(long totalPages) {
        this(totalPages, 1);
    }

    RecordingHost(long totalPages, int nodes) {
        this.totalPages = totalPages;
        this.nodes = nodes;
        for (PageKind k : PageKind.values()) {
            held.put(k, 0L);
            allocated.put(k, 0L);
        }
    }

    @Override
    public long totalPages() {
        return totalPages;
    }

    @Override
    public int nodes() {
        return nodes;
    }

    @Override
    public boolean allocate(PageKind kind, int order, int node) {
        if (holding + (1L << order) > capacity) {
            log.append("oom ");
            return false;
        }
        held.merge(kind, 1L << order, Long::sum);
        holding += 1L << order;
        allocated.merge(kind, 1L << order, Long::sum);
        allocationsByOrder[order]++;
        log.append(kind.ordinal()).append(':').append(order).append(nodes > 1 ? "@" + node : "").append(' ');
        return true;
    }

    @Override
    public boolean tryAllocate(PageKind kind, int order, int node) {
        hugeAttempts++;
        if (failEveryTry > 0 && hugeAttempts % failEveryTry == 0) {
            log.append("nofree ");
            return false;
        }
        return allocate(kind, order, node);
    }

    @Override
    public long freeRandom(PageKind kind, long pages) {
        long freed = Math.min(pages, held.get(kind));
        held.merge(kind, -freed, Long::sum);
        holding -= freed;
        log.append('f').append(kind.ordinal()).append(':').append(freed).append(' ');
        return freed;
    }

    @Override
    public long pages(PageKind kind) {
        return held.get(kind);
    }

    @Override
    public void advanceTo(long nanos) {
        if (nanos < advancedTo) {
            throw new AssertionError("time went backwards: " + nanos + " after " + advancedTo);
        }
        advancedTo = nanos;
    }
}
