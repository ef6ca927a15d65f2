package org.contigsim.scenario;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.Section;

/**
 * Reads {@code jobs.arrivals}: the arrival process and the keys of that process alone (a key of
 * another process is an error, not silently ignored). A trace's CSV file is read and checked here,
 * with the rest of the scenario, by {@link TraceFile}.
 */
final class ArrivalsParser {
    static final List<String> KEYS = List.of("process", "burst-per-hour", "calm-for", "burst-for", "amplitude",
            "period", "peak", "file");

    private ArrivalsParser() {
    }

    /** The process of the jobs section {@code jobs}. */
    static ArrivalSpec parse(Section jobs) {
        Section a = jobs.section("arrivals");
        a.allowOnly(KEYS);
        ArrivalSpec.Process process = a.field("process", "an arrival process", ArrivalSpec.Process.POISSON.label())
                .oneOf(ArrivalSpec.Process.values(), "an arrival process");
        for (String key : KEYS) {
            if (a.has(key) && !key.equals("process") && !process.keys().contains(key)) {
                throw a.field(key, "a value", null).error("only for process = " + owner(key).label() + " (process is "
                        + process.label() + ")");
            }
        }
        return switch (process) {
            case BURSTY -> new ArrivalSpec.Bursty(
                    a.required("burst-per-hour", "a number", "job arrivals per simulated hour during a burst")
                            .decimal(0, ScenarioParser.MAX_ARRIVALS_PER_HOUR),
                    stay(a.field("calm-for", "a duration", "1h")),
                    stay(a.field("burst-for", "a duration", "5m")));
            case DIURNAL -> diurnal(a);
            case TRACE -> trace(jobs, a);
            case POISSON -> new ArrivalSpec.Poisson();
        };
    }

    private static ArrivalSpec.Process owner(String key) {
        for (ArrivalSpec.Process p : ArrivalSpec.Process.values()) {
            if (p.keys().contains(key)) {
                return p;
            }
        }
        throw new IllegalStateException(key);
    }

    /**
     * A mean calm or burst stretch: 1s to 365d. Each change of state costs the arrival stream a
     * step, so stretches far shorter than an epoch would cost time and mean nothing.
     */
    private static long stay(Field f) {
        long nanos = f.nanos();
        if (nanos < 1_000_000_000L || nanos > ScenarioParser.MAX_RUN_NANOS) {
            throw f.outOfRange("1s", DurationText.format(ScenarioParser.MAX_RUN_NANOS));
        }
        return nanos;
    }

    /** A period: 1ns to 365d. */
    private static long meanTime(Field f) {
        long nanos = f.nanos();
        if (nanos < 1 || nanos > ScenarioParser.MAX_RUN_NANOS) {
            throw f.outOfRange("1ns", DurationText.format(ScenarioParser.MAX_RUN_NANOS));
        }
        return nanos;
    }

    private static ArrivalSpec diurnal(Section a) {
        // at most 1, so the rate never goes below zero
        double amplitude = a.field("amplitude", "a number", "0.5").decimal(0, 1);
        long period = meanTime(a.field("period", "a duration", "24h"));
        Field peakField = a.field("peak", "a duration", "0s");
        long peak = peakField.nanos();
        if (peak >= period) {
            throw peakField.error(peakField.shown() + " is not less than jobs.arrivals.period ("
                    + DurationText.format(period) + ")");
        }
        return new ArrivalSpec.Diurnal(amplitude, period, peak);
    }

    private static ArrivalSpec trace(Section jobs, Section a) {
        if (jobs.has("arrivals-per-hour")) {
            throw jobs.field("arrivals-per-hour", "a number", null).error("not used with jobs.arrivals.process = "
                    + "trace (the trace gives every arrival)");
        }
        Field f = a.required("file", "a file name", "the CSV file of arrival times, for process = trace");
        if (f.text().isEmpty()) {
            throw f.error("expected a file name, found " + f.quoted());
        }
        Path file;
        try {
            // relative to the file that names it, which may be an included one
            Path dir = Path.of(f.location().file()).getParent();
            file = dir == null ? Path.of(f.text()) : dir.resolve(f.text());
        } catch (InvalidPathException e) {
            throw f.error(f.quoted() + " is not a file name");
        }
        String problem = HoconReader.unreadable(file);
        if (problem != null) {
            throw f.error(file + ": " + problem);
        }
        return new ArrivalSpec.Trace(file.toAbsolutePath().normalize(), TraceFile.read(file));
    }
}
