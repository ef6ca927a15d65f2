package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.contigsim.memory.VmStat;
import org.junit.jupiter.api.Test;

class ExtfragIndexTest {
    @Test
    void debugfsFilesOfTheBootSample() {
        SnapshotView view = new SnapshotView(Samples.buddyinfo(Samples.BOOT_BUDDYINFO));
        // DMA [0,0,0,0,0,1,1,1,0,1,3]: P = 32+64+128+512+3072 = 3808;
        // k=6: 32*1000/3808 = 8; k=7: 96000/3808 = 25; k=8: 224000/3808 = 58; k=9 the same (no order-8 block);
        // k=10: (3808 - 3072) * 1000 / 3808 = 736000/3808 = 193.
        // DMA32 [2,3,0,1,1,2,1,1,2,3,225]: P = 2+6+8+16+64+64+128+512+1536+230400 = 232736;
        // k=8: (2+6+8+16+64+64+128)*1000/232736 = 288000/232736 = 1; k=9: 800000/232736 = 3;
        // k=10: 2336000/232736 = 10.
        assertEquals("Node 0, zone      DMA 0.000 0.000 0.000 0.000 0.000 0.000 0.008 0.025 0.058 0.058 0.193 \n"
                + "Node 0, zone    DMA32 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.001 0.003 0.010 \n",
                ExtfragIndex.formatUnusableIndex(view));
        String minusOne = "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 \n";
        assertEquals("Node 0, zone      DMA " + minusOne + "Node 0, zone    DMA32 " + minusOne,
                ExtfragIndex.formatExtfragIndex(view));
    }

    @Test
    void extfragIndexPadsTheWholePartToTwoColumns() {
        ProcSnapshot one = new ProcSnapshot("t", java.util.List.of(new ProcSnapshot.Zone(1,
                org.contigsim.memory.ZoneType.NORMAL, new long[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})), false);
        assertEquals("Node 1, zone   Normal -1.000  0.-500  0.-250  0.-125  0.-62  0.-31  0.-15  0.-07  0.-03"
                + "  0.-01  0.000 \n", ExtfragIndex.formatExtfragIndex(new SnapshotView(one)));
    }

    @Test
    void zoneViewOverloadsAgreeWithArrays() {
        SnapshotView view = new SnapshotView(Samples.buddyinfo(Samples.ANON_BUDDYINFO));
        var dma32 = view.zones().get(1);
        long[] counts = {3, 3, 1, 1, 2, 2, 1, 1, 1, 2, 126};
        assertArrayEquals(counts, VmStat.nrFreeByOrder(dma32));
        for (int order = 0; order <= 10; order++) {
            assertEquals(VmStat.unusableIndex(counts, order), VmStat.unusableIndex(dma32, order));
            assertEquals(VmStat.fragmentationIndex(counts, order), VmStat.fragmentationIndex(dma32, order));
        }
        assertEquals(VmStat.fragmentationScore(counts), VmStat.fragmentationScore(dma32));
    }

}
