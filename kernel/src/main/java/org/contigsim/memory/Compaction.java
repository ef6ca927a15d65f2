package org.contigsim.memory;

import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;


/**
 * Memory compaction ({@code mm/compaction.c}): a migrate scanner walks pageblocks up from the
 * zone start isolating movable, unpinned blocks (32 at a time), a free scanner walks down from
 * the zone end isolating free pages in Movable or CMA pageblocks, and each isolated block is
 * copied into an isolated free block. They stop when they meet, or earlier when the caller's
 * goal is met. The free side is {@link FreeScanner}. Includes {@code compaction_suitable} and the three callers: direct compaction,
 * kcompactd (woken by kswapd, or proactive from {@link Kcompactd}) and
 * {@code /proc/sys/vm/compact_memory}. Each zone's scanner positions and deferral are its
 * {@link ZoneCompaction}.
 */
public final class Compaction {
    static final int COMPACT_CLUSTER_MAX = 32;
    /** Orders above this are "costly": compaction then needs the low watermark and a fragmentation-caused failure. */
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;

    /** How a compaction run ended. */
    public enum Status { SKIPPED, DEFERRED, CONTINUE, SUCCESS, COMPLETE }

    /** What one call did. */
    public record Result(Status status, long pagesMigrated, long pagesScanned, long nanos) {
    }

    private final PhysicalMemory mem;
    /** The free side of every run: where migrated blocks go. */
    private final FreeScanner freeScanner;
    private final IntStack batch = new IntStack();
    private long migrated;
    private long scanned;

    Compaction(PhysicalMemory mem) {
        this.mem = mem;
        this.freeScanner = new FreeScanner(mem);
    }

    // ------------------------------------------------------------------ callers

    /** Direct compaction for a failed allocation; the allocated PFN or -1 (try_to_compact_pages). */
    int direct(int order, int mt, int cls, Zone[] zl, int highest, int flags) {
        for (Zone z : zl) {
            if (z.compaction().deferred(order)) {
                mem.stats.compactDeferred++;
                continue;
            }
            if (!suitable(z, order, highest)) {
                continue;
            }
            mem.stats.compactStall++;
            run(z, order, mt, false, false, false);
            int pfn = mem.fastPath.tryZone(z, order, mt, cls, highest, flags);
            if (pfn >= 0) {
                z.compaction().deferReset(order, true);
                mem.stats.compactSuccess++;
                return pfn;
            }
            z.compaction().defer(order);
            mem.stats.compactFail++;
        }
        return -1;
    }

    /** kcompactd woken for {@code order} (kcompactd_do_work). */
    void kcompactd(int node, int order) {
        mem.stats.kcompactdRuns++;
        for (Zone z : mem.nodeZones[node]) {
            if (z == null || z.managedPages() == 0) {
                continue;
            }
            if (Watermarks.ok(z, order, z.watermarkMin(), z.type().ordinal(), 0)) {
                continue;
            }
            if (z.compaction().deferred(order) || !suitable(z, order, z.type().ordinal())) {
                continue;
            }
            Status s = run(z, order, MigrateType.UNMOVABLE.ordinal(), true, false, false);
            if (s == Status.SUCCESS) {
                z.compaction().deferReset(order, false);
            } else {
                z.compaction().defer(order);
            }
        }
    }

    /** Proactive compaction of every zone of a node (proactive_compact_node). */
    void proactive(int node) {
        mem.stats.proactiveRuns++;
        for (Zone z : mem.nodeZones[node]) {
            if (z != null && z.managedPages() > 0) {
                run(z, -1, MigrateType.MOVABLE.ordinal(), true, true, true);
            }
        }
    }

    /** Whole-memory compaction (compact_nodes), reporting the work done. */
    Result compactAll() {
        long m0 = migrated;
        long s0 = scanned + freeScanner.scanned();
        for (Zone z : mem.zones) {
            if (z.managedPages() > 0) {
                run(z, -1, MigrateType.MOVABLE.ordinal(), true, false, true);
            }
        }
        long m = migrated - m0;
        long s = scanned + freeScanner.scanned() - s0;
        return new Result(Status.COMPLETE, m, s, cost(m, s));
    }

    private long cost(long pagesMigrated, long pagesScanned) {
        return pagesMigrated * mem.config.migrateNanosPerPage() + pagesScanned * mem.config.scanNanosPerPage();
    }

    // ------------------------------------------------------------------ policy

    /** compaction_suitable: enough free memory to compact into, and a failure due to fragmentation. */
    boolean suitable(Zone z, int order, int highest) {
        long mark = (order > PAGE_ALLOC_COSTLY_ORDER ? z.watermarkLow() : z.watermarkMin()) + (2L << order);
        if (!Watermarks.ok(z, 0, mark, highest, RmQueue.ALLOC_CMA)) {
            return false;
        }
        if (order > PAGE_ALLOC_COSTLY_ORDER) {
            int fragindex = z.freeArea().fragmentationIndex(order);
            return !(fragindex >= 0 && fragindex <= mem.config.extfragThreshold());
        }
        return true;
    }

    // ------------------------------------------------------------------ compact_zone

    /**
     * compact_zone. {@code order < 0} compacts until the scanners meet (or, proactive, until the
     * zone's fragmentation score is at most the low mark); otherwise until a free block of
     * {@code order} the request could use exists.
     */
    Status run(Zone z, int order, int mt, boolean sync, boolean proactive, boolean wholeZone) {
        int migratePfn = wholeZone ? 0 : z.compaction().cachedMigrate();
        freeScanner.start(z, wholeZone ? z.lastPageblockStart() : z.compaction().cachedFree(), order, sync);
        long m0 = migrated;
        long s0 = scanned + freeScanner.scanned();
        Status status;
        while (true) {
            status = finished(z, order, mt, proactive, migratePfn, freeScanner.cursor());
            if (status != Status.CONTINUE) {
                break;
            }
            int pb = migratePfn >>> PAGEBLOCK_ORDER;
            int pbEnd = Math.min((pb + 1) << PAGEBLOCK_ORDER, z.spannedPages());
            if (!suitableSource(z, pb, sync)) {
                migratePfn = pbEnd;
                continue;
            }
            migratePfn = isolateMigratePages(z, migratePfn, pbEnd);
            long pending = batchPages(z);
            for (int i = 0; i < batch.size(); i++) {
                int src = batch.get(i);
                int k = z.allocatedOrder(src);
                int target = freeScanner.takeTarget(k, migratePfn, pending);
                pending -= 1L << k;
                if (target >= 0) {
                    migrate(z, src, target, k);
                }
            }
            batch.clear();
        }
        freeScanner.releaseStash();
        int freeCursor = freeScanner.cursor();
        boolean met = (freeCursor >>> PAGEBLOCK_ORDER) <= (migratePfn >>> PAGEBLOCK_ORDER);
        if (!wholeZone) {
            z.compaction().setCached(met ? 0 : migratePfn, met ? z.lastPageblockStart() : freeCursor);
        }
        long m = migrated - m0;
        long s = scanned + freeScanner.scanned() - s0;
        mem.stats.pagesMigrated += m;
        mem.stats.compactNanos += cost(m, s);
        return status;
    }

    private Status finished(Zone z, int order, int mt, boolean proactive, int migratePfn, int freePfn) {
        if ((freePfn >>> PAGEBLOCK_ORDER) <= (migratePfn >>> PAGEBLOCK_ORDER)) {
            return Status.COMPLETE;
        }
        if (proactive) {
            int wmarkLow = Math.max(100 - mem.config.compactionProactiveness(), 5);
            return z.freeArea().fragmentationScore() > wmarkLow ? Status.CONTINUE : Status.SUCCESS;
        }
        if (order < 0 || (migratePfn & (PAGEBLOCK_PAGES - 1)) != 0) {
            return Status.CONTINUE;
        }
        for (int o = order; o < NR_ORDERS; o++) {
            if (!z.freeArea().isEmpty(o, mt)) {
                return Status.SUCCESS;
            }
            if (mt == MigrateType.MOVABLE.ordinal() && !z.freeArea().isEmpty(o, RmQueue.CMA)) {
                return Status.SUCCESS;
            }
            // a claimable fallback block will do; migrate_pfn is pageblock aligned here
            if (RmQueue.canClaim(o, mt) && RmQueue.suitableFallback(z, o, mt) >= 0) {
                return Status.SUCCESS;
            }
        }
        return Status.CONTINUE;
    }

    /** Async compaction only takes from Movable and CMA pageblocks; nothing is taken from isolated ones. */
    private static boolean suitableSource(Zone z, int pb, boolean sync) {
        int t = z.pageblocks().type(pb);
        if (t == MigrateType.ISOLATE.ordinal()) {
            return false;
        }
        if (!sync && t != MigrateType.MOVABLE.ordinal() && t != MigrateType.CMA.ordinal()) {
            return false;
        }
        return z.pageblocks().movablePages(pb) - z.pageblocks().pinned(pb) > 0;
    }

    /** Fills {@link #batch} with up to 32 migratable block heads from [from, to); returns where it stopped. */
    private int isolateMigratePages(Zone z, int from, int to) {
        byte[] flags = z.classes().flags;
        int off = from;
        while (off < to && batch.size() < COMPACT_CLUSTER_MAX) {
            byte s = z.pageState(off);
            int step;
            if (s == PageState.TAIL) {
                step = 1;
            } else if (PageState.isFree(s)) {
                step = 1 << PageState.freeOrder(s);
            } else {
                step = 1 << z.allocatedOrder(off);
                if ((flags[s] & PageClasses.F_MIGRATABLE) != 0) {
                    batch.push(off);
                }
            }
            scanned += Math.min(step, to - off);
            mem.stats.migrateScanned += Math.min(step, to - off);
            off += step;
        }
        return Math.min(off, to);
    }

    private long batchPages(Zone z) {
        long n = 0;
        for (int i = 0; i < batch.size(); i++) {
            n += 1L << z.allocatedOrder(batch.get(i));
        }
        return n;
    }

    private void migrate(Zone z, int src, int target, int order) {
        int cls = z.pageState(src);
        z.reclassify(target, order, PageClasses.ISOLATED, cls);
        z.unmarkAllocated(src, order, cls);
        z.freeBlock(src, order);
        migrated += 1L << order;
        mem.listener().moved(z.startPfn() + src, z.startPfn() + target, order, cls);
    }
}
