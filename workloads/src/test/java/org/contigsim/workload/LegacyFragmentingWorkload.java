package org.contigsim.workload;

import org.contigsim.base.Rng;

/**
 * The fragmenting workload as it was before it became a {@link Background} of components, kept
 * verbatim (only renamed) so {@link BackgroundTest} can check that the preset still makes the same
 * operations with the same random draws.
 */
record LegacyFragmentingWorkload(
        double pageCacheBytesPerSecond,
        double anonFraction,
        double anonTurnoverPerHour,
        double thpFraction,
        double slabFraction,
        double slabTurnoverPerHour,
        double netFraction,
        double netTurnoverPerHour,
        double longLivedPerHour) implements MemoryWorkload {

    private static final long SECOND = 1_000_000_000L;
    private static final double HOUR = 3600.0;
    private static final int THP_ORDER = 9;
    private static final long THP_PAGES = 1L << THP_ORDER;
    private static final int PAGE_FRAG_ORDER = 3;
    private static final long PAGE_FRAG_PAGES = 1L << PAGE_FRAG_ORDER;

    /**
     * Defaults for a busy host: 64 MiB/s of file reads into the page cache; 40% of memory
     * anonymous, 20% of faults THP-eligible, half of it replaced per hour; 2% in slab replaced
     * once an hour; 1% in network buffers replaced 30 times an hour; 0.1% of memory per hour of
     * unmovable memory that is never freed.
     */
    static LegacyFragmentingWorkload defaults() {
        return new LegacyFragmentingWorkload(64 << 20, 0.40, 0.5, 0.2, 0.02, 1.0, 0.01, 30.0, 0.001);
    }

    @Override
    public void run(HostMemory host, Rng rng, long fromNanos, long toNanos) {
        long total = host.totalPages();
        long step = fromNanos - fromNanos % SECOND + SECOND;
        long t = fromNanos;
        double pageCachePerSecond = pageCacheBytesPerSecond / 4096.0;
        while (t < toNanos) {
            long next = Math.min(step, toNanos);
            double seconds = (next - t) / (double) SECOND;
            anon(host, rng, total, seconds);
            unmovable(host, rng, total, seconds);
            allocatePages(host, rng, PageKind.KERNEL_LONG_LIVED, carry(rng, longLivedPerHour * total * seconds / HOUR), false);
            allocatePages(host, rng, PageKind.PAGE_CACHE, carry(rng, pageCachePerSecond * seconds), true);
            host.advanceTo(next);
            t = next;
            step += SECOND;
        }
    }

    /**
     * Anonymous memory comes and goes with processes: one exits (its pages freed, scattered
     * over memory) and another starts (allocating as much at once, THP-eligible parts first as
     * 2 MiB pages). Starts are bursts, as real ones are: they drain free memory below the
     * watermarks faster than kswapd refills it.
     */
    private void anon(HostMemory host, Rng rng, long total, double seconds) {
        long target = (long) (anonFraction * total);
        long have = host.pages(PageKind.ANON);
        long meanProcess = Math.max(1, Math.min(processPages(total), target));
        if (have < target) {
            startProcess(host, rng, Math.min(target - have, meanProcess));
            return;
        }
        double exits = anonTurnoverPerHour * target * seconds / HOUR / meanProcess;
        for (long i = carry(rng, exits); i > 0; i--) {
            long size = Math.max(1, Math.min((long) rng.nextExponential(meanProcess), target / 4));
            host.freeRandom(PageKind.ANON, size);
            startProcess(host, rng, size);
        }
    }

    private void startProcess(HostMemory host, Rng rng, long pages) {
        long huge = (long) (pages * thpFraction) & ~(THP_PAGES - 1);
        long done = 0;
        int nodes = host.nodes();
        int node = nodes == 1 ? 0 : rng.nextInt(nodes);
        while (done < huge && host.tryAllocate(PageKind.ANON, THP_ORDER, node)) {
            done += THP_PAGES;
        }
        allocatePages(host, rng, PageKind.ANON, pages - done, true);
    }

    /** A process's anonymous memory: 64 MiB on average, less on small hosts. */
    private static long processPages(long total) {
        return Math.min((64L << 20) / 4096, total / 64);
    }

    private void unmovable(HostMemory host, Rng rng, long total, double seconds) {
        churn(host, rng, PageKind.SLAB, (long) (slabFraction * total), slabTurnoverPerHour, seconds);
        long netTarget = (long) (netFraction * total);
        long netHave = host.pages(PageKind.NET_BUFFER);
        long netChurn = carry(rng, netTurnoverPerHour * netTarget * seconds / HOUR);
        if (netHave >= netTarget) {
            host.freeRandom(PageKind.NET_BUFFER, netChurn);
            netHave = host.pages(PageKind.NET_BUFFER);
        }
        long want = Math.min(netTarget - netHave, Math.max(netChurn, netTarget / 300 + 1));
        long done = 0;
        int nodes = host.nodes();
        // page_frag_cache_refill: an order-3 page if the free lists have one, else order 0
        while (want - done >= PAGE_FRAG_PAGES
                && host.tryAllocate(PageKind.NET_BUFFER, PAGE_FRAG_ORDER, nodes == 1 ? 0 : rng.nextInt(nodes))) {
            done += PAGE_FRAG_PAGES;
        }
        allocatePages(host, rng, PageKind.NET_BUFFER, want - done, false);
    }

    /** Keeps {@code kind} at {@code target} pages, replacing {@code turnoverPerHour} of it per hour. */
    private static void churn(HostMemory host, Rng rng, PageKind kind, long target, double turnoverPerHour, double seconds) {
        long have = host.pages(kind);
        long churn = carry(rng, turnoverPerHour * target * seconds / HOUR);
        if (have >= target) {
            host.freeRandom(kind, churn);
            have = host.pages(kind);
        }
        allocatePages(host, rng, kind, Math.min(target - have, Math.max(churn, target / 300 + 1)), false);
    }

    /**
     * Allocates about {@code pages} pages as folios: movable memory mostly order 0 with some
     * large folios (order 2 and 4, as file systems with large-folio support read ahead), kernel
     * memory as order 0 pages and order 1-3 slab pages.
     */
    private static void allocatePages(HostMemory host, Rng rng, PageKind kind, long pages, boolean movable) {
        long done = 0;
        int nodes = host.nodes();
        while (done < pages) {
            int r = rng.nextInt(100);
            int order;
            if (movable) {
                order = r < 70 ? 0 : r < 90 ? 2 : 4;
            } else {
                order = r < 80 ? 0 : r < 95 ? 1 : 3;
            }
            if ((1L << order) > pages - done) {
                order = 0;
            }
            if (!host.allocate(kind, order, nodes == 1 ? 0 : rng.nextInt(nodes))) {
                return; // out of memory for this kind: the kernel would OOM-kill; the workload backs off
            }
            done += 1L << order;
        }
    }

    /** A non-integer expected count rounded up or down at random, so fractional rates add up. */
    private static long carry(Rng rng, double expected) {
        if (expected <= 0) {
            return 0;
        }
        long whole = (long) expected;
        return whole + (rng.nextDouble() < expected - whole ? 1 : 0);
    }
}
