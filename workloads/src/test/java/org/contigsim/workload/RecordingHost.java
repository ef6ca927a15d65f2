package org.contigsim.workload;

import java.util.EnumMap;
import java.util.Map;

/**
 * A host with unlimited memory that only counts: pages held per kind, allocations by order,
 * and the time it was advanced to. Frees take pages away in whole requested amounts.
 */
final class RecordingHost implements HostMemory {
    final long totalPages;
    final Map<PageKind, Long> held = new EnumMap<>(PageKind.class);
    final Map<PageKind, Long> allocated = new EnumMap<>(PageKind.class);
    final long[] allocationsByOrder = new long[11];
    long hugeAttempts;
    long advancedTo = -1;
    final StringBuilder log = new StringBuilder();

    RecordingHost(long totalPages) {
        this.totalPages = totalPages;
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
        return 1;
    }

    @Override
    public boolean allocate(PageKind kind, int order, int node) {
        held.merge(kind, 1L << order, Long::sum);
        allocated.merge(kind, 1L << order, Long::sum);
        allocationsByOrder[order]++;
        log.append(kind.ordinal()).append(':').append(order).append(' ');
        return true;
    }

    @Override
    public boolean tryAllocate(PageKind kind, int order, int node) {
        hugeAttempts++;
        return allocate(kind, order, node);
    }

    @Override
    public long freeRandom(PageKind kind, long pages) {
        long freed = Math.min(pages, held.get(kind));
        held.merge(kind, -freed, Long::sum);
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
