package org.contigsim.coordinator;

import org.contigsim.scenario.ArrivalSpec;
import org.contigsim.base.Rng;

/**
 * A two-state Markov-modulated Poisson process: calm stretches and bursts alternate, each lasting
 * an exponentially distributed time, and within each jobs arrive as a Poisson process of that
 * state's rate. Exact: both the gaps and the stays are memoryless, so a gap cut short by a change
 * of state is simply drawn anew at the new rate.
 */
final class BurstyArrivals implements JobArrivals.Process {
    private final Rng rng;
    /** Mean gaps between arrivals, calm then burst. */
    private final double[] meanGap;
    /** Mean stays, calm then burst. */
    private final double[] meanStay;
    private final long to;
    private int state;
    private long now;
    private long stateEnds;

    BurstyArrivals(Rng rng, double calmPerHour, ArrivalSpec.Bursty spec, long from, long to) {
        this.rng = rng;
        this.meanGap = new double[] {JobArrivals.meanGapNanos(calmPerHour),
            JobArrivals.meanGapNanos(spec.burstPerHour())};
        this.meanStay = new double[] {spec.calmNanos(), spec.burstNanos()};
        this.to = to;
        // start where a long-running process would be: in a burst with the share of time bursts take
        double burstShare = meanStay[1] / (meanStay[0] + meanStay[1]);
        this.state = rng.nextDouble() < burstShare ? 1 : 0;
        this.now = from;
        this.stateEnds = JobArrivals.after(from, JobArrivals.exponential(rng, meanStay[state]));
    }

    @Override
    public JobArrivals.Arrival next() {
        if (meanGap[0] == Double.POSITIVE_INFINITY && meanGap[1] == Double.POSITIVE_INFINITY) {
            return JobArrivals.Arrival.NONE;
        }
        while (now < to) {
            long at = JobArrivals.after(now, JobArrivals.exponential(rng, meanGap[state]));
            if (at < stateEnds) {
                now = at;
                return JobArrivals.Arrival.at(at);
            }
            now = stateEnds;
            state = 1 - state;
            stateEnds = JobArrivals.after(now, JobArrivals.exponential(rng, meanStay[state]));
        }
        return JobArrivals.Arrival.NONE;
    }
}
