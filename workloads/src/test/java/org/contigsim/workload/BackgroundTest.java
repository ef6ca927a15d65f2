package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.contigsim.base.Rng;

/** The composition: the fragmenting preset unchanged, specs, presets and overrides. */
class BackgroundTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long GIB_PAGES = (1L << 30) / 4096;

    /** Every component, none at its defaults, for tests that want all of them busy. */
    static final String EVERYTHING = """
            preset = none
            anon { share = 0.3, turnover-per-hour = 4, thp = 0.5, process-size = "lognormal(8MiB, 1)", folios = "0:1" }
            kernel { slab = 0.03, reclaimable = 0.02, turnover-per-hour = 6, long-lived-per-hour = 0.01 }
            net { share = 0.02, turnover-per-hour = 60, frag-order = 2, folios = "0:3,1:1" }
            page-cache { read-per-second = "exponential(32MiB)", file-size = "uniform(4KiB, 2MiB)", fill = 0.1,
                         delete-per-hour = 2, folios = "0:5,2:3,4:1,5:1" }
            page-tables { ratio = 0.004, turnover-per-hour = 3 }
            rdma { share = 0.04, turnover-per-hour = 10, registration-size = "exponential(2MiB)" }
            """;

    @ParameterizedTest(name = "seed {0}, {1} GiB, {2} nodes, cut every {3} ms, capacity {4}%, every {5}th THP fails")
    @CsvSource({"1, 1, 1, 30000, 100, 0", "2, 4, 2, 30000, 100, 0", "3, 1, 1, 12345, 100, 0", "4, 1, 3, 700, 45, 3",
        "5, 2, 1, 60000, 30, 2"})
    void fragmentingPresetMakesTheOriginalsOperationsWithTheSameDraws(long seed, int gib, int nodes, long cutMillis,
            int capacityPercent, int failEveryTry) {
        RecordingHost original = host(gib, nodes, capacityPercent, failEveryTry);
        RecordingHost preset = host(gib, nodes, capacityPercent, failEveryTry);
        Rng r1 = new Rng(seed);
        Rng r2 = new Rng(seed);
        MemoryWorkload fragmenting = Workloads.fromSpec("fragmenting");
        long end = 150 * SECOND;
        for (long t = 0; t < end; t += cutMillis * 1_000_000) {
            long to = Math.min(end, t + cutMillis * 1_000_000);
            LegacyFragmentingWorkload.defaults().run(original, r1, t, to);
            fragmenting.run(preset, r2, t, to);
        }
        assertEquals(original.log.toString(), preset.log.toString());
        assertEquals(original.held, preset.held);
        assertEquals(r1.nextLong(), r2.nextLong(), "the same number of draws");
    }

    private static RecordingHost host(int gib, int nodes, int capacityPercent, int failEveryTry) {
        RecordingHost h = new RecordingHost(gib * GIB_PAGES, nodes);
        h.capacity = gib * GIB_PAGES * capacityPercent / 100;
        h.failEveryTry = failEveryTry;
        return h;
    }

    @Test
    void presetsAreTheirNamesAndTheFragmentingOneHasFourComponents() {
        assertEquals("fragmenting", FragmentingWorkload.defaults().spec());
        assertEquals("idle", Background.IDLE.spec());
        Background f = Workloads.preset("fragmenting");
        assertEquals(AnonMemory.DEFAULTS, f.anon());
        assertEquals(PageCache.DEFAULTS, f.pageCache());
        assertEquals(null, f.pageTables());
        assertEquals(0.43, f.shares(), 1e-12);
        assertSame(Background.IDLE, Workloads.fromSpec("idle"));
        assertEquals("unknown workload 'busy' (known: fragmenting, idle)",
                assertThrows(IllegalArgumentException.class, () -> Workloads.fromSpec("busy")).getMessage());
    }

    @Test
    void idleLetsTimePassInOneCall() {
        RecordingHost h = new RecordingHost(GIB_PAGES);
        Preset.IDLE.background().run(h, new Rng(1), 0, 10 * SECOND);
        assertEquals(10 * SECOND, h.advancedTo);
        assertEquals("", h.log.toString());
    }

    @Test
    void specIsCanonicalTextWithEveryParameter() {
        Background b = Workloads.background("preset = none\npage-tables.ratio = 0.25\nnet {}\n");
        assertEquals("""
                preset = "none"
                net {
                  share = 0.01
                  turnover-per-hour = 30
                  frag-order = 3
                  folios = "0:80,1:15,3:5"
                }
                page-tables {
                  ratio = 0.25
                  turnover-per-hour = 0.5
                }
                """, b.spec());
        assertEquals(b, Workloads.background(b.spec()));
    }

    @Test
    void aSpecReadsBackIntoAnEqualBackgroundWithTheSameSpec() {
        Background b = Workloads.background(EVERYTHING);
        assertEquals(b, Workloads.background(b.spec()));
        assertEquals(b.spec(), Workloads.background(b.spec()).spec());
        assertEquals(new Distribution.LogNormal(8 << 20, 1), b.anon().processSize());
        assertEquals(FolioMix.parse("0:5,2:3,4:1,5:1"), b.pageCache().folios());
    }

    @Test
    void aBlockOverridesItsPresetsComponentsKeyByKey() {
        Background b = Workloads.background("anon { share = 0.5 }\nrdma {}\n");
        assertEquals(new AnonMemory(0.5, 0.5, 0.2, AnonMemory.DEFAULTS.processSize(), AnonMemory.DEFAULTS.folios()),
                b.anon());
        assertEquals(KernelMemory.DEFAULTS, b.kernel(), "the preset is fragmenting unless said otherwise");
        assertEquals(RdmaRegistrations.DEFAULTS, b.rdma(), "a component the preset lacks starts from its defaults");
        assertEquals("fragmenting", Workloads.background("preset = none\nanon {}\nkernel {}\nnet {}\npage-cache {}\n")
                .spec(), "built from scratch to the same components is the preset");
        assertEquals("fragmenting", Workloads.background("preset = fragmenting\n").spec(),
                "a block with only its preset is the preset");
    }

    @Test
    void aSpecSaysWhatIsWrong() {
        assertEquals("background spec: anon.shar: unknown key (known: folios, process-size, share, thp, "
                + "turnover-per-hour)", specError("anon { shar = 1 }"));
        assertEquals("background spec: anon.share: 1.5 is out of range (0 to 1)", specError("anon.share = 1.5"));
        assertEquals("background spec: net.frag-order: expected a whole number from 0 to 10, found '11'",
                specError("net.frag-order = 11"));
        assertEquals("background spec: preset: 'busy' is not a background preset (known: fragmenting, idle, none)",
                specError("preset = busy"));
        assertEquals("background spec: page-cache.file-size: 'exponential(0)': 0B is out of range (1B to 1TiB)",
                specError("page-cache.file-size = \"exponential(0)\""));
        assertEquals("background spec: trace: 'day.csv' is not an absolute path (a spec names its trace absolutely)",
                specError("trace = day.csv"));
        assertEquals("background spec: the shares of memory (anon.share, kernel.slab, kernel.reclaimable, net.share, "
                + "rdma.share) add up to 1.03, more than all of it", specError("anon.share = 1"));
        assertTrue(specError("anon { share = ").startsWith("background spec: String: 1: "));
    }

    private static String specError(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Workloads.fromSpec(spec)).getMessage();
    }

    @Test
    void everyComponentTogetherReplaysTheSameSeedAndNotAnother() {
        Background b = Workloads.background(EVERYTHING);
        assertEquals(run(b, 7, 300).log.toString(), run(b, 7, 300).log.toString());
        assertNotEquals(run(b, 7, 300).log.toString(), run(b, 8, 300).log.toString());
    }

    @Test
    void everyComponentTogetherDoesNotDependOnHowTimeIsCutAtWholeSeconds() {
        Background b = Workloads.background(EVERYTHING);
        RecordingHost whole = new RecordingHost(GIB_PAGES, 2);
        b.run(whole, new Rng(3), 0, 120 * SECOND);
        RecordingHost pieces = new RecordingHost(GIB_PAGES, 2);
        Rng rng = new Rng(3);
        for (long t = 0; t < 120 * SECOND; t += 40 * SECOND) {
            b.run(pieces, rng, t, t + 40 * SECOND);
        }
        assertEquals(whole.log.toString(), pieces.log.toString());
        assertEquals(120 * SECOND, pieces.advancedTo);
    }

    static RecordingHost run(Background b, long seed, long seconds) {
        RecordingHost h = new RecordingHost(GIB_PAGES, 2);
        b.run(h, new Rng(seed), 0, seconds * SECOND);
        return h;
    }
}
