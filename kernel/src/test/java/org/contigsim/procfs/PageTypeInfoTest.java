package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.contigsim.memory.MigrateType;
import org.contigsim.memory.ZoneType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageTypeInfoTest {
    static final String TWO_NODE_CMA = "two-node-cma.pagetypeinfo";

    static String synthetic(String name) {
        return Samples.resource("/procfs/" + name);
    }

    @Test
    void parsesTheBootSample() {
        ProcSnapshot s = Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO);
        assertFalse(s.hasCma(), "no CMA row in a Debian 6.1 kernel's file");
        assertTrue(s.hasMigrateTypes());
        assertEquals(2, s.zones().size());
        ProcSnapshot.Zone dma32 = s.zone(0, ZoneType.DMA32).orElseThrow();
        assertEquals(EnumSet.of(MigrateType.UNMOVABLE, MigrateType.MOVABLE, MigrateType.RECLAIMABLE,
                MigrateType.HIGHATOMIC, MigrateType.ISOLATE), dma32.freeByType().keySet());
        assertArrayEquals(new long[] {0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 225}, dma32.freeByType().get(MigrateType.MOVABLE));
        assertEquals(225, dma32.nrFree(10, MigrateType.MOVABLE));
        assertEquals(0, dma32.nrFree(10, MigrateType.CMA), "unlisted type reads as 0");
        assertEquals(Map.of(MigrateType.UNMOVABLE, 44L, MigrateType.MOVABLE, 454L, MigrateType.RECLAIMABLE, 6L,
                MigrateType.HIGHATOMIC, 0L, MigrateType.ISOLATE, 0L), dma32.pageblocks());
        // Totals over types equal the boot buddyinfo row.
        assertArrayEquals(new long[] {2, 3, 0, 1, 1, 2, 1, 1, 2, 3, 225}, dma32.freeBlocks());
        assertTrue(dma32.cappedLists().isEmpty());
        assertEquals(List.of(MigrateType.UNMOVABLE, MigrateType.MOVABLE, MigrateType.RECLAIMABLE,
                MigrateType.HIGHATOMIC, MigrateType.ISOLATE), new ArrayList<>(dma32.pageblocks().keySet()),
                "EnumMap iteration is in kernel enum order");
    }

    @Test
    void roundTripsBothSamplesByteForByte() {
        for (String name : List.of(Samples.BOOT_PAGETYPEINFO, Samples.ANON_PAGETYPEINFO)) {
            String text = Samples.text(name);
            ProcSnapshot parsed = PageTypeInfo.parse(name, Samples.lines(name));
            assertEquals(text, PageTypeInfo.format(new SnapshotView(parsed)), name);
        }
    }

    @Test
    void roundTripsTwoNodesWithCmaAndCappedCounts() {
        String text = synthetic(TWO_NODE_CMA);
        ProcSnapshot parsed = PageTypeInfo.parse(TWO_NODE_CMA, text.lines().toList());
        assertTrue(parsed.hasCma());
        assertEquals(3, parsed.zones().size());
        assertEquals(text, PageTypeInfo.format(new SnapshotView(parsed)));

        ProcSnapshot.Zone movable = parsed.zone(1, ZoneType.MOVABLE).orElseThrow();
        // ">100000" reads as its lower bound, flagged; "99999" is exact.
        assertEquals(100000, movable.nrFree(0, MigrateType.MOVABLE));
        assertTrue(movable.isCapped(MigrateType.MOVABLE, 0));
        assertFalse(movable.isCapped(MigrateType.MOVABLE, 1));
        assertTrue(movable.isCapped(MigrateType.MOVABLE, 2));
        assertEquals(2, movable.cappedLists().size());

        ProcSnapshot.Zone normal1 = parsed.zone(1, ZoneType.NORMAL).orElseThrow();
        assertEquals(32, normal1.nrFree(10, MigrateType.CMA));
        assertEquals(64, normal1.pageblocks(MigrateType.CMA));
        assertEquals(List.of(0, 1, 1), parsed.zones().stream().map(ProcSnapshot.Zone::node).toList());
    }

    @Test
    void formatsTheCmaHeaderAsInTheLkmlDump() {
        String text = synthetic(TWO_NODE_CMA);
        // linux-mm.md's LKML dump shows this header (its trailing space lost in the mail).
        assertTrue(text.contains("\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic"
                + "          CMA      Isolate \nNode 0, zone   Normal          834         1572           25"
                + "            0            0            0 \n"));
        assertTrue(text.contains("Node    0, zone   Normal, type    Unmovable   7097   6914   6473   5642   4373"
                + "   2664   1220    319     78      4      0 \n"));
    }

    @Test
    void printedTypesFollowCmaConfiguration() {
        assertEquals(List.of(MigrateType.values()), PageTypeInfo.printedTypes(true));
        assertEquals(List.of(MigrateType.UNMOVABLE, MigrateType.MOVABLE, MigrateType.RECLAIMABLE,
                MigrateType.HIGHATOMIC, MigrateType.ISOLATE), PageTypeInfo.printedTypes(false));
    }

    @Test
    void formatsWithoutCmaEvenIfTheViewHasCmaCountsWhenNotConfigured() {
        // A view that does not configure CMA prints no CMA row or column, like the sample kernel.
        ProcSnapshot boot = Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO);
        String text = PageTypeInfo.format(new SnapshotView(boot));
        assertFalse(text.contains("CMA"));
        assertEquals(2 + 1 + 1 + 2 * 5 + 1 + 1 + 2, text.lines().count());
    }

    @Test
    void skipsThePageOwnerMixedBlocksTable() {
        List<String> lines = new ArrayList<>(Samples.lines(Samples.BOOT_PAGETYPEINFO));
        lines.add("");
        lines.add("Number of mixed blocks    Unmovable      Movable  Reclaimable   HighAtomic      Isolate ");
        lines.add("Node 0, zone      DMA            1            0            0            0            0 ");
        lines.add("Node 0, zone    DMA32            2            3            0            0            0 ");
        ProcSnapshot withMixed = PageTypeInfo.parse("p", lines);
        assertEquals(Samples.pagetypeinfo(Samples.BOOT_PAGETYPEINFO).zones(), withMixed.zones());
    }

    @Test
    void acceptsBlankLinesAnywhere() {
        List<String> lines = new ArrayList<>();
        for (String line : synthetic(TWO_NODE_CMA).lines().toList()) {
            lines.add(line);
            lines.add("");
        }
        ProcSnapshot parsed = PageTypeInfo.parse("p", lines);
        assertEquals(PageTypeInfo.parse("p", synthetic(TWO_NODE_CMA).lines().toList()), parsed);
    }

    @Test
    void parsesAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pagetypeinfo");
        Files.writeString(file, Samples.text(Samples.ANON_PAGETYPEINFO), StandardCharsets.ISO_8859_1);
        ProcSnapshot s = PageTypeInfo.parse(file);
        assertEquals("pagetypeinfo", s.source());
        assertEquals(Samples.pagetypeinfo(Samples.ANON_PAGETYPEINFO).zones(), s.zones());
    }
}
