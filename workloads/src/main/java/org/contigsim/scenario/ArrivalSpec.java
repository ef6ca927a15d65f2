package org.contigsim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.contigsim.base.Labelled;

/**
 * The process by which jobs arrive ({@code jobs.arrivals}). The rate processes take their base
 * rate from {@link JobSpec#arrivalsPerHour()}; times are counted from the end of the warm-up, when
 * the first job may arrive.
 */
public sealed interface ArrivalSpec {
    /**
     * The processes, as {@code jobs.arrivals.process} names them, each with the keys of
     * {@code jobs.arrivals} it takes besides {@code process}; the first is the default.
     */
    enum Process implements Labelled {
        POISSON("poisson", List.of()),
        BURSTY("bursty", List.of("burst-per-hour", "calm-for", "burst-for")),
        DIURNAL("diurnal", List.of("amplitude", "period", "peak")),
        TRACE("trace", List.of("file"));

        private final String label;
        private final List<String> keys;

        Process(String label, List<String> keys) {
            this.label = label;
            this.keys = keys;
        }

        @Override
        public String label() {
            return label;
        }

        /** The keys of {@code jobs.arrivals} this process takes besides {@code process}. */
        public List<String> keys() {
            return keys;
        }
    }

    /** This spec's process. */
    Process process();

    /** Independent arrivals at a constant rate: arrivals-per-hour. */
    record Poisson() implements ArrivalSpec {
        @Override
        public Process process() {
            return Process.POISSON;
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
        public Process process() {
            return Process.BURSTY;
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
        public Process process() {
            return Process.DIURNAL;
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
        public Process process() {
            return Process.TRACE;
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
