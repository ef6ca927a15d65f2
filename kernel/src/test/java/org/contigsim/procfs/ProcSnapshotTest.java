package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contigsim.memory.MigrateType;
import org.contigsim.memory.ZoneType;
import org.junit.jupiter.api.Test;

class ProcSnapshotTest {

    @Test
    void mergesTheBootPair() {
        ProcSnapshot buddy = Samples.buddyinfo(Samples.BOOT_BUDDYINFO);
        ProcSnapshot types = Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO);
        ProcSnapshot merged = ProcSnapshot.merge(buddy, types);

        assertEquals(Samples.BOOT_BUDDYINFO + "+" + Samples.BOOT_PAGETYPEINFO, merged.source());
        assertFalse(merged.hasCma());
        assertTrue(merged.hasMigrateTypes());
        assertEquals(types.zones(), merged.zones(), "with no capped list, the merge is the pagetypeinfo itself");
        for (int i = 0; i < buddy.zones().size(); i++) {
            assertArrayEquals(buddy.zones().get(i).freeBlocks(), merged.zones().get(i).freeBlocks());
        }
        // The merged snapshot prints both files back.
        SnapshotView view = new SnapshotView(merged);
        assertEquals(Samples.text(Samples.BOOT_BUDDYINFO), BuddyInfo.format(view));
        assertEquals(Samples.text(Samples.BOOT_PAGETYPEINFO), PageTypeInfo.format(view));
    }

    @Test
    void mergesTheAnonPair() {
        ProcSnapshot merged = ProcSnapshot.merge(Samples.buddyinfo(Samples.ANON_BUDDYINFO),
                Samples.pagetypeinfo(Samples.ANON_PAGETYPEINFO));
        assertArrayEquals(new long[] {3, 3, 1, 1, 2, 2, 1, 1, 1, 2, 126},
                merged.zone(0, ZoneType.DMA32).orElseThrow().freeBlocks());
    }

    @Test
    void mergeTakesExactTotalsFromBuddyinfoWhereListsWereCapped() {
        ProcSnapshot buddy = BuddyInfo.parse("two-node-cma.buddyinfo",
                PageTypeInfoTest.synthetic("two-node-cma.buddyinfo").lines().toList());
        ProcSnapshot types = PageTypeInfo.parse(PageTypeInfoTest.TWO_NODE_CMA,
                PageTypeInfoTest.synthetic(PageTypeInfoTest.TWO_NODE_CMA).lines().toList());
        ProcSnapshot merged = ProcSnapshot.merge(buddy, types);
        assertTrue(merged.hasCma());
        ProcSnapshot.Zone movable = merged.zone(1, ZoneType.MOVABLE).orElseThrow();
        assertEquals(250000, movable.nrFree(0), "exact, from buddyinfo");
        assertEquals(100000, movable.nrFree(0, MigrateType.MOVABLE), "lower bound, from pagetypeinfo");
        assertTrue(movable.isCapped(MigrateType.MOVABLE, 0));
        assertEquals(buddy.freePages(), merged.freePages());
        assertEquals(PageTypeInfoTest.synthetic(PageTypeInfoTest.TWO_NODE_CMA),
                PageTypeInfo.format(new SnapshotView(merged)));
    }

    @Test
    void mergeRejectsTotalsThatDisagreeNamingZoneAndOrder() {
        // Boot DMA32 order 0 has 2 free blocks; the anon400 pagetypeinfo's DMA32 types sum to 1+1+1 = 3.
        ProcParseException e = assertThrows(ProcParseException.class, () -> ProcSnapshot.merge(
                Samples.buddyinfo(Samples.BOOT_BUDDYINFO), Samples.pagetypeinfo(Samples.ANON_PAGETYPEINFO)));
        assertEquals(Samples.ANON_PAGETYPEINFO, e.fileName());
        assertEquals(0, e.line());
        assertEquals(Samples.ANON_PAGETYPEINFO + ": disagrees with " + Samples.BOOT_BUDDYINFO
                + ": zone DMA32 of node 0, order 0: 2 free blocks in " + Samples.BOOT_BUDDYINFO
                + ", 3 summed over migrate types in " + Samples.ANON_PAGETYPEINFO, e.getMessage());
    }

    @Test
    void mergeRejectsACappedListWhoseLowerBoundExceedsTheTotal() {
        List<String> buddy = List.of("Node 0, zone   Normal  99999 0 0 0 0 0 0 0 0 0 0");
        List<String> types = List.of("Page block order: 9", "Pages per block:  512",
                "Free pages count per migrate type at order 0 1 2 3 4 5 6 7 8 9 10",
                "Node 0, zone Normal, type Movable >100000 0 0 0 0 0 0 0 0 0 0",
                "Number of blocks type Movable", "Node 0, zone Normal 1");
        ProcParseException e = assertThrows(ProcParseException.class,
                () -> ProcSnapshot.merge(BuddyInfo.parse("b", buddy), PageTypeInfo.parse("p", types)));
        assertTrue(e.getMessage().contains("order 0: 99999 free blocks in b, at least 100000 summed"), e.getMessage());
    }

    @Test
    void mergeRejectsDifferentZoneSets() {
        List<String> extra = new ArrayList<>(Samples.lines(Samples.BOOT_BUDDYINFO));
        extra.add("Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      1 ");
        ProcSnapshot types = Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO);
        ProcParseException e = assertThrows(ProcParseException.class,
                () -> ProcSnapshot.merge(BuddyInfo.parse("buddyinfo", extra), types));
        assertTrue(e.getMessage().contains("zone Normal of node 0 is in buddyinfo but not in "
                + Samples.BOOT_PAGETYPEINFO), e.getMessage());

        ProcSnapshot onlyDma = BuddyInfo.parse("buddyinfo", Samples.lines(Samples.BOOT_BUDDYINFO).subList(0, 1));
        e = assertThrows(ProcParseException.class, () -> ProcSnapshot.merge(onlyDma, types));
        assertTrue(e.getMessage().contains("zone DMA32 of node 0 is in " + Samples.BOOT_PAGETYPEINFO
                + " but not in buddyinfo"), e.getMessage());
    }

    @Test
    void mergeRejectsArgumentsInTheWrongRoles() {
        ProcSnapshot buddy = Samples.buddyinfo(Samples.BOOT_BUDDYINFO);
        ProcSnapshot types = Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO);
        assertThrows(IllegalArgumentException.class, () -> ProcSnapshot.merge(types, buddy));
        assertThrows(IllegalArgumentException.class, () -> ProcSnapshot.merge(buddy, buddy));
    }

    @Test
    void zonesAreImmutableAndCompareByContent() {
        long[] counts = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Map<MigrateType, long[]> byType = new EnumMap<>(MigrateType.class);
        byType.put(MigrateType.MOVABLE, counts.clone());
        ProcSnapshot.Zone z = new ProcSnapshot.Zone(0, ZoneType.NORMAL, counts, byType, Map.of(MigrateType.MOVABLE, 3L));
        counts[0] = 99;
        byType.get(MigrateType.MOVABLE)[0] = 99;
        assertEquals(1, z.nrFree(0));
        assertEquals(1, z.nrFree(0, MigrateType.MOVABLE));
        z.freeBlocks()[0] = 42;
        z.freeByType().get(MigrateType.MOVABLE)[0] = 42;
        assertEquals(1, z.nrFree(0));
        assertEquals(1, z.nrFree(0, MigrateType.MOVABLE));
        assertThrows(UnsupportedOperationException.class, () -> z.pageblocks().put(MigrateType.CMA, 1L));
        assertThrows(UnsupportedOperationException.class, () -> z.freeByType().remove(MigrateType.MOVABLE));

        ProcSnapshot.Zone same = new ProcSnapshot.Zone(0, ZoneType.NORMAL, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                Map.of(MigrateType.MOVABLE, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
                Map.of(MigrateType.MOVABLE, 3L), Set.of());
        assertEquals(same, z);
        assertEquals(same.hashCode(), z.hashCode());
        assertNotEquals(new ProcSnapshot.Zone(0, ZoneType.NORMAL, new long[11]), z);
    }

    @Test
    void zoneRejectsTypesThatDoNotAddUp() {
        long[] total = new long[11];
        total[3] = 2;
        long[] movable = new long[11];
        movable[3] = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcSnapshot.Zone(0,
                ZoneType.DMA32, total, Map.of(MigrateType.MOVABLE, movable), Map.of()));
        assertTrue(e.getMessage().contains("order 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProcSnapshot.Zone(0, ZoneType.DMA32, new long[10]));
        assertThrows(IllegalArgumentException.class, () -> new ProcSnapshot.Zone(-1, ZoneType.DMA32, new long[11]));
    }

    @Test
    void snapshotRejectsDuplicateZones() {
        ProcSnapshot.Zone z = new ProcSnapshot.Zone(0, ZoneType.DMA, new long[11]);
        assertThrows(IllegalArgumentException.class, () -> new ProcSnapshot("x", List.of(z, z), false));
    }
}
