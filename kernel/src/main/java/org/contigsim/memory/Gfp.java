package org.contigsim.memory;

/**
 * How hard an allocation may try, after the kernel's GFP flags. The default (0) is
 * {@code GFP_KERNEL}/{@code GFP_HIGHUSER_MOVABLE}: wake kswapd, reclaim directly, compact
 * directly for order &gt; 0, retry.
 */
public final class Gfp {
    /** {@code __GFP_NORETRY}: one reclaim and compaction attempt, then fail (THP faults). */
    public static final int NORETRY = 1;
    /** No direct compaction even when the host allows it. */
    public static final int NO_COMPACT = 2;
    /** {@code GFP_ATOMIC}-like: no reclaim, no compaction; may dip to the min watermark. */
    public static final int ATOMIC = 4;
    /** {@code __GFP_RETRY_MAYFAIL}: keep reclaiming and compacting while it makes progress (hugetlb). */
    public static final int RETRY_MAYFAIL = 8;

    /** {@code GFP_TRANSHUGE_LIGHT}: the fast path only; no kswapd, reclaim or compaction (THP faults). */
    public static final int LIGHT = 16;

    /** {@code __GFP_DMA}: only ZONE_DMA may serve the request (gfp_zone). */
    public static final int ZONE_DMA = 32;
    /** {@code __GFP_DMA32}: only ZONE_DMA32 and below. */
    public static final int ZONE_DMA32 = 64;
    /** Without {@code __GFP_MOVABLE}: a movable request kept out of ZONE_MOVABLE (Normal and below). */
    public static final int ZONE_NORMAL = 128;

    /**
     * gfp_zone: the highest zone a request with these flags may use ({@link ZoneType} ordinal);
     * {@code movable} requests may use ZONE_MOVABLE unless a zone modifier says otherwise.
     */
    static int highestZone(int gfp, boolean movable) {
        if ((gfp & ZONE_DMA) != 0) {
            return ZoneType.DMA.ordinal();
        }
        if ((gfp & ZONE_DMA32) != 0) {
            return ZoneType.DMA32.ordinal();
        }
        if ((gfp & ZONE_NORMAL) != 0 || !movable) {
            return ZoneType.NORMAL.ordinal();
        }
        return ZoneType.MOVABLE.ordinal();
    }

    private Gfp() {
    }
}
