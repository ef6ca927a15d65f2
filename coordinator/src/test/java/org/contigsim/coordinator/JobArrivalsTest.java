package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.nic.AccessPattern;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.scenario.ArrivalSpec;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.JobSpec;
import org.contigsim.scenario.RetrySpec;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;

/**
 * The arrival processes: rates and shapes within statistical tolerance (five standard deviations
 * or more, with fixed seeds, so these pass or fail the same way every time), traces exactly.
 */
class JobArrivalsTest {
    static final long S = Scenarios.SECOND;
    static final long HOUR = 3600 * S;
    /** Arrivals start after this warm-up, which every process counts its time from. */
    static final long FROM = 7 * S;

    static JobSpec jobs(double perHour, ArrivalSpec process) {
        return new JobSpec(perHour, 2, 8 << 20, 64 << 10, AccessPattern.RANDOM, 1L << 30, 60 * S, BufferPolicy.Kind.CONTIG_RANGE,
                PlacementPolicy.Named.FIRST_FIT, 8 << 20, Contiguity.STRICT, process, RetrySpec.EVERY_EPOCH, 0);
    }

    /** Every arrival over [FROM, FROM + hours), in order. */
    static List<JobArrivals.Arrival> arrivals(long seed, JobSpec jobs, double hours) {
        JobArrivals a = new JobArrivals(seed, jobs, FROM, FROM + (long) (hours * HOUR));
        List<JobArrivals.Arrival> out = new ArrayList<>();
        long last = FROM;
        while (a.peek() != Long.MAX_VALUE) {
            JobArrivals.Arrival next = a.take();
            assertTrue(next.atNanos() >= last, "in time order");
            last = next.atNanos();
            out.add(next);
        }
        return out;
    }

    /** Arrivals per window of {@code window} ns, over {@code windows} windows from FROM. */
    static long[] counts(List<JobArrivals.Arrival> arrivals, long window, int windows) {
        long[] c = new long[windows];
        for (JobArrivals.Arrival a : arrivals) {
            c[(int) ((a.atNanos() - FROM) / window)]++;
        }
        return c;
    }

    /** Variance over mean of counts: 1 for a Poisson process, far more when arrivals cluster. */
    static double dispersion(long[] counts) {
        double mean = 0;
        for (long c : counts) {
            mean += c;
        }
        mean /= counts.length;
        double var = 0;
        for (long c : counts) {
            var += (c - mean) * (c - mean);
        }
        return var / (counts.length - 1) / mean;
    }

    /** {@code actual} within {@code sigmas} standard deviations of a Poisson count of mean {@code expected}. */
    static void assertCount(double expected, long actual, double sigmas) {
        assertTrue(Math.abs(actual - expected) <= sigmas * Math.sqrt(expected), "expected about " + expected
                + ", got " + actual);
    }

    @Test
    void poissonArrivalsAreTheStreamsExponentialGapsAsBefore() {
        // the very draws of the process before arrival processes could be chosen: existing scenarios keep their results
        Rng rng = new Rng(Rng.seedFor(5, JobArrivals.STREAM_ID));
        long t = FROM;
        List<JobArrivals.Arrival> got = arrivals(5, jobs(600, new ArrivalSpec.Poisson()), 10);
        for (JobArrivals.Arrival a : got) {
            t += Math.max(1, Math.round(rng.nextExponential(3600e9 / 600)));
            assertEquals(JobArrivals.Arrival.at(t), a);
        }
        assertCount(6000, got.size(), 5);
    }

    @Test
    void poissonCountsMatchTheRateAndAreNotClustered() {
        List<JobArrivals.Arrival> got = arrivals(1, jobs(600, new ArrivalSpec.Poisson()), 1000);
        assertCount(600_000, got.size(), 5);
        double d = dispersion(counts(got, HOUR / 6, 6000));
        assertTrue(d > 0.9 && d < 1.1, "Poisson counts have variance = mean: " + d);
        assertEquals(List.of(), arrivals(1, jobs(0, new ArrivalSpec.Poisson()), 1000), "rate 0: nobody comes");
    }

    @Test
    void sameSeedSameArrivalsAnotherSeedOthers() {
        for (ArrivalSpec p : List.of(new ArrivalSpec.Poisson(), new ArrivalSpec.Bursty(600, HOUR, 600 * S),
                new ArrivalSpec.Diurnal(0.5, 24 * HOUR, 0))) {
            assertEquals(arrivals(3, jobs(60, p), 48), arrivals(3, jobs(60, p), 48), p.process().label());
            assertNotEquals(arrivals(3, jobs(60, p), 48), arrivals(4, jobs(60, p), 48), p.process().label());
        }
    }

    @Test
    void burstyArrivalsAverageTheTwoRatesAndCluster() {
        // calm 6/h for 50 min on average, bursts of 600/h for 10 min: a mean of 105/h
        JobSpec bursty = jobs(6, new ArrivalSpec.Bursty(600, 50 * 60 * S, 10 * 60 * S));
        List<JobArrivals.Arrival> got = arrivals(2, bursty, 2000);
        // the state process adds its own variance (counts per burst vary by ~100): 5 Poisson sigmas are too few
        double mean = 105.0 * 2000;
        assertTrue(Math.abs(got.size() - mean) < 0.05 * mean, "mean rate 105/h: " + got.size());
        double d = dispersion(counts(got, HOUR / 6, 12_000));
        assertTrue(d > 10, "bursts cluster arrivals far beyond Poisson: dispersion " + d);
        double poisson = dispersion(counts(arrivals(2, jobs(105, new ArrivalSpec.Poisson()), 2000), HOUR / 6, 12_000));
        assertTrue(poisson < 1.1, "the Poisson process of the same mean does not: " + poisson);
    }

    @Test
    void burstyWithEqualRatesIsPoisson() {
        List<JobArrivals.Arrival> got = arrivals(6, jobs(600, new ArrivalSpec.Bursty(600, 60 * S, 60 * S)), 500);
        assertCount(300_000, got.size(), 5);
        double d = dispersion(counts(got, HOUR / 6, 3000));
        assertTrue(d > 0.9 && d < 1.1, "no bursts to speak of: " + d);
        assertEquals(List.of(), arrivals(6, jobs(0, new ArrivalSpec.Bursty(0, 60 * S, 60 * S)), 500));
    }

    @Test
    void diurnalArrivalsPeakAndTroughWhereTheCosineSays() {
        // mean 100/h, amplitude 0.5, peak 6 h after the warm-up, over 200 days
        JobSpec diurnal = jobs(100, new ArrivalSpec.Diurnal(0.5, 24 * HOUR, 6 * HOUR));
        List<JobArrivals.Arrival> got = arrivals(3, diurnal, 24 * 200);
        assertCount(100 * 24 * 200, got.size(), 5);
        long[] byHour = new long[24];
        for (JobArrivals.Arrival a : got) {
            byHour[(int) ((a.atNanos() - FROM) / HOUR % 24)]++;
        }
        // the two hours around the peak (5..7 h) and around the trough (17..19 h): rate 1 +- 0.5 * 0.9886
        double c = Math.sin(Math.PI / 12) / (Math.PI / 12);
        long peak = byHour[5] + byHour[6];
        long trough = byHour[17] + byHour[18];
        assertCount(100 * 2 * 200 * (1 + 0.5 * c), peak, 5);
        assertCount(100 * 2 * 200 * (1 - 0.5 * c), trough, 5);
        double ratio = (double) peak / trough;
        double expected = (1 + 0.5 * c) / (1 - 0.5 * c);
        assertTrue(Math.abs(ratio - expected) < 0.1, "peak/trough " + ratio + ", expected " + expected);
        for (int h = 0; h < 24; h++) {
            // every hour's count follows the hour's mean rate, the integral of the cosine over it
            double rate = 1 + 0.5 * (Math.sin(2 * Math.PI * (h + 1 - 6) / 24) - Math.sin(2 * Math.PI * (h - 6) / 24))
                    * 24 / (2 * Math.PI);
            assertCount(100 * 200 * rate, byHour[h], 5);
        }
    }

    @Test
    void diurnalWithoutAmplitudeIsPoisson() {
        List<JobArrivals.Arrival> got = arrivals(4, jobs(600, new ArrivalSpec.Diurnal(0, 24 * HOUR, 0)), 500);
        assertCount(300_000, got.size(), 5);
        double d = dispersion(counts(got, HOUR / 6, 3000));
        assertTrue(d > 0.9 && d < 1.1, "constant rate: " + d);
    }

    @Test
    void traceArrivalsAreExactlyTheRowsBeforeTheEnd() {
        ArrivalSpec.Trace trace = new ArrivalSpec.Trace(Path.of("/trace.csv"), List.of(
                new ArrivalSpec.TraceJob(0, 0, 0),
                new ArrivalSpec.TraceJob(S / 2, 64L << 30, 0),
                new ArrivalSpec.TraceJob(S / 2, 0, 90 * S),
                new ArrivalSpec.TraceJob(HOUR - 1, 0, 0),
                new ArrivalSpec.TraceJob(HOUR, 0, 0)));
        assertEquals(List.of(
                new JobArrivals.Arrival(FROM, 0, 0),
                new JobArrivals.Arrival(FROM + S / 2, 64L << 30, 0),
                new JobArrivals.Arrival(FROM + S / 2, 0, 90 * S),
                new JobArrivals.Arrival(FROM + HOUR - 1, 0, 0)), arrivals(9, jobs(0, trace), 1),
                "offsets from the warm-up's end, the last row at the run's end left out");
    }

    @Test
    void aRateTooSmallToArriveNeverWrapsAround() {
        assertEquals(List.of(), arrivals(1, jobs(1e-300, new ArrivalSpec.Poisson()), 24 * 365));
        assertEquals(Long.MAX_VALUE, JobArrivals.after(Long.MAX_VALUE - 5, 6));
    }
}
