package org.contigsim.memory;

/**
 * kcompactd's proactive compaction ({@code mm/compaction.c}: {@code kcompactd},
 * {@code should_proactive_compact_node}, {@code fragmentation_score_node}): every
 * {@link #PERIOD_NANOS} of simulated time, each node whose fragmentation score is above the high
 * mark derived from {@code vm.compaction_proactiveness} is compacted, and a run that did not
 * lower the score defers the next ones. kcompactd woken by kswapd is {@link Compaction#kcompactd}.
 */
final class Kcompactd {
    /** kcompactd's proactive check period (HPAGE_FRAG_CHECK_INTERVAL_MSEC). */
    static final long PERIOD_NANOS = 500_000_000L;

    private final PhysicalMemory mem;
    private final int nodes;
    private final int[] proactiveDefer;

    Kcompactd(PhysicalMemory mem, int nodes) {
        this.mem = mem;
        this.nodes = nodes;
        this.proactiveDefer = new int[nodes];
    }

    /** One proactive check of every node. */
    void tick() {
        if (mem.config.compactionProactiveness() == 0) {
            return;
        }
        int wmarkHigh = Math.min(Math.max(100 - mem.config.compactionProactiveness(), 5) + 10, 100);
        for (int n = 0; n < nodes; n++) {
            if (proactiveDefer[n] > 0) {
                proactiveDefer[n]--;
                continue;
            }
            int before = nodeFragmentationScore(n);
            if (before <= wmarkHigh) {
                continue;
            }
            mem.compaction.proactive(n);
            int after = nodeFragmentationScore(n);
            if (after >= before) {
                proactiveDefer[n] = 1 << ZoneCompaction.COMPACT_MAX_DEFER_SHIFT;
            }
        }
    }

    /** fragmentation_score_node: zones' order-9 unusable share (0..100), weighted by size. */
    int nodeFragmentationScore(int node) {
        long nodePages = 0;
        for (Zone z : mem.nodeZones[node]) {
            if (z != null) {
                nodePages += z.spannedPages();
            }
        }
        long score = 0;
        for (Zone z : mem.nodeZones[node]) {
            if (z != null && z.managedPages() > 0) {
                score += (long) z.spannedPages() * z.freeArea().fragmentationScore() / (nodePages + 1);
            }
        }
        return (int) score;
    }
}
