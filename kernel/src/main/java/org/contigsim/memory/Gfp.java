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

    private Gfp() {
    }
}
