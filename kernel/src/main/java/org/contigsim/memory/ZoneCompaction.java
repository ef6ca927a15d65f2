package org.contigsim.memory;

import static org.contigsim.memory.Pages.NR_ORDERS;

/**
 * The compaction fields of one {@code struct zone}: where the last run's scanners stopped
 * ({@code compact_cached_migrate_pfn}, {@code compact_cached_free_pfn}), and the deferral that
 * backs off after failures ({@code compact_considered}, {@code compact_defer_shift},
 * {@code compact_order_failed}, with {@code compaction_deferred}, {@code defer_compaction} and
 * {@code compaction_defer_reset} of {@code mm/compaction.c}). Positions are zone offsets.
 */
final class ZoneCompaction {
    static final int COMPACT_MAX_DEFER_SHIFT = 6;

    private int cachedMigrate;
    private int cachedFree;
    private int considered;
    private int deferShift;
    private int orderFailed = NR_ORDERS;

    ZoneCompaction(int lastPageblockStart) {
        this.cachedFree = lastPageblockStart;
    }

    int cachedMigrate() {
        return cachedMigrate;
    }

    int cachedFree() {
        return cachedFree;
    }

    /** Where the next run that is not whole-zone starts its scanners. */
    void setCached(int migrate, int free) {
        this.cachedMigrate = migrate;
        this.cachedFree = free;
    }

    int considered() {
        return considered;
    }

    int deferShift() {
        return deferShift;
    }

    int orderFailed() {
        return orderFailed;
    }

    /** compaction_deferred: whether a run for {@code order} is skipped this time. */
    boolean deferred(int order) {
        if (order < orderFailed) {
            return false;
        }
        if (++considered >= 1 << deferShift) {
            considered = 1 << deferShift;
            return false;
        }
        return true;
    }

    /** defer_compaction: a run for {@code order} failed; skip more of the next ones. */
    void defer(int order) {
        considered = 0;
        if (deferShift < COMPACT_MAX_DEFER_SHIFT) {
            deferShift++;
        }
        if (order < orderFailed) {
            orderFailed = order;
        }
    }

    /** compaction_defer_reset: a run for {@code order} succeeded. */
    void deferReset(int order, boolean allocSuccess) {
        if (allocSuccess) {
            considered = 0;
            deferShift = 0;
        }
        if (order >= orderFailed) {
            orderFailed = order + 1;
        }
    }
}
