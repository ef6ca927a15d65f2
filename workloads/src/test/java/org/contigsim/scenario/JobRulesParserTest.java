package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jobs.arrivals (processes and traces), jobs.retry and jobs.duration: what they read as, every
 * error one line naming its file, line (and column, in a trace) and key, and the round trip
 * through {@link Scenario#render()}.
 */
class JobRulesParserTest {
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";
    private static final long S = 1_000_000_000L;
    private static final long MINUTE = 60 * S;
    private static final long HOUR = 60 * MINUTE;

    @TempDir
    Path dir;

    private ScenarioFile file;

    @BeforeEach
    void setUp() {
        file = new ScenarioFile(dir.resolve("bad.conf"));
    }

    private Scenario parse(String text) throws IOException {
        return new ScenarioFile(dir.resolve("jobs.conf")).parse(text);
    }

    private String error(String text) throws IOException {
        return file.error(text);
    }

    private String at(int line, String rest) {
        return file.at(line, rest);
    }

    private Path trace(String name, String text) throws IOException {
        Path t = dir.resolve(name);
        Files.writeString(t, text);
        return t;
    }

    /** The error for a trace file of {@code text}, named by a scenario that is otherwise fine. */
    private String traceError(String text) throws IOException {
        trace("arrivals.csv", text);
        return error(REQUIRED + "jobs.arrivals { process = trace, file = arrivals.csv }\n");
    }

    private String traceAt(int line, int column, String rest) {
        return dir.resolve("arrivals.csv") + ":" + line + ":" + column + ": " + rest;
    }

    // ------------------------------------------------------------------ what valid files read as

    @Test
    void shouldDefaultToPoissonArrivalsRetriesEveryEpochAndJobsBoundedByBytes() throws IOException {
        JobSpec j = parse(REQUIRED).jobs();
        assertEquals(new ArrivalSpec.Poisson(), j.arrivals());
        assertEquals(RetrySpec.EVERY_EPOCH, j.retry());
        assertEquals(1L << 40, j.bytesPerJob());
        assertEquals(0, j.durationNanos());
        assertEquals(j, parse(REQUIRED + "jobs.arrivals.process = poisson\n").jobs(), "poisson is the default");
    }

    @Test
    void shouldReadEveryProcessWithItsOwnKeys() throws IOException {
        JobSpec bursty = parse(REQUIRED + """
                jobs {
                  arrivals-per-hour = 6
                  arrivals { process = bursty, burst-per-hour = 600, calm-for = 50m, burst-for = 90s }
                }
                """).jobs();
        assertEquals(6, bursty.arrivalsPerHour(), "the calm rate");
        assertEquals(new ArrivalSpec.Bursty(600, 50 * MINUTE, 90 * S), bursty.arrivals());
        assertEquals(new ArrivalSpec.Bursty(60, HOUR, 5 * MINUTE),
                parse(REQUIRED + "jobs.arrivals { process = bursty, burst-per-hour = 60 }\n").jobs().arrivals());
        assertEquals(new ArrivalSpec.Diurnal(0.8, 12 * HOUR, 3 * HOUR), parse(REQUIRED
                + "jobs.arrivals { process = diurnal, amplitude = 0.8, period = 12h, peak = 3h }\n").jobs().arrivals());
        assertEquals(new ArrivalSpec.Diurnal(0.5, 24 * HOUR, 0),
                parse(REQUIRED + "jobs.arrivals.process = diurnal\n").jobs().arrivals());
    }

    @Test
    void shouldReadATraceRelativeToTheFileThatNamesIt() throws IOException {
        Files.createDirectories(dir.resolve("traces"));
        trace("traces/day.csv", """
                # arrivals of one afternoon
                arrival_s, bytes ,duration

                0,,
                0.5,64GiB,
                  12.000000001 , , 90s
                12.000000001,1,
                """);
        Files.writeString(dir.resolve("traces/jobs-part.conf"), "jobs.arrivals { process = trace, file = day.csv }\n");
        JobSpec j = parse(REQUIRED + "include \"traces/jobs-part.conf\"\n").jobs();
        assertEquals(new ArrivalSpec.Trace(dir.resolve("traces/day.csv").toAbsolutePath().normalize(), List.of(
                new ArrivalSpec.TraceJob(0, 0, 0),
                new ArrivalSpec.TraceJob(S / 2, 64L << 30, 0),
                new ArrivalSpec.TraceJob(12 * S + 1, 0, 90 * S),
                new ArrivalSpec.TraceJob(12 * S + 1, 1, 0))), j.arrivals());
        assertEquals(0, j.arrivalsPerHour(), "a trace has no rate");
    }

    @Test
    void shouldReadRetryRulesAndJobsBoundedByDuration() throws IOException {
        JobSpec j = parse(REQUIRED + """
                jobs {
                  duration = 90s
                  retry { max-attempts = 3, backoff = 30s, backoff-factor = 2.5 }
                }
                """).jobs();
        assertEquals(new RetrySpec(3, 30 * S, 2.5), j.retry());
        assertEquals(90 * S, j.durationNanos());
        assertEquals(0, j.bytesPerJob(), "bounded by duration, not bytes");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void shouldRejectUnknownProcessesAndKeysOfAnotherProcess() throws IOException {
        assertEquals(at(3, "jobs.arrivals.process: \"steady\" is not an arrival process (known: poisson, bursty, "
                + "diurnal, trace)"), error(REQUIRED + "jobs.arrivals.process = steady\n"));
        assertEquals(at(4, "jobs.arrivals.peak: only for process = diurnal (process is bursty)"),
                error(REQUIRED + "jobs.arrivals {\n  peak = 1h\n  process = bursty\n  burst-per-hour = 6\n}\n"));
        assertEquals(at(3, "jobs.arrivals.burst-per-hour: only for process = bursty (process is poisson)"),
                error(REQUIRED + "jobs.arrivals.burst-per-hour = 6\n"));
        assertEquals(at(3, "jobs.arrivals.file: only for process = trace (process is diurnal)"),
                error(REQUIRED + "jobs.arrivals { process = diurnal, file = a.csv }\n"));
        assertEquals(at(3, "jobs.arrivals.rate: unknown key (known: amplitude, burst-for, burst-per-hour, calm-for, "
                + "file, peak, period, process)"), error(REQUIRED + "jobs.arrivals.rate = 6\n"));
        assertEquals(at(3, "jobs.arrivals: expected an object, found \"poisson\""),
                error(REQUIRED + "jobs.arrivals = poisson\n"));
    }

    @Test
    void shouldCheckBurstyKeys() throws IOException {
        assertEquals(file(": jobs.arrivals.burst-per-hour: missing (job arrivals per simulated hour during a burst)"),
                error(REQUIRED + "jobs.arrivals.process = bursty\n"));
        assertEquals(at(3, "jobs.arrivals.burst-per-hour: 2e6 is out of range (0 to 1000000)"),
                error(REQUIRED + "jobs.arrivals { process = bursty, burst-per-hour = \"2e6\" }\n"));
        assertEquals(at(3, "jobs.arrivals.calm-for: 500ms is out of range (1s to 365d)"),
                error(REQUIRED + "jobs.arrivals { process = bursty, burst-per-hour = 6, calm-for = 500ms }\n"));
        assertEquals(at(3, "jobs.arrivals.burst-for: 366d is out of range (1s to 365d)"),
                error(REQUIRED + "jobs.arrivals { process = bursty, burst-per-hour = 6, burst-for = 366d }\n"));
        assertEquals(at(3, "jobs.arrivals.burst-for: expected a duration, found a list"),
                error(REQUIRED + "jobs.arrivals { process = bursty, burst-per-hour = 6, burst-for = [1m] }\n"));
    }

    @Test
    void shouldCheckDiurnalKeys() throws IOException {
        assertEquals(at(3, "jobs.arrivals.amplitude: 1.5 is out of range (0 to 1)"),
                error(REQUIRED + "jobs.arrivals { process = diurnal, amplitude = 1.5 }\n"));
        assertEquals(at(3, "jobs.arrivals.amplitude: expected a number, found \"high\""),
                error(REQUIRED + "jobs.arrivals { process = diurnal, amplitude = high }\n"));
        assertEquals(at(3, "jobs.arrivals.period: 0s is out of range (1ns to 365d)"),
                error(REQUIRED + "jobs.arrivals { process = diurnal, period = 0s }\n"));
        assertEquals(at(3, "jobs.arrivals.peak: 24h is not less than jobs.arrivals.period (1d)"),
                error(REQUIRED + "jobs.arrivals { process = diurnal, peak = 24h }\n"));
        assertEquals(at(3, "jobs.arrivals.peak: '-1h' is negative"),
                error(REQUIRED + "jobs.arrivals { process = diurnal, peak = -1h }\n"));
    }

    @Test
    void shouldCheckTheTraceKeys() throws IOException {
        assertEquals(file(": jobs.arrivals.file: missing (the CSV file of arrival times, for process = trace)"),
                error(REQUIRED + "jobs.arrivals.process = trace\n"));
        assertEquals(at(3, "jobs.arrivals.file: " + dir.resolve("nope.csv") + ": no such file"),
                error(REQUIRED + "jobs.arrivals { process = trace, file = nope.csv }\n"));
        assertEquals(at(3, "jobs.arrivals.file: " + dir.resolve(".") + ": is a directory"),
                error(REQUIRED + "jobs.arrivals { process = trace, file = \".\" }\n"));
        assertEquals(at(3, "jobs.arrivals.file: expected a file name, found \"\""),
                error(REQUIRED + "jobs.arrivals { process = trace, file = \"\" }\n"));
        trace("a.csv", "arrival_s\n1\n");
        assertEquals(at(3, "jobs.arrivals-per-hour: not used with jobs.arrivals.process = trace (the trace gives "
                + "every arrival)"), error(REQUIRED + "jobs.arrivals-per-hour = 60\njobs.arrivals { process = trace, "
                + "file = a.csv }\n"));
    }

    @Test
    void shouldNameTheTraceLineAndColumnOfEveryProblem() throws IOException {
        assertEquals(dir.resolve("arrivals.csv") + ": no header line (expected arrival_s, optionally bytes and "
                + "duration)", traceError("# nothing\n\n"));
        assertEquals(traceAt(2, 12, "\"size\" is not a column (known: arrival_s, bytes, duration)"),
                traceError("# jobs\narrival_s, size\n"));
        assertEquals(traceAt(1, 7, "column bytes given twice"), traceError("bytes,bytes,arrival_s\n"));
        assertEquals(traceAt(1, 1, "no arrival_s column (the header names the columns: arrival_s, optionally bytes "
                + "and duration)"), traceError("bytes\n"));
        assertEquals(traceAt(3, 5, "expected 2 cells (arrival_s,bytes), found 3"),
                traceError("arrival_s,bytes\n1,1GiB\n2,3,4\n"));
        assertEquals(traceAt(2, 2, "expected 2 cells (arrival_s,bytes), found 1"), traceError("arrival_s,bytes\n1\n"));
        assertEquals(traceAt(2, 3, "arrival_s: expected seconds after the warm-up (such as 12.5), found \"1m\""),
                traceError("arrival_s\n  1m\n"));
        assertEquals(traceAt(2, 1, "arrival_s: expected seconds after the warm-up (such as 12.5), found \"-1\""),
                traceError("arrival_s\n-1\n"));
        assertEquals(traceAt(2, 1, "arrival_s: '0.0000000001' is finer than a nanosecond"),
                traceError("arrival_s\n0.0000000001\n"));
        assertEquals(traceAt(2, 1, "arrival_s: 31536001 is out of range (0 to 365d)"),
                traceError("arrival_s\n31536001\n"));
        assertEquals(traceAt(4, 1, "arrival_s: 1.5 is before the arrival on line 2"),
                traceError("arrival_s\n2\n# a comment between rows\n1.5\n"));
        assertEquals(traceAt(2, 3, "bytes: '4GB': use binary units (KiB, MiB, GiB, TiB), not GB"),
                traceError("arrival_s,bytes\n1,4GB\n"));
        assertEquals(traceAt(2, 3, "bytes: 0 is out of range (at least 1B)"), traceError("arrival_s,bytes\n1,0\n"));
        assertEquals(traceAt(2, 3, "duration: '10 minutes' has an unknown unit 'minutes' (use ms, s, m, h or d)"),
                traceError("arrival_s,duration\n1,10 minutes\n"));
        assertEquals(traceAt(2, 3, "duration: 0s is out of range (1ns to 365d)"),
                traceError("arrival_s,duration\n1,0s\n"));
        assertEquals(traceAt(2, 8, "duration: and bytes (column 3) both given: a job moves bytes or runs for a "
                + "duration, not both"), traceError("arrival_s,bytes,duration\n1,1GiB,1m\n"));
    }

    @Test
    void shouldCheckRetryKeys() throws IOException {
        assertEquals(at(3, "jobs.retry.attempts: unknown key (known: backoff, backoff-factor, max-attempts)"),
                error(REQUIRED + "jobs.retry.attempts = 3\n"));
        assertEquals(at(3, "jobs.retry.max-attempts: -1 is out of range (0 to 1000000)"),
                error(REQUIRED + "jobs.retry.max-attempts = -1\n"));
        assertEquals(at(3, "jobs.retry.max-attempts: expected a whole number, found 2.5"),
                error(REQUIRED + "jobs.retry.max-attempts = 2.5\n"));
        assertEquals(at(3, "jobs.retry.backoff: 366d is out of range (0 to 365d)"),
                error(REQUIRED + "jobs.retry.backoff = 366d\n"));
        assertEquals(at(3, "jobs.retry.backoff: '-5s' is negative"), error(REQUIRED + "jobs.retry.backoff = -5s\n"));
        assertEquals(at(3, "jobs.retry.backoff-factor: 0.5 is out of range (1 to 1000)"),
                error(REQUIRED + "jobs.retry.backoff-factor = 0.5\n"));
        assertEquals(at(3, "jobs.retry: expected an object, found 3"), error(REQUIRED + "jobs.retry = 3\n"));
    }

    @Test
    void shouldRefuseBytesAndDurationTogether() throws IOException {
        assertEquals(at(5, "jobs.duration: jobs.bytes is given too: a job moves jobs.bytes or runs for jobs.duration, "
                + "not both"), error(REQUIRED + "jobs {\n  bytes = 1TiB\n  duration = 1h\n}\n"));
        assertEquals(at(3, "jobs.duration: 0 is out of range (1ns to 365d)"), error(REQUIRED + "jobs.duration = 0\n"));
        assertEquals(at(3, "jobs.duration: expected a duration, found an object"),
                error(REQUIRED + "jobs.duration { a = 1 }\n"));
    }

    private String file(String rest) {
        return file.path + rest;
    }

    // ------------------------------------------------------------------ the round trip

    private Scenario roundTrip(Scenario s) throws IOException {
        // in another directory than the trace: the rendered file names it absolutely
        Path other = Files.createDirectories(dir.resolve("rendered"));
        Path f = other.resolve("rendered.conf");
        Files.writeString(f, s.render());
        return ScenarioParser.parse(f);
    }

    @Test
    void shouldRenderOnlyTheChosenProcessesKeys() throws IOException {
        Scenario s = parse(REQUIRED + """
                jobs {
                  arrivals-per-hour = 6
                  arrivals { process = bursty, burst-per-hour = 0.5, calm-for = 50m, burst-for = 90s }
                  duration = 10m
                  retry { max-attempts = 3, backoff = 30s, backoff-factor = 1.5 }
                }
                """);
        String r = s.render();
        String jobs = r.substring(r.indexOf("jobs {"), r.indexOf("policies {"));
        assertEquals("""
                jobs {
                  arrivals-per-hour = 6
                  arrivals {
                    process = bursty
                    burst-per-hour = 0.5
                    calm-for = 50m
                    burst-for = 90s
                  }
                  hosts-per-job = 2
                  buffer = 1GiB
                  message = 1MiB
                  pattern = random
                  duration = 10m
                  max-wait = 10m
                  retry {
                    max-attempts = 3
                    backoff = 30s
                    backoff-factor = 1.5
                  }
                  policy = "contig-range"
                  placement = "first-fit"
                  min-chunk = 1GiB
                  contiguity = strict
                }
                """, jobs);
        assertEquals(s, roundTrip(s));
    }

    @Test
    void traceScenariosSurviveTheRoundTripFromAnotherDirectory() throws IOException {
        trace("arrivals.csv", "arrival_s,duration,bytes\n1,,\n2.5,1h,\n3,,2TiB\n");
        Scenario s = parse(REQUIRED + "jobs.arrivals { process = trace, file = arrivals.csv }\n");
        assertFalse(s.render().contains("arrivals-per-hour"), s.render());
        assertEquals(s, roundTrip(s));
    }

    /** Random valid scenarios with a random process, retry rule and bound: the seeds are fixed. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomJobRulesSurviveTheRoundTrip(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Scenario base = ScenarioRenderTest.random(r);
        JobSpec j = base.jobs();
        long day = 86_400 * S;
        ArrivalSpec process = switch (r.nextInt(3)) {
            case 0 -> new ArrivalSpec.Poisson();
            case 1 -> new ArrivalSpec.Bursty(r.nextInt(2) == 0 ? 0 : r.nextDouble() * 1e6, S * (1 + r.nextLong(365 * 86_400)),
                    S + r.nextLong(365 * day - S + 1));
            default -> {
                long period = 1 + r.nextLong(365 * day);
                yield new ArrivalSpec.Diurnal(r.nextInt(3) == 0 ? r.nextInt(2) : r.nextDouble(), period,
                        r.nextLong(period));
            }
        };
        RetrySpec retry = new RetrySpec(r.nextInt(1_000_001), r.nextLong(365 * day + 1),
                r.nextBoolean() ? 1 + r.nextInt(1000) : 1 + r.nextDouble() * 999);
        boolean byDuration = r.nextBoolean();
        JobSpec jobs = new JobSpec(j.arrivalsPerHour(), j.hostsPerJob(), j.bufferBytes(), j.messageBytes(), j.pattern(),
                byDuration ? 0 : j.bytesPerJob(), j.maxWaitNanos(), j.policy(), j.placement(), j.minChunkBytes(),
                j.contiguity(), process, retry, byDuration ? 1 + r.nextLong(365 * day) : 0);
        Scenario s = new Scenario(base.name(), base.hosts(), base.host(), base.background(), base.warmupNanos(),
                base.durationNanos(), base.epochNanos(), jobs, base.policies(), base.classes());
        assertEquals(s, roundTrip(s), s.render());
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }
}
