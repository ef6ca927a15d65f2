package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.placement.FitsFilter;
import org.contigsim.placement.HostFilter;
import org.contigsim.placement.HostWeigher;
import org.contigsim.placement.LargestRangeWeigher;
import org.contigsim.placement.LowIdWeigher;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;
import org.contigsim.workload.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Scenario#render()} writes every key in a fixed order, and parsing it gives the scenario back. */
class ScenarioRenderTest {
    private static final long PAGE = 4096;
    private static final long[] TIME_UNITS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
        3_600_000_000_000L, 86_400_000_000_000L};
    private static final String NAME_CHARS = "abcXYZ019 -_.\"\\${}#'é→";

    @TempDir
    Path dir;

    private Scenario roundTrip(Scenario s) throws IOException {
        // a file name unlike the scenario's name: the rendered name must win
        Path file = dir.resolve("rendered.conf");
        Files.writeString(file, s.render());
        return ScenarioParser.parse(file);
    }

    @Test
    void shouldWriteEveryKeyInAFixedOrderWithUnits() {
        Scenario tiny = ScenarioParser.parse(Path.of("..", "workloads", "scenarios", "tiny.conf"));
        assertEquals("""
                name = "tiny"
                hosts = 4
                host {
                  memory = 1GiB
                  nodes = 1
                  kernel = "6.15"
                  nic = "connectx5-edr"
                }
                background = "fragmenting"
                warmup = 2m
                duration = 4m
                epoch = 30s
                jobs {
                  arrivals-per-hour = 600
                  arrivals {
                    process = poisson
                  }
                  hosts-per-job = 2
                  buffer = 16MiB
                  message = 64KiB
                  pattern = random
                  bytes = 64GiB
                  max-wait = 1m
                  retry {
                    max-attempts = 0
                    backoff = 0s
                    backoff-factor = 1
                  }
                  policy = "contig-range"
                  placement = "first-fit"
                  min-chunk = 16MiB
                  contiguity = strict
                }
                policies {
                  compaction { proactiveness = 20 }
                  hugetlb-boot { page-size = 1GiB, reserve = "25%" }
                  protect-orders { order-0 = 0, order-1 = 0, order-2 = 0, order-3 = 0, order-4 = 0, order-5 = 0, order-6 = 0, order-7 = 0, order-8 = 0, order-9 = 0, order-10 = 512 }
                  movable-zone { size = "25%" }
                }
                """, tiny.render());
    }

    @Test
    void shouldWriteDurationsInTheLargestExactUnit() {
        assertEquals("0s", DurationText.format(0));
        assertEquals("1ns", DurationText.format(1));
        assertEquals("1500us", DurationText.format(1_500_000));
        assertEquals("30s", DurationText.format(30_000_000_000L));
        assertEquals("90s", DurationText.format(90_000_000_000L));
        assertEquals("10m", DurationText.format(600_000_000_000L));
        assertEquals("1h", DurationText.format(3_600_000_000_000L));
        assertEquals("1d", DurationText.format(86_400_000_000_000L));
        assertEquals("9223372036854775807ns", DurationText.format(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void shippedScenariosSurviveTheRoundTrip(Path file) throws IOException {
        Scenario s = ScenarioParser.parse(file);
        assertEquals(s, roundTrip(s));
    }

    static Stream<Path> shipped() {
        Path scenarios = Path.of("..", "workloads", "scenarios");
        return Stream.of(scenarios.resolve("quickstart.conf"), scenarios.resolve("tiny.conf"));
    }

    /** Backgrounds other than presets are written as a block with every parameter, and read back the same. */
    @ParameterizedTest
    @ValueSource(strings = {"background = idle", "background { preset = fragmenting, anon.thp = 0.5 }",
        "background { preset = none, rdma {}, page-cache { file-size = \"lognormal(1MiB, 1.5)\", fill = 0.25 } }",
        "background { kernel { reclaimable = 0.125, folios = \"3:1,0:9\" }, page-tables.ratio = 0.01 }"})
    void customBackgroundsSurviveTheRoundTrip(String background) throws IOException {
        Path file = dir.resolve("custom.conf");
        Files.writeString(file, "hosts = 2\nduration = 1h\n" + background + "\n");
        Scenario s = ScenarioParser.parse(file);
        assertEquals(s, roundTrip(s), s.render());
        assertEquals(!background.equals("background = idle"), s.render().contains("\nbackground {\n  preset = \"none\"\n"),
                s.render());
    }

    /** A property over random valid scenarios: seeds are fixed, so a failure names its seed and repeats. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomScenariosSurviveTheRoundTrip(long seed) throws IOException {
        Scenario s = random(new SplittableRandom(seed));
        assertEquals(s, roundTrip(s), s.render());
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** A named placement, or a composition of any filters and weighers with multipliers of either sign. */
    private static PlacementPolicy placement(SplittableRandom r) {
        if (r.nextBoolean()) {
            return PlacementPolicy.Named.values()[r.nextInt(PlacementPolicy.Named.values().length)];
        }
        List<HostWeigher> all = HostWeigher.all();
        List<Weighing> weighers = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            double m = r.nextBoolean() ? r.nextInt(-3, 4) : (r.nextDouble() - 0.5) * 2e6;
            weighers.add(new Weighing(all.get(r.nextInt(all.size())), m));
        }
        return new PlacementPolicy.Composed(r.nextBoolean() ? List.of() : HostFilter.all(), weighers);
    }

    @Test
    void shouldWriteAComposedPlacementAsItsBlock() throws IOException {
        Path file = dir.resolve("composed.conf");
        Files.writeString(file, "hosts = 2\nduration = 1h\njobs.placement {\n  weighers = [largest-range, "
                + "{ name = low-id, multiplier = 0.5 }]\n}\n");
        Scenario s = ScenarioParser.parse(file);
        assertEquals(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of(
                new Weighing(new LargestRangeWeigher(), 1), new Weighing(new LowIdWeigher(), 0.5))),
                s.jobs().placement());
        assertTrue(s.render().contains("""
                  placement {
                    filters = [fits]
                    weighers = [{ name = largest-range, multiplier = 1 }, { name = low-id, multiplier = 0.5 }]
                  }
                """), s.render());
        assertEquals(s, roundTrip(s));
    }

    /** A valid scenario with values drawn across, and at the edges of, every range. */
    static Scenario random(SplittableRandom r) {
        int hosts = r.nextBoolean() ? 1 + r.nextInt(8) : 1 + r.nextInt(ScenarioParser.MAX_HOSTS);
        int nodes = 1 + r.nextInt(r.nextBoolean() ? 2 : 64);
        long minMemory = nodes * (64L << 20);
        long memory = pages(r, minMemory / PAGE, HostConfig.MAX_MEMORY_BYTES / PAGE);
        List<String> nics = DeviceProfile.names();
        HostSpec host = new HostSpec(memory, nodes, r.nextBoolean() ? KernelVersion.V6_1 : KernelVersion.V6_15,
                DeviceProfile.named(nics.get(r.nextInt(nics.size()))));
        long duration = time(r, 1, ScenarioParser.MAX_RUN_NANOS);
        long buffer = pages(r, 1, memory / PAGE);
        BufferPolicy.Kind policy = BufferPolicy.Kind.values()[r.nextInt(BufferPolicy.Kind.values().length)];
        long huge = 2L << 20;
        long hugeNeed = (buffer + huge - 1) / huge * huge;
        MemoryShare reserve = MemoryShare.percent(25);
        if (policy == BufferPolicy.Kind.HUGETLB_BOOT) {
            if (hugeNeed > memory / 2) {
                policy = BufferPolicy.Kind.BUDDY; // no reservation could hold the buffer: the parser refuses it
            } else {
                reserve = MemoryShare.bytes(hugeNeed + huge * r.nextLong((memory / 2 - hugeNeed) / huge + 1));
            }
        }
        long[] protect = new long[Pages.NR_ORDERS];
        for (int o = 0; o < protect.length; o++) {
            protect[o] = r.nextInt(4) == 0 ? r.nextInt(1 << 20) : 0;
        }
        // 0% always boots; a tenth of memory does when each node keeps enough below it
        MemoryShare movable = MemoryShare.percent(r.nextBoolean() && memory / nodes >= (1L << 30) ? 10 : 0);
        PolicySettings policies = new PolicySettings(r.nextInt(101), huge, reserve, protect, movable);
        JobSpec jobs = new JobSpec(arrivals(r), 1 + r.nextInt(hosts), buffer, bytes(r, 1, buffer),
                r.nextBoolean() ? AccessPattern.RANDOM : AccessPattern.PERFTEST, bytes(r, 1, Long.MAX_VALUE),
                time(r, 0, Long.MAX_VALUE), policy,
                placement(r),
                pages(r, 1, buffer / PAGE), Contiguity.values()[r.nextInt(2)]);
        List<HostClass> classes = new ArrayList<>();
        if (hosts > 1 && r.nextBoolean()) {
            // a class as large as the default host, so every limit checked against it still holds
            HostSpec other = new HostSpec(memory, nodes,
                    host.kernel() == KernelVersion.V6_1 ? KernelVersion.V6_15 : KernelVersion.V6_1, host.nic());
            classes.add(new HostClass("big \"x\".y", 1 + r.nextInt(hosts - 1), other,
                    Preset.names().get(r.nextInt(Preset.names().size())), null));
        }
        return new Scenario(name(r), hosts, host, Preset.names().get(r.nextInt(Preset.names().size())),
                time(r, 0, ScenarioParser.MAX_RUN_NANOS), duration, time(r, 1, duration), jobs, policies, classes);
    }

    /** Names with the characters HOCON quoting must get right; never blank-edged, as the parser strips. */
    private static String name(SplittableRandom r) {
        StringBuilder b = new StringBuilder("s");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
        }
        return b.append('e').toString();
    }

    private static double arrivals(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> ScenarioParser.MAX_ARRIVALS_PER_HOUR;
            case 2 -> r.nextInt(1_000_001);
            default -> r.nextDouble() * ScenarioParser.MAX_ARRIVALS_PER_HOUR;
        };
    }

    private static long pages(SplittableRandom r, long min, long max) {
        return bytes(r, min, max) * PAGE;
    }

    /** A count in {@code [min, max]}: an edge, a round power of two, or anything between. */
    private static long bytes(SplittableRandom r, long min, long max) {
        List<Long> candidates = new ArrayList<>(List.of(min, max));
        for (long p = Long.highestOneBit(max); p >= min && p > 0; p >>= 1 + r.nextInt(8)) {
            candidates.add(p);
        }
        return r.nextBoolean() ? candidates.get(r.nextInt(candidates.size())) : between(r, min, max);
    }

    /** A duration in {@code [min, max]} nanoseconds, usually a whole number of some unit. */
    private static long time(SplittableRandom r, long min, long max) {
        long unit = TIME_UNITS[r.nextInt(TIME_UNITS.length)];
        long lo = (min + unit - 1) / unit;
        long hi = max / unit;
        if (lo > hi || r.nextInt(5) == 0) {
            return between(r, min, max);
        }
        return between(r, lo, hi) * unit;
    }

    /** Uniform in {@code [lo, hi]} (short of Long.MAX_VALUE, which nextLong cannot bound inclusively). */
    private static long between(SplittableRandom r, long lo, long hi) {
        return lo == hi ? lo : r.nextLong(lo, hi == Long.MAX_VALUE ? hi : hi + 1);
    }
}
