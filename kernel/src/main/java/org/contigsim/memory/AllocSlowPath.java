package org.contigsim.memory;

/**
 * The page allocator's slow path ({@code __alloc_pages_slowpath} of {@code mm/page_alloc.c}),
 * entered when no zone of the zonelist passed its low watermark: wake kswapd, retry down to the
 * min watermark, then alternate direct compaction ({@link Compaction}) and direct reclaim
 * ({@link Vmscan}) while they make progress, within the retries the {@link Gfp} flags allow.
 */
final class AllocSlowPath {
    static final int MAX_RECLAIM_RETRIES = 16;

    private final PhysicalMemory mem;

    AllocSlowPath(PhysicalMemory mem) {
        this.mem = mem;
    }

    /** __alloc_pages_slowpath: kswapd, the min watermark, direct compaction, direct reclaim, retries. */
    int slowpath(int order, int mt, int cls, Zone[] zl, int highest, int flags, int gfp) {
        if ((gfp & Gfp.ATOMIC) != 0) {
            return mem.fastPath.getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
        }
        for (Zone z : zl) {
            if (!Watermarks.ok(z, order, z.watermarkLow() + z.watermarkBoost(), highest, flags)) {
                mem.vmscan.wakeKswapd(z.node(), order);
            }
        }
        int pfn = mem.fastPath.getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
        if (pfn >= 0) {
            return pfn;
        }
        boolean compact = order > 0 && mem.config.directCompaction() && (gfp & Gfp.NO_COMPACT) == 0;
        int retries = (gfp & Gfp.NORETRY) != 0 ? 1 : MAX_RECLAIM_RETRIES;
        for (int attempt = 0; attempt < retries; attempt++) {
            if (compact) {
                pfn = mem.compaction.direct(order, mt, cls, zl, highest, flags);
                if (pfn >= 0) {
                    return pfn;
                }
            }
            long reclaimed = 0;
            for (Zone z : zl) {
                reclaimed += mem.vmscan.reclaim(z, Math.max(Vmscan.SWAP_CLUSTER_MAX, 1L << order));
            }
            pfn = mem.fastPath.getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
            if (pfn >= 0) {
                return pfn;
            }
            if (reclaimed == 0 && !(compact && (gfp & Gfp.RETRY_MAYFAIL) != 0 && attempt == 0)) {
                break;
            }
        }
        return -1;
    }
}
