package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Page reclaim ({@code mm/vmscan.c}): {@code wakeup_kswapd}, kswapd's {@code balance_pgdat}, and
 * {@code shrink_node}, which kswapd and direct reclaim from {@link AllocSlowPath} share. The model
 * has no swap, so only clean page cache (the evictable page classes) is reclaimed.
 */
final class Vmscan {
    /** Reclaim works in batches of SWAP_CLUSTER_MAX pages at least. */
    static final int SWAP_CLUSTER_MAX = 32;

    private final PhysicalMemory mem;
    private final int nodes;
    /** Per node: the order kswapd was woken for, -1 when asleep. */
    private final int[] kswapdOrder;

    Vmscan(PhysicalMemory mem, int nodes) {
        this.mem = mem;
        this.nodes = nodes;
        this.kswapdOrder = new int[nodes];
        java.util.Arrays.fill(kswapdOrder, -1);
    }

    /**
     * wakeup_kswapd: kswapd runs in the background, so a wake only marks the node; the reclaim
     * happens when simulated time next advances. Until then allocations dip below the low
     * watermark towards min (and reclaim directly below it), which is how bursts of allocations
     * break up the large free blocks a synchronous kswapd would never let them reach.
     */
    void wakeKswapd(int node, int order) {
        kswapdOrder[node] = Math.max(kswapdOrder[node], order);
    }

    /** Runs every woken kswapd (balance_pgdat), then kcompactd for the order it was woken for. */
    void runKswapds() {
        for (int n = 0; n < nodes; n++) {
            int order = kswapdOrder[n];
            if (order < 0) {
                continue;
            }
            kswapdOrder[n] = -1;
            kswapd(n, order);
        }
    }

    /**
     * kswapd's balance_pgdat: reclaims each zone of the node until it is above its high
     * watermark plus boost; a boosted zone then drops its boost and kcompactd compacts for a
     * pageblock, as after a fragmenting fallback.
     */
    private void kswapd(int node, int order) {
        mem.stats.kswapdWakeups++;
        boolean hadBoost = false;
        for (Zone z : mem.nodeZones[node]) {
            if (z == null) {
                continue;
            }
            long target = z.watermarkHigh() + z.watermarkBoost();
            if (z.freePages() < target) {
                reclaim(z, target - z.freePages());
            }
            if (z.watermarkBoost() > 0) {
                hadBoost = true;
                z.setWatermarkBoost(0);
            }
        }
        if (hadBoost) {
            mem.compaction.kcompactd(node, Math.max(order, PAGEBLOCK_ORDER));
        } else if (order > 0) {
            mem.compaction.kcompactd(node, order);
        }
    }

    /**
     * Evicts clean page cache from the zone until {@code pages} are freed or none is left. Which
     * pages: a seeded random sample (each pick scans forward from a random frame to the next
     * evictable block), standing in for the LRU's age order, which the model does not track.
     */
    long reclaim(Zone z, long pages) {
        long evictable = evictablePages(z);
        long freed = 0;
        while (freed < pages && evictable > 0) {
            int head = Sampler.nextEvictable(z, mem.rng.nextInt(z.spannedPages()));
            if (head < 0) {
                break;
            }
            int order = z.allocatedOrder(head);
            int cls = z.pageState(head);
            z.unmarkAllocated(head, order, cls);
            z.freeBlock(head, order);
            freed += 1L << order;
            evictable -= 1L << order;
        }
        mem.stats.pagesReclaimed += freed;
        return freed;
    }

    private long evictablePages(Zone z) {
        long n = 0;
        PageClasses classes = mem.classes;
        for (int c = 1; c <= classes.size(); c++) {
            if ((classes.flags[c] & PageClasses.F_EVICTABLE) != 0) {
                n += z.classPages(c);
            }
        }
        return n;
    }
}
