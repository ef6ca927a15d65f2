package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.contigsim.memory.ZoneType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuddyInfoTest {

    @Test
    void parsesTheBootSample() {
        ProcSnapshot s = Samples.buddyinfo(Samples.BOOT_BUDDYINFO);
        assertEquals(Samples.BOOT_BUDDYINFO, s.source());
        assertFalse(s.hasCma());
        assertFalse(s.hasMigrateTypes());
        assertEquals(2, s.zones().size());
        ProcSnapshot.Zone dma = s.zones().get(0);
        assertEquals(0, dma.node());
        assertEquals(ZoneType.DMA, dma.zone());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 3}, dma.freeBlocks());
        ProcSnapshot.Zone dma32 = s.zones().get(1);
        assertEquals(ZoneType.DMA32, dma32.zone());
        assertArrayEquals(new long[] {2, 3, 0, 1, 1, 2, 1, 1, 2, 3, 225}, dma32.freeBlocks());
        assertTrue(dma32.freeByType().isEmpty());
        assertTrue(dma32.pageblocks().isEmpty());
        // 3808 + 232736 pages: about 924 MiB free on the 1 GiB machine just after boot.
        assertEquals(3808 + 232736, s.freePages());
    }

    @Test
    void roundTripsBothSamplesByteForByte() {
        for (String name : List.of(Samples.BOOT_BUDDYINFO, Samples.ANON_BUDDYINFO)) {
            String text = Samples.text(name);
            ProcSnapshot parsed = BuddyInfo.parse(name, Samples.lines(name));
            assertEquals(text, BuddyInfo.format(new SnapshotView(parsed)), name);
        }
    }

    @Test
    void formatsWideCountsAndSeveralNodesAsPrintfDoes() {
        long[] big = {1234567, 0, 5, 0, 0, 0, 0, 0, 0, 0, 999999};
        ProcSnapshot s = new ProcSnapshot("t", List.of(
                new ProcSnapshot.Zone(0, ZoneType.NORMAL, big),
                new ProcSnapshot.Zone(12, ZoneType.MOVABLE, new long[11])), false);
        // %6lu never truncates: a 7-digit count just pushes the row right.
        assertEquals("Node 0, zone   Normal 1234567      0      5      0      0      0      0      0      0      0 999999 \n"
                + "Node 12, zone  Movable      0      0      0      0      0      0      0      0      0      0      0 \n",
                BuddyInfo.format(new SnapshotView(s)));
    }

    @Test
    void acceptsBlankLinesCarriageReturnsAndLooseSpacing() {
        List<String> lines = List.of("", "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 \r",
                "   ", "Node 1,zone Normal 1 2 3 4 5 6 7 8 9 10 11", "");
        ProcSnapshot s = BuddyInfo.parse("b", lines);
        assertEquals(2, s.zones().size());
        assertEquals(1, s.zones().get(1).node());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, s.zones().get(1).freeBlocks());
    }

    @Test
    void keepsFileOrder() {
        ProcSnapshot s = BuddyInfo.parse("b", List.of(
                "Node 1, zone   Normal 0 0 0 0 0 0 0 0 0 0 1",
                "Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 2"));
        assertEquals(1, s.zones().get(0).node());
        assertEquals(0, s.zones().get(1).node());
        assertEquals(2, s.zone(0, ZoneType.NORMAL).orElseThrow().nrFree(10));
        assertTrue(s.zone(0, ZoneType.DMA).isEmpty());
    }

    @Test
    void acceptsExactlyFourTebibytes() {
        // 2^20 order-10 blocks = 2^30 pages = 4 TiB: the limit itself is allowed.
        ProcSnapshot s = BuddyInfo.parse("b", List.of("Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 1048576"));
        assertEquals(1L << 30, s.freePages());
    }

    @Test
    void parsesAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("buddyinfo");
        Files.writeString(file, Samples.text(Samples.ANON_BUDDYINFO), StandardCharsets.ISO_8859_1);
        ProcSnapshot s = BuddyInfo.parse(file);
        assertEquals("buddyinfo", s.source());
        assertEquals(Samples.buddyinfo(Samples.ANON_BUDDYINFO).zones(), s.zones());
    }
}
