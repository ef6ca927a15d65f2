package org.contigsim.memory;

import org.contigsim.workload.HostMemory;
import org.contigsim.workload.PageKind;
import org.contigsim.workload.Rng;

/** Lets a background workload drive a {@link PhysicalMemory}: page kinds become page classes. */
public final class WorkloadHost implements HostMemory {
    private final PhysicalMemory mem;
    private final Rng rng;
    private final int[] classIds = new int[PageKind.values().length];

    public WorkloadHost(PhysicalMemory mem, Rng rng) {
        this.mem = mem;
        this.rng = rng;
        for (PageKind k : PageKind.values()) {
            classIds[k.ordinal()] = mem.classId(classOf(k));
        }
    }

    /** The page class a workload's kind of memory gets. */
    public static PageClass classOf(PageKind kind) {
        switch (kind) {
            case PAGE_CACHE:
                return PageClass.of(Owner.PAGE_CACHE);
            case ANON:
                return PageClass.of(Owner.ANON);
            case SLAB:
                return PageClass.of(Owner.SLAB);
            case SLAB_RECLAIMABLE:
                return PageClass.of(Owner.SLAB_RECLAIMABLE);
            case PAGE_TABLE:
                return PageClass.of(Owner.PAGE_TABLE);
            case NET_BUFFER:
                return PageClass.of(Owner.NET_BUFFER);
            case KERNEL_LONG_LIVED:
                return new PageClass(Owner.KERNEL, MigrateType.UNMOVABLE, false, "long-lived");
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    @Override
    public long totalPages() {
        return mem.totalPages();
    }

    @Override
    public int nodes() {
        return mem.nodes();
    }

    @Override
    public boolean allocate(PageKind kind, int order, int node) {
        return mem.allocate(order, classIds[kind.ordinal()], node) >= 0;
    }

    @Override
    public boolean tryAllocate(PageKind kind, int order, int node) {
        return mem.allocate(order, classIds[kind.ordinal()], node, Gfp.LIGHT) >= 0;
    }

    @Override
    public long freeRandom(PageKind kind, long pages) {
        return mem.freeRandom(classIds[kind.ordinal()], pages, rng);
    }

    @Override
    public long pages(PageKind kind) {
        return mem.classPages(classIds[kind.ordinal()]);
    }

    @Override
    public void advanceTo(long nanos) {
        mem.advanceTo(nanos);
    }
}
