package org.contigsim.coordinator;

import org.contigsim.base.Rng;

/** Independent arrivals at a constant rate: exponential gaps, one random draw per arrival. */
final class PoissonArrivals implements JobArrivals.Process {
    private final Rng rng;
    private final double meanGapNanos;
    private long last;

    PoissonArrivals(Rng rng, double perHour, long from) {
        this.rng = rng;
        this.meanGapNanos = JobArrivals.meanGapNanos(perHour);
        this.last = from;
    }

    @Override
    public JobArrivals.Arrival next() {
        if (meanGapNanos == Double.POSITIVE_INFINITY || last == Long.MAX_VALUE) {
            return JobArrivals.Arrival.NONE;
        }
        last = JobArrivals.after(last, JobArrivals.exponential(rng, meanGapNanos));
        return JobArrivals.Arrival.at(last);
    }
}
