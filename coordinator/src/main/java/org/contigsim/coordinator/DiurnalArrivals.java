package org.contigsim.coordinator;

import org.contigsim.scenario.ArrivalSpec;
import org.contigsim.base.Rng;

/**
 * A Poisson process whose rate follows a cosine over the period,
 * {@code mean * (1 + amplitude * cos(2 pi (t - peak) / period))} with t counted from the end of the
 * warm-up, sampled exactly by thinning (Lewis and Shedler): candidates arrive at the peak rate and
 * each is kept with probability rate(t) / peak rate.
 */
final class DiurnalArrivals implements JobArrivals.Process {
    private final Rng rng;
    private final double amplitude;
    private final long period;
    private final long peak;
    private final long from;
    private final long to;
    private final double meanGapAtPeak;
    private long now;

    DiurnalArrivals(Rng rng, double meanPerHour, ArrivalSpec.Diurnal spec, long from, long to) {
        this.rng = rng;
        this.amplitude = spec.amplitude();
        this.period = spec.periodNanos();
        this.peak = spec.peakNanos();
        this.from = from;
        this.to = to;
        this.meanGapAtPeak = JobArrivals.meanGapNanos(meanPerHour * (1 + amplitude));
        this.now = from;
    }

    @Override
    public JobArrivals.Arrival next() {
        if (meanGapAtPeak == Double.POSITIVE_INFINITY) {
            return JobArrivals.Arrival.NONE;
        }
        while (now < to) {
            now = JobArrivals.after(now, JobArrivals.exponential(rng, meanGapAtPeak));
            if (rng.nextDouble() * (1 + amplitude) < relativeRate(now)) {
                return JobArrivals.Arrival.at(now);
            }
        }
        return JobArrivals.Arrival.NONE;
    }

    /** rate(t) / mean. The phase is reduced in whole nanoseconds first, so it stays exact over long runs. */
    double relativeRate(long t) {
        long phase = Math.floorMod(t - from - peak, period);
        // StrictMath: the same bits on every JVM
        return 1 + amplitude * StrictMath.cos(2 * Math.PI * phase / period);
    }
}
