package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.workload.FragmentingWorkload;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;
import org.contigsim.workload.WorkloadHost;

/** Same seed, same host, same workload: the same memory, to the page. And a 1 TiB host boots. */
class DeterminismAndScaleTest {
    static final long SECONDS = 1_000_000_000L;

    record Outcome(String buddyinfo, Map<String, Long> stats, long freePages) {
    }

    /** 256 MiB under the default fragmenting workload for a simulated minute. */
    static Outcome run(long seed) {
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(256L << 20), seed);
        Rng rng = new Rng(Rng.seedFor(seed, 1));
        WorkloadHost host = new WorkloadHost(m, rng);
        FragmentingWorkload.defaults().run(host, rng, 0, 60 * SECONDS);
        MemoryChecker.check(m);
        return new Outcome(BuddyInfo.format(m), stats(m.stats()), m.freePages());
    }

    static Map<String, Long> stats(MemoryStats s) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field f : MemoryStats.class.getFields()) {
            if (f.getType() == long.class && !Modifier.isStatic(f.getModifiers())) {
                try {
                    values.put(f.getName(), f.getLong(s));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }

    @Test
    void shouldReplayTheSameSeedToTheSamePage() {
        Outcome a = run(7);
        Outcome b = run(7);
        assertEquals(a.buddyinfo(), b.buddyinfo());
        assertEquals(a.stats(), b.stats());
        assertEquals(a.freePages(), b.freePages());
        // the workload did real work: allocations, reclaim by kswapd, kcompactd runs
        assertTrue(a.stats().get("allocations") > 100_000, a.stats().toString());
        assertTrue(a.stats().get("pagesReclaimed") > 0, a.stats().toString());
        assertTrue(a.stats().get("kcompactdRuns") > 0, a.stats().toString());
    }

    @Test
    void shouldDivergeForDifferentSeeds() {
        Outcome a = run(7);
        Outcome c = run(8);
        assertNotEquals(a.buddyinfo(), c.buddyinfo());
        assertNotEquals(a.stats(), c.stats());
    }

    /**
     * A 1 TiB host (268435456 pages, 256 MiB of page-state bytes): memmap 4194304 pages, so
     * lowmem = 264241152 pages = 1056964608 kB, and sqrt(1056964608 * 16) = 130043 kB exceeds
     * THP's 67584 kB: min_free_kbytes = 130043, pages_min = 32510. Normal: managed
     * 268435456 - 786432 - 4194304 = 263454720, min = 32510 * 263454720 / 264241152 = 32413,
     * low = 32413 + max(8103, 263454) = 295867, high = 559321. DMA32: min 96, low 96 + 782 = 878.
     */
    @Test
    void shouldBootA1TiBHost() {
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(1L << 40).reserveMemmap(true).build(), 1);
        assertEquals(1L << 28, m.totalPages());
        assertEquals((1L << 28) - (1L << 22), m.freePages());
        List<Zone> zones = m.zones();
        assertEquals(3, zones.size());
        Zone normal = zones.get(2);
        assertEquals(ZoneType.NORMAL, normal.type());
        assertEquals(1048576, normal.startPfn());
        assertEquals(268435456 - 786432, normal.spannedPages());
        assertEquals(263454720, normal.managedPages());
        assertEquals(32413, normal.watermarkMin());
        assertEquals(295867, normal.watermarkLow());
        assertEquals(559321, normal.watermarkHigh());
        Zone dma32 = zones.get(1);
        assertEquals(96, dma32.watermarkMin());
        assertEquals(878, dma32.watermarkLow());
        // all free memory sits in order-10 blocks: (263454720 + 782336 + 4096) / 1024 blocks
        long orderTen = 0;
        for (Zone z : zones) {
            orderTen += z.nrFree(10);
        }
        assertEquals((263454720L + 782336 + 4096) / 1024, orderTen);
        int pfn = m.allocate(10, m.classId(Owner.ANON), 0);
        assertEquals(normal, m.zoneOf(pfn));
    }
}
