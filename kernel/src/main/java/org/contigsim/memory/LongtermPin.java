package org.contigsim.memory;

import java.util.function.IntConsumer;

/**
 * Long-term pinning ({@code mm/gup.c}: {@code pin_user_pages} with {@code FOLL_LONGTERM},
 * {@code check_and_migrate_movable_pages}, {@code unpin_user_pages}). A pinned page cannot be
 * migrated, so memory that must stay migratable (ZONE_MOVABLE, CMA and isolated pageblocks) is
 * first left for memory that may hold pinned pages; elsewhere the block is pinned where it is.
 */
final class LongtermPin {
    private final PhysicalMemory mem;

    LongtermPin(PhysicalMemory mem) {
        this.mem = mem;
    }

    /**
     * Long-term pins the block at {@code pfn} (pin_user_pages with FOLL_LONGTERM). A block in
     * ZONE_MOVABLE or in a CMA or isolated pageblock is first migrated to memory that may hold
     * pinned pages. Returns the block's PFN after the pin, or -1 when the migration target could
     * not be allocated (the pin fails and nothing changes).
     */
    int pin(int pfn) {
        Zone z = mem.zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = PhysicalMemory.allocatedClass(z, off, pfn);
        int order = z.allocatedOrder(off);
        int pinned = mem.classes.withPinned(cls, true);
        // pinned first, so that reclaim or compaction run for the target cannot take the block
        z.reclassify(off, order, cls, pinned);
        boolean mustMove = pinMustMove(z, off);
        if (!mustMove) {
            return pfn;
        }
        int target = allocateForPin(order, pinned, z.node());
        if (target < 0) {
            z.reclassify(off, order, pinned, cls);
            return -1;
        }
        z.unmarkAllocated(off, order, pinned);
        z.freeBlock(off, order);
        mem.stats.pagesMigrated += 1L << order;
        mem.listener().moved(pfn, target, order, pinned);
        return target;
    }

    /**
     * Long-term pins the pages of the block at {@code pfn} as user memory mapped page by page
     * (what a buffer from alloc_contig_pages or of several buddy blocks is: base pages, not one
     * folio). Where {@link #pin} moves a block as a unit, here a block that must leave ZONE_MOVABLE,
     * CMA or an isolated pageblock migrates one 4 KiB page at a time, each to wherever the
     * allocator puts an order-0 page (check_and_migrate_movable_pages, then
     * alloc_migration_target per folio): contiguity does not survive the move. Passes the
     * resulting block heads, in virtual order, to {@code heads} (the block itself, or its pages'
     * new frames) and returns true; false when a target could not be allocated (nothing changes).
     */
    boolean pinPages(int pfn, IntConsumer heads) {
        Zone z = mem.zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = PhysicalMemory.allocatedClass(z, off, pfn);
        int order = z.allocatedOrder(off);
        boolean mustMove = pinMustMove(z, off);
        if (!mustMove || order == 0) {
            int at = pin(pfn);
            if (at < 0) {
                return false;
            }
            heads.accept(at);
            return true;
        }
        int pinned = mem.classes.withPinned(cls, true);
        z.reclassify(off, order, cls, pinned);
        int n = 1 << order;
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = allocateForPin(0, pinned, z.node());
            if (targets[i] < 0) {
                for (int j = 0; j < i; j++) {
                    mem.free(targets[j]);
                }
                z.reclassify(off, order, pinned, cls);
                return false;
            }
        }
        z.unmarkAllocated(off, order, pinned);
        z.freeBlock(off, order);
        mem.stats.pagesMigrated += n;
        for (int i = 0; i < n; i++) {
            mem.listener().moved(pfn + i, targets[i], 0, pinned);
            heads.accept(targets[i]);
        }
        return true;
    }

    /** Whether a long-term pin must first migrate the block at {@code off}: ZONE_MOVABLE, CMA or isolated. */
    private static boolean pinMustMove(Zone z, int off) {
        int pbt = z.pageblockType(off);
        return z.type() == ZoneType.MOVABLE || pbt == MigrateType.CMA.ordinal() || pbt == MigrateType.ISOLATE.ordinal();
    }

    /** A target for a pin: not ZONE_MOVABLE, not CMA (the allocation is unmovable-zone, non-CMA). */
    private int allocateForPin(int order, int pinnedCls, int node) {
        Zone[] zl = mem.fastPath.zonelist(node, false);
        int mt = MigrateType.MOVABLE.ordinal();
        int pfn = mem.fastPath.getPageFromFreelist(order, mt, pinnedCls, zl, ZoneType.NORMAL.ordinal(), false, RmQueue.ALLOC_KSWAPD);
        if (pfn < 0) {
            pfn = mem.slowPath.slowpath(order, mt, pinnedCls, zl, ZoneType.NORMAL.ordinal(), RmQueue.ALLOC_KSWAPD, 0);
        }
        return pfn;
    }

    /** Drops a long-term pin (unpin_user_pages). */
    void unpin(int pfn) {
        Zone z = mem.zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = z.pageState(off);
        z.reclassify(off, z.allocatedOrder(off), cls, mem.classes.withPinned(cls, false));
    }
}
