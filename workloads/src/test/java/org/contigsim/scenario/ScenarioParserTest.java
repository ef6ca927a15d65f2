package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.placement.PlacementPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Valid scenario files: every key read with its unit, and every default filled in. */
class ScenarioParserTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final long MINUTE = 60_000_000_000L;
    private static final long HOUR = 60 * MINUTE;

    @TempDir
    Path dir;

    private Scenario parse(String fileName, String text) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        return ScenarioParser.parse(file);
    }

    @Test
    void shouldFillEveryDefaultAroundTheTwoRequiredKeys() throws IOException {
        Scenario s = parse("minimal.conf", "hosts = 3\nduration = 1h\n");
        assertEquals(new Scenario("minimal", 3, new HostSpec(64 * GIB, 1, KernelVersion.V6_15, CX5), "fragmenting",
                0, HOUR, MINUTE, new JobSpec(60, 2, GIB, MIB, AccessPattern.RANDOM, 1L << 40, 10 * MINUTE,
                        BufferPolicy.Kind.CONTIG_RANGE, PlacementPolicy.Named.FIRST_FIT, GIB, Contiguity.STRICT)), s);
    }

    @Test
    void shouldReadEveryKeyWithItsUnit() throws IOException {
        Scenario s = parse("full.conf", """
                name = "all keys"
                hosts = 100000
                host {
                  memory = 3GiB
                  nodes = 2
                  kernel = "6.1"
                  nic = connectx5-edr
                }
                background = idle
                warmup = 90s
                duration = 2d
                epoch = 500ms
                jobs {
                  arrivals-per-hour = 0.25
                  hosts-per-job = 64
                  buffer = 12KiB
                  message = 100
                  pattern = perftest
                  bytes = 1.5TiB
                  max-wait = 0
                  policy = contig-range
                }
                """);
        assertEquals(new Scenario("all keys", 100_000, new HostSpec(3 * GIB, 2, KernelVersion.V6_1, CX5), "idle",
                90_000_000_000L, 48 * HOUR, 500_000_000L, new JobSpec(0.25, 64, 12 * 1024, 100,
                        AccessPattern.PERFTEST, 3L << 39, 0, BufferPolicy.Kind.CONTIG_RANGE,
                        PlacementPolicy.Named.FIRST_FIT, 12 * 1024, Contiguity.STRICT)), s);
    }

    @Test
    void shouldAcceptQuotedNumbersAndBareKernelVersions() throws IOException {
        Scenario s = parse("quoted.conf", """
                hosts = "7"
                host { memory = 1073741824, nodes = "1", kernel = 6.1 }
                duration = "30m"
                jobs { arrivals-per-hour = "12.5", hosts-per-job = 7 }
                """);
        assertEquals(7, s.hosts());
        assertEquals(new HostSpec(GIB, 1, KernelVersion.V6_1, CX5), s.host());
        assertEquals(12.5, s.jobs().arrivalsPerHour());
        assertEquals(7, s.jobs().hostsPerJob());
    }

    @Test
    void shouldNameTheScenarioAfterItsFileUnlessGiven() throws IOException {
        assertEquals("night-shift", parse("night-shift.conf", "hosts = 1\nduration = 1h\njobs.hosts-per-job = 1\n").name());
        assertEquals("plain", parse("plain", "hosts = 1\nduration = 1h\njobs.hosts-per-job = 1\n").name());
        assertEquals("given", parse("x.conf", "name = given\nhosts = 2\nduration = 1h\n").name());
    }

    @Test
    void shouldResolveSubstitutionsWithinTheFile() throws IOException {
        Scenario s = parse("subst.conf", "hosts = 4\nduration = 2h\nepoch = ${duration}\njobs { hosts-per-job = ${hosts} }\n");
        assertEquals(2 * HOUR, s.epochNanos());
        assertEquals(4, s.jobs().hostsPerJob());
    }

    @Test
    void shouldReadIncludedFilesRelativeToTheIncludingFile() throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/host.conf"), "host { memory = 8GiB }\ninclude \"jobs.conf\"\n");
        Files.writeString(dir.resolve("parts/jobs.conf"), "jobs { buffer = 2GiB }\n");
        Scenario s = parse("main.conf", "hosts = 2\ninclude \"parts/host.conf\"\nduration = 1h\n");
        assertEquals(8 * GIB, s.host().memoryBytes());
        assertEquals(2 * GIB, s.jobs().bufferBytes());
    }

    @Test
    void shouldAcceptTheLimitsOfEveryRange() throws IOException {
        Scenario s = parse("limits.conf", """
                hosts = 1
                host { memory = 4TiB, nodes = 64 }
                warmup = 365d
                duration = 365d
                epoch = 365d
                jobs { arrivals-per-hour = 1000000, hosts-per-job = 1, buffer = 4TiB, message = 1, bytes = 1 }
                """);
        assertEquals(4L << 40, s.host().memoryBytes());
        assertEquals(64, s.host().nodes());
        assertEquals(365 * 24 * HOUR, s.warmupNanos());
        assertEquals(1e6, s.jobs().arrivalsPerHour());
        assertEquals(1, s.jobs().messageBytes());
    }
}
