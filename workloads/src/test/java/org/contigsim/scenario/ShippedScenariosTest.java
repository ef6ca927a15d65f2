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
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scenarios in {@code workloads/scenarios/} parse to what their comments and docs/scenarios.md say. */
class ShippedScenariosTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    private static final Path SCENARIOS = Path.of("..", "workloads", "scenarios");
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void quickstartIsSixteenAgedHostsWithTwentyOneMinuteEpochsOfJobs() {
        Scenario s = ScenarioParser.parse(SCENARIOS.resolve("quickstart.conf"));
        assertEquals(new Scenario("quickstart", 16, new HostSpec(64L << 30, 1, KernelVersion.V6_15, CX5), "fragmenting",
                15 * MINUTE, 20 * MINUTE, MINUTE, new JobSpec(120, 2, 4L << 30, 1L << 20, AccessPattern.RANDOM,
                        2L << 40, 5 * MINUTE, BufferPolicy.Kind.CONTIG_RANGE, PlacementPolicy.Named.FIRST_FIT, 4L << 30,
                        Contiguity.STRICT)), s);
        assertEquals(20, s.durationNanos() / s.epochNanos());
    }

    @Test
    void theDocsShowTheQuickstartAsShipped() throws IOException {
        String shipped = Files.readString(SCENARIOS.resolve("quickstart.conf"));
        String docs = Files.readString(Path.of("..", "docs", "scenarios.md"));
        String example = docs.substring(docs.indexOf("```hocon\n", docs.indexOf("## Example: `workloads/scenarios/quickstart.conf`"))
                + "```hocon\n".length());
        example = example.substring(0, example.indexOf("```"));
        assertEquals(shipped.substring(shipped.indexOf("name = quickstart")), example,
                "docs/scenarios.md shows quickstart.conf from its first key on");
    }

    @Test
    void tinyIsFourSmallHostsWithFrequentSmallJobs() {
        Scenario s = ScenarioParser.parse(SCENARIOS.resolve("tiny.conf"));
        assertEquals(new Scenario("tiny", 4, new HostSpec(1L << 30, 1, KernelVersion.V6_15, CX5), "fragmenting",
                2 * MINUTE, 4 * MINUTE, MINUTE / 2, new JobSpec(600, 2, 16L << 20, 64L << 10, AccessPattern.RANDOM,
                        64L << 30, MINUTE, BufferPolicy.Kind.CONTIG_RANGE, PlacementPolicy.Named.FIRST_FIT, 16L << 20,
                        Contiguity.STRICT)), s);
    }
}
