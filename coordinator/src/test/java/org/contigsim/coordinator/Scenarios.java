package org.contigsim.coordinator;

import java.nio.file.Path;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.JobSpec;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioParser;

/** Small scenarios for tests. */
final class Scenarios {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    static final long MIB = 1 << 20;
    static final long SECOND = 1_000_000_000L;

    private Scenarios() {
    }

    /** The shipped test scenario: 4 hosts of 1 GiB, 6 simulated minutes, 30 s epochs. */
    static Scenario tiny() {
        return ScenarioParser.parse(Path.of("../workloads/scenarios/tiny.conf"));
    }

    /** The tiny scenario with another placement policy. */
    static Scenario tinyWith(PlacementPolicy placement) {
        return tinyWith(placement, tiny().jobs().policy(), tiny().jobs().contiguity());
    }

    /** The tiny scenario with other placement, buffer policy and contiguity. */
    static Scenario tinyWith(PlacementPolicy placement, BufferPolicy.Kind policy, Contiguity contiguity) {
        Scenario t = tiny();
        JobSpec j = t.jobs();
        return new Scenario(t.name(), t.hosts(), t.host(), t.background(), t.warmupNanos(), t.durationNanos(),
                t.epochNanos(), new JobSpec(j.arrivalsPerHour(), j.hostsPerJob(), j.bufferBytes(), j.messageBytes(),
                        j.pattern(), j.bytesPerJob(), j.maxWaitNanos(), policy, placement, j.minChunkBytes(),
                        contiguity));
    }

    /** {@code hosts} hosts of 256 MiB with no background load, jobs of {@code perHour}. */
    static Scenario quiet(int hosts, double perHour, long warmupSeconds, long durationSeconds, long epochSeconds) {
        return new Scenario("quiet", hosts, new HostSpec(256 * MIB, 1, KernelVersion.V6_15, CX5), "idle",
                warmupSeconds * SECOND, durationSeconds * SECOND, epochSeconds * SECOND,
                new JobSpec(perHour, 2, 8 * MIB, 64 << 10, AccessPattern.RANDOM, 100L << 30, 60 * SECOND,
                        BufferPolicy.Kind.CONTIG_RANGE, PlacementPolicy.Named.FIRST_FIT, 8 * MIB, Contiguity.STRICT));
    }
}
