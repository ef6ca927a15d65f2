package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

import java.util.ArrayList;
import java.util.List;

/**
 * The page allocator's entry and fast path ({@code mm/page_alloc.c}: {@code __alloc_pages},
 * {@code alloc_flags_nofragment}, {@code get_page_from_freelist}): walk the zonelist of the
 * preferred node, take the first zone above its watermark and let {@link RmQueue} take a block
 * from its free lists; hand a failure to {@link AllocSlowPath}. Also builds the zonelists
 * ({@code build_zonelists}).
 *
 * <p>Per-CPU page lists (pcp) are not modelled: every order-0 allocation and free goes straight to
 * the buddy free lists, as if {@code percpu_pagelist_high_fraction} made them empty. Their effect
 * on contiguity is second order (they hold at most a few MiB per zone and are drained by
 * alloc_contig_range), and leaving them out keeps results independent of a CPU count.
 */
final class AllocFastPath {
    private final PhysicalMemory mem;
    private final RmQueue rmqueue;
    private final int nodes;
    /** [node][zone type ordinal], null where the node lacks that zone. */
    private final Zone[][] nodeZones;
    /** [preferred node][0: up to Normal, 1: up to Movable]: the zonelist, in fallback order. */
    private final Zone[][][] zonelists;

    AllocFastPath(PhysicalMemory mem, RmQueue rmqueue, Zone[][] nodeZones) {
        this.mem = mem;
        this.rmqueue = rmqueue;
        this.nodes = nodeZones.length;
        this.nodeZones = nodeZones;
        this.zonelists = buildZonelists();
    }

    /** The zonelist of {@code node}: up to ZONE_MOVABLE when {@code movable}, else up to ZONE_NORMAL. */
    Zone[] zonelist(int node, boolean movable) {
        return zonelists[node][movable ? 1 : 0];
    }

    /** __alloc_pages: {@code 2^order} pages for class {@code classId}, preferring {@code node}; the first PFN or -1. */
    int allocate(int order, int classId, int node, int gfp) {
        int mt = mem.classes.migrateType(classId);
        boolean movable = mt == MigrateType.MOVABLE.ordinal();
        Zone[] zl = zonelist(node, movable);
        int highest = Gfp.highestZone(gfp, movable);
        if (highest < (movable ? ZoneType.MOVABLE.ordinal() : ZoneType.NORMAL.ordinal())) {
            zl = below(zl, highest);
            if (zl.length == 0) {
                mem.stats.allocFailures++;
                return -1; // no zone of the host is low enough (a host without DMA)
            }
        }
        int flags = RmQueue.ALLOC_KSWAPD | (movable && mem.cmaConfigured() ? RmQueue.ALLOC_CMA : 0);
        int pfn = getPageFromFreelist(order, mt, classId, zl, highest, false, flags | nofragment(zl[0]));
        if (pfn < 0 && (gfp & Gfp.LIGHT) == 0) {
            pfn = mem.slowPath.slowpath(order, mt, classId, zl, highest, flags, gfp);
        }
        if (pfn < 0) {
            mem.stats.allocFailures++;
        }
        return pfn;
    }

    /** The zonelist without the zones above {@code highest} (for_next_zone_zonelist_nodemask's highest_zoneidx). */
    private static Zone[] below(Zone[] zl, int highest) {
        List<Zone> out = new ArrayList<>();
        for (Zone z : zl) {
            if (z.type().ordinal() <= highest) {
                out.add(z);
            }
        }
        return out.toArray(new Zone[0]);
    }

    /** alloc_flags_nofragment: the Normal zone prefers DMA32 over polluting its own pageblocks. */
    private int nofragment(Zone first) {
        if (first.type() != ZoneType.NORMAL) {
            return 0;
        }
        if (nodes > 1 && nodeZones[first.node()][ZoneType.DMA32.ordinal()] == null) {
            return 0;
        }
        return RmQueue.ALLOC_NOFRAGMENT;
    }

    int getPageFromFreelist(int order, int mt, int cls, Zone[] zl, int highest, boolean minMark, int flags) {
        while (true) {
            for (int i = 0; i < zl.length; i++) {
                Zone z = zl[i];
                if ((flags & RmQueue.ALLOC_NOFRAGMENT) != 0 && nodes > 1 && z.node() != zl[0].node()) {
                    break; // the kernel retries without NOFRAGMENT before leaving the local node
                }
                long mark = (minMark ? z.watermarkMin() : z.watermarkLow()) + z.watermarkBoost();
                if (!Watermarks.ok(z, order, mark, highest, flags)) {
                    continue;
                }
                long boost = z.watermarkBoost();
                int off = rmqueue.rmqueue(z, order, mt, flags);
                if (off >= 0) {
                    z.markAllocated(off, order, cls);
                    mem.stats.allocations++;
                    if (z.watermarkBoost() > boost) {
                        mem.stats.fallbackClaims++;
                        mem.vmscan.wakeKswapd(z.node(), PAGEBLOCK_ORDER);
                    }
                    return z.startPfn() + off;
                }
            }
            if ((flags & RmQueue.ALLOC_NOFRAGMENT) == 0) {
                return -1;
            }
            flags &= ~RmQueue.ALLOC_NOFRAGMENT;
        }
    }

    /** Retries only the free lists at the min watermark (after compaction freed something). */
    int tryZone(Zone z, int order, int mt, int cls, int highest, int flags) {
        if (!Watermarks.ok(z, order, z.watermarkMin() + z.watermarkBoost(), highest, flags)) {
            return -1;
        }
        int off = rmqueue.rmqueue(z, order, mt, flags & ~RmQueue.ALLOC_NOFRAGMENT);
        if (off < 0) {
            return -1;
        }
        z.markAllocated(off, order, cls);
        mem.stats.allocations++;
        return z.startPfn() + off;
    }

    private Zone[][][] buildZonelists() {
        Zone[][][] lists = new Zone[nodes][2][];
        for (int n = 0; n < nodes; n++) {
            for (int movable = 0; movable < 2; movable++) {
                int highest = movable == 1 ? ZoneType.MOVABLE.ordinal() : ZoneType.NORMAL.ordinal();
                List<Zone> zl = new ArrayList<>();
                for (int k = 0; k < nodes; k++) {
                    Zone[] byType = nodeZones[(n + k) % nodes];
                    for (int t = highest; t >= 0; t--) {
                        if (byType[t] != null) {
                            zl.add(byType[t]);
                        }
                    }
                }
                lists[n][movable] = zl.toArray(new Zone[0]);
            }
        }
        return lists;
    }
}
