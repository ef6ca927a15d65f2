package org.contigsim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The process by which jobs arrive ({@code jobs.arrivals}). The rate processes take their base
 * rate from {@link JobSpec#arrivalsPerHour()}; times are counted from the end of the warm-up, when
 * the first job may arrive.
 */
public sealed interface ArrivalSpec {
    /** The processes, as {@code jobs.arrivals.process} names them. */
    List<String> PROCESSES = List.of("poisson", "bursty", "diurnal", "trace");

    /** What the scenario calls this process. */
    String process();

    /** Independent arrivals at a constant rate: arrivals-per-hour. */
    record Poisson() implements ArrivalSpec {
        @Override
        public String process() {
            return "poisson";
        }
    }

    /**
     * A two-state Markov-modulated Poisson process: calm stretches at arrivals-per-hour alternate
     * with bursts at {@code burstPerHour}; each state lasts an exponentially distributed time.
     *
     * @param burstPerHour arrival rate during a burst, per simulated hour, 0..1e6
     * @param calmNanos mean length of a calm stretch, 1s..365d
     * @param burstNanos mean length of a burst, 1s..365d
     */
    record Bursty(double burstPerHour, long calmNanos, long burstNanos) implements ArrivalSpec {
        @Override
        public String process() {
            return "bursty";
        }
    }

    /**
     * A Poisson process whose rate follows the day:
     * {@code rate(t) = arrivalsPerHour * (1 + amplitude * cos(2 pi (t - peak) / period))}.
     *
     * @param amplitude 0..1 (0: constant rate; 1: no arrivals at the trough)
     * @param periodNanos length of one cycle, 1ns..365d
     * @param peakNanos when in the cycle the rate peaks, after the end of the warm-up, 0..period
     *     (exclusive)
     */
    record Diurnal(double amplitude, long periodNanos, long peakNanos) implements ArrivalSpec {
        @Override
        public String process() {
            return "diurnal";
        }
    }

    /**
     * Arrivals replayed from a CSV file (docs/scenarios.md), read and checked with the scenario.
     *
     * @param file the CSV file, absolute, so a rendered scenario finds it from anywhere
     * @param jobs its rows in file order: arrival times never decrease
     */
    record Trace(Path file, List<TraceJob> jobs) implements ArrivalSpec {
        public Trace {
            Objects.requireNonNull(file, "file");
            jobs = List.copyOf(jobs);
        }

        @Override
        public String process() {
            return "trace";
        }

        /** The file and the number of jobs: a trace may hold millions of rows. */
        @Override
        public String toString() {
            return "Trace[file=" + file + ", jobs=" + jobs.size() + "]";
        }
    }

    /**
     * One row of a trace.
     *
     * @param atNanos arrival, simulated nanoseconds after the end of the warm-up
     * @param bytes data this job moves, or 0 for the scenario's jobs.bytes or jobs.duration
     * @param durationNanos how long this job holds its buffers, or 0 for the scenario's
     *     jobs.bytes or jobs.duration; at most one of bytes and durationNanos is set
     */
    record TraceJob(long atNanos, long bytes, long durationNanos) {
    }
}
