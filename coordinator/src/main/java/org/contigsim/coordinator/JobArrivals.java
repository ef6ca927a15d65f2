package org.contigsim.coordinator;

import org.contigsim.workload.Rng;

/** A Poisson stream of job arrival times over [from, to), from its own seeded random stream. */
final class JobArrivals {
    /** The arrival stream's entity id in {@link Rng#seedFor}: apart from every host id. */
    static final long STREAM_ID = -1;

    private final Rng rng;
    private final double meanGapNanos;
    private final long to;
    private long next;

    JobArrivals(long runSeed, double perHour, long from, long to) {
        this.rng = new Rng(Rng.seedFor(runSeed, STREAM_ID));
        this.meanGapNanos = perHour > 0 ? 3600e9 / perHour : Double.POSITIVE_INFINITY;
        this.to = to;
        this.next = perHour > 0 ? from + gap() : Long.MAX_VALUE;
    }

    private long gap() {
        return Math.max(1, Math.round(rng.nextExponential(meanGapNanos)));
    }

    /** The next arrival time, or Long.MAX_VALUE when no more jobs arrive before the end. */
    long peek() {
        return next < to ? next : Long.MAX_VALUE;
    }

    /** Takes the next arrival (call only when {@link #peek} is not MAX_VALUE). */
    long take() {
        long t = next;
        next = next + gap();
        return t;
    }
}
