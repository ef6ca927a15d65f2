package org.contigsim.workload;

import org.contigsim.base.Rng;

/**
 * The operations the background components share: allocating a number of pages as folios,
 * keeping a kind of memory at a target while replacing part of it, and rounding fractional
 * counts. Every page goes through {@link HostMemory}, so through the host's allocator.
 */
final class Demand {
    private Demand() {
    }

    /**
     * Allocates about {@code pages} pages of {@code kind} in folios of {@code mix}, each on a
     * random node (no draw on a one-node host); false when the allocator failed, after which the
     * caller stops (the kernel would OOM-kill; the workload backs off until the next step).
     */
    static boolean allocate(HostMemory host, Rng rng, PageKind kind, long pages, FolioMix mix) {
        long done = 0;
        int nodes = host.nodes();
        while (done < pages) {
            int order = mix.pick(rng);
            if ((1L << order) > pages - done) {
                order = 0;
            }
            if (!host.allocate(kind, order, node(rng, nodes))) {
                return false;
            }
            done += 1L << order;
        }
        return true;
    }

    /**
     * Keeps {@code kind} at {@code target} pages, replacing {@code turnoverPerHour} of the target
     * per hour: when at the target, random blocks are freed; below it, pages are allocated, at
     * least 1/300 of the target per step so a share fills within five minutes.
     */
    static void churn(Step s, PageKind kind, long target, double turnoverPerHour, FolioMix mix) {
        HostMemory host = s.host();
        long have = host.pages(kind);
        long churn = carry(s.rng(), turnoverPerHour * target * s.seconds() / Step.HOUR);
        if (have >= target) {
            host.freeRandom(kind, churn);
            have = host.pages(kind);
        }
        allocate(host, s.rng(), kind, Math.min(target - have, Math.max(churn, target / 300 + 1)), mix);
    }

    /** A non-integer expected count rounded up or down at random, so fractional rates add up; no draw for 0. */
    static long carry(Rng rng, double expected) {
        if (expected <= 0) {
            return 0;
        }
        long whole = (long) expected;
        return whole + (rng.nextDouble() < expected - whole ? 1 : 0);
    }

    /** A random node of {@code nodes}; node 0 without a draw on a one-node host. */
    static int node(Rng rng, int nodes) {
        return nodes == 1 ? 0 : rng.nextInt(nodes);
    }

    /** A sampled size in whole pages, at least one. */
    static long pages(double bytes) {
        return Math.max(1, (long) Math.ceil(bytes / 4096.0));
    }
}
