package org.contigsim.workload;

import org.contigsim.base.Rng;
import org.contigsim.memory.Gfp;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;

/**
 * Lets a background workload drive a {@link PhysicalMemory}: page kinds become page classes. A
 * pinned kind is allocated as its class and then long-term pinned ({@link PhysicalMemory#pin}),
 * so its pages are counted and freed as the pinned variant of the class.
 */
public final class WorkloadHost implements HostMemory {
    private final PhysicalMemory mem;
    private final Rng rng;
    /** Per kind: the class an allocation asks for. */
    private final int[] classIds = new int[PageKind.values().length];
    /** Per kind: the class its blocks hold once allocated (the pinned variant for pinned kinds). */
    private final int[] heldIds = new int[PageKind.values().length];

    public WorkloadHost(PhysicalMemory mem, Rng rng) {
        this.mem = mem;
        this.rng = rng;
        for (PageKind k : PageKind.values()) {
            classIds[k.ordinal()] = mem.classId(classOf(k));
            heldIds[k.ordinal()] = pinned(k) ? mem.classId(classOf(k).withPinned(true)) : classIds[k.ordinal()];
        }
    }

    /** Whether blocks of {@code kind} are long-term pinned once allocated. */
    public static boolean pinned(PageKind kind) {
        return kind == PageKind.RDMA_PINNED;
    }

    /** The page class a workload's kind of memory is allocated as (before any pin). */
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
            case RDMA_PINNED:
                // user memory an application registers: movable until the pin, told apart from job buffers by its tag
                return new PageClass(Owner.RDMA_BUFFER, MigrateType.MOVABLE, false, "background");
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
        return pinIfNeeded(kind, mem.allocate(order, classIds[kind.ordinal()], node));
    }

    @Override
    public boolean tryAllocate(PageKind kind, int order, int node) {
        return pinIfNeeded(kind, mem.allocate(order, classIds[kind.ordinal()], node, Gfp.LIGHT));
    }

    /** Pins a pinned kind's new block; a block whose pin failed is given back. */
    private boolean pinIfNeeded(PageKind kind, int pfn) {
        if (pfn < 0) {
            return false;
        }
        if (!pinned(kind) || mem.pin(pfn) >= 0) {
            return true;
        }
        mem.free(pfn);
        return false;
    }

    @Override
    public long freeRandom(PageKind kind, long pages) {
        return mem.freeRandom(heldIds[kind.ordinal()], pages, rng);
    }

    @Override
    public long pages(PageKind kind) {
        return mem.classPages(heldIds[kind.ordinal()]);
    }

    @Override
    public void advanceTo(long nanos) {
        mem.advanceTo(nanos);
    }
}
