package org.contigsim.coordinator;

import org.contigsim.scenario.ArrivalSpec;
import org.contigsim.scenario.JobSpec;
import org.contigsim.base.Rng;

/**
 * The jobs' arrival times over [from, to), from the scenario's arrival process (jobs.arrivals) and
 * its own seeded random stream, so arrivals never depend on what the hosts draw.
 */
final class JobArrivals {
    /** The arrival stream's entity id in {@link Rng#seedFor}: apart from every host id. */
    static final long STREAM_ID = -1;

    /**
     * One arrival.
     *
     * @param atNanos simulated time of the arrival, Long.MAX_VALUE for none
     * @param bytes data this job moves, or 0 for the scenario's bound
     * @param durationNanos how long this job runs, or 0 for the scenario's bound
     */
    record Arrival(long atNanos, long bytes, long durationNanos) {
        static final Arrival NONE = new Arrival(Long.MAX_VALUE, 0, 0);

        /** A job bounded like every other job of the scenario. */
        static Arrival at(long nanos) {
            return new Arrival(nanos, 0, 0);
        }
    }

    /** One arrival process: successive arrivals, in time order, then {@link Arrival#NONE} from {@code to} on. */
    interface Process {
        Arrival next();
    }

    private final Process process;
    private final long to;
    private Arrival next;

    JobArrivals(long runSeed, JobSpec jobs, long from, long to) {
        Rng rng = new Rng(Rng.seedFor(runSeed, STREAM_ID));
        double perHour = jobs.arrivalsPerHour();
        ArrivalSpec a = jobs.arrivals();
        if (a instanceof ArrivalSpec.Bursty b) {
            this.process = new BurstyArrivals(rng, perHour, b, from, to);
        } else if (a instanceof ArrivalSpec.Diurnal d) {
            this.process = new DiurnalArrivals(rng, perHour, d, from, to);
        } else if (a instanceof ArrivalSpec.Trace t) {
            this.process = new TraceArrivals(t, from);
        } else {
            this.process = new PoissonArrivals(rng, perHour, from);
        }
        this.to = to;
        this.next = process.next();
    }

    /** The next arrival time, or Long.MAX_VALUE when no more jobs arrive before the end. */
    long peek() {
        return next.atNanos() < to ? next.atNanos() : Long.MAX_VALUE;
    }

    /** Takes the next arrival (call only when {@link #peek} is not MAX_VALUE). */
    Arrival take() {
        Arrival a = next;
        next = process.next();
        return a;
    }

    /** {@code t + gap}, or Long.MAX_VALUE past it: a tiny rate must not wrap around to the past. */
    static long after(long t, long gap) {
        return t > Long.MAX_VALUE - gap ? Long.MAX_VALUE : t + gap;
    }

    /** An exponentially distributed time of mean {@code meanNanos}, at least 1 ns (infinite means never). */
    static long exponential(Rng rng, double meanNanos) {
        return meanNanos == Double.POSITIVE_INFINITY ? Long.MAX_VALUE
                : Math.max(1, Math.round(rng.nextExponential(meanNanos)));
    }

    /** The mean gap between arrivals at {@code perHour}: infinite at 0. */
    static double meanGapNanos(double perHour) {
        return perHour > 0 ? 3600e9 / perHour : Double.POSITIVE_INFINITY;
    }
}
