package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.workload.FragmentingWorkload;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A host rebuilt from another host's /proc files prints those files back, byte for byte. */
class HostImportTest {
    private static String buddyinfo;
    private static String pagetypeinfo;

    /** Two nodes, CMA, ZONE_MOVABLE, ten simulated minutes of a busy host. */
    @BeforeAll
    static void simulateTheOriginal() {
        HostConfig config = HostConfig.builder(8L << 30).nodes(2).cmaBytes(64L << 20).movableBytes(1L << 30).build();
        PhysicalMemory original = new PhysicalMemory(config, 7);
        Rng rng = new Rng(Rng.seedFor(7, 0));
        FragmentingWorkload.defaults().run(new WorkloadHost(original, rng), rng, 0, 600_000_000_000L);
        buddyinfo = BuddyInfo.format(original);
        pagetypeinfo = PageTypeInfo.format(original);
    }

    @Test
    void shouldReproduceBothFilesFromBuddyinfoAndPagetypeinfo() {
        ProcSnapshot snap = ProcSnapshot.merge(parse(buddyinfo, true), parse(pagetypeinfo, false));
        PhysicalMemory copy = HostImport.build(snap, 0, HostConfig.builder(1L << 30), 1);
        assertEquals(buddyinfo, BuddyInfo.format(copy));
        assertEquals(pagetypeinfo, PageTypeInfo.format(copy));
        assertTrue(copy.cmaConfigured(), "CMA rows in, CMA rows out");
    }

    @Test
    void shouldReproduceBuddyinfoAloneSizingMovableZonesToFit() {
        PhysicalMemory copy = HostImport.build(parse(buddyinfo, true), 0, HostConfig.builder(1L << 30), 1);
        assertEquals(buddyinfo, BuddyInfo.format(copy));
        assertEquals(2, copy.nodes());
    }

    @Test
    void shouldPlaceFreeBlocksDifferentlyForAnotherSeedButKeepTheCounts() {
        ProcSnapshot snap = ProcSnapshot.merge(parse(buddyinfo, true), parse(pagetypeinfo, false));
        PhysicalMemory a = HostImport.build(snap, 0, HostConfig.builder(1L << 30), 1);
        PhysicalMemory b = HostImport.build(snap, 0, HostConfig.builder(1L << 30), 2);
        assertEquals(BuddyInfo.format(a), BuddyInfo.format(b));
        assertTrue(a.contig().largestRange() != b.contig().largestRange()
                || a.compactMemory().pagesMigrated() != b.compactMemory().pagesMigrated(),
                "the seed decides where pageblocks and free blocks lie");
    }

    private static ProcSnapshot parse(String text, boolean isBuddyinfo) {
        List<String> lines = text.lines().toList();
        return isBuddyinfo ? BuddyInfo.parse("buddyinfo", lines) : PageTypeInfo.parse("pagetypeinfo", lines);
    }
}
