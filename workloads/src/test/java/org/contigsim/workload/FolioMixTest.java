package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.contigsim.base.Rng;

class FolioMixTest {
    @Test
    void shouldWriteOrdersAscendingSoEqualMixesAreEqualText() {
        FolioMix a = FolioMix.parse("0:70,2:20,4:10");
        FolioMix b = FolioMix.parse(" 4:10, 0:70 ,2:20");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("0:70,2:20,4:10", b.toString());
        assertEquals(4, a.maxOrder());
        assertEquals("0:1", FolioMix.singlePages().toString());
    }

    @Test
    void shouldPickOrdersInProportionToTheirWeights() {
        FolioMix mix = FolioMix.parse("0:70,2:20,4:10");
        Rng rng = new Rng(1);
        int[] counts = new int[11];
        for (int i = 0; i < 100_000; i++) {
            counts[mix.pick(rng)]++;
        }
        assertEquals(70_000, counts[0], 700);
        assertEquals(20_000, counts[2], 500);
        assertEquals(10_000, counts[4], 400);
    }

    @Test
    void shouldDrawExactlyAsThePercentThresholdsDid() {
        // the original workload drew nextInt(100) and compared with 70 and 90
        FolioMix mix = FolioMix.parse("0:70,2:20,4:10");
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            int r = b.nextInt(100);
            assertEquals(r < 70 ? 0 : r < 90 ? 2 : 4, mix.pick(a));
        }
    }

    @Test
    void shouldNotDrawForASingleOrder() {
        Rng a = new Rng(3);
        Rng b = new Rng(3);
        assertEquals(9, FolioMix.parse("9:5").pick(a));
        assertEquals(b.nextLong(), a.nextLong());
    }

    @Test
    void shouldSayWhatIsWrong() {
        assertEquals("'0:70,2' is not a folio mix (expected ORDER:WEIGHT pairs, e.g. 0:70,2:20,4:10)", error("0:70,2"));
        assertEquals("'11:1': order '11' is not a whole number from 0 to 10", error("11:1"));
        assertEquals("'0:0': weight '0' is not a whole number from 1 to 1000000", error("0:0"));
        assertEquals("'0:1,0:2': order 0 is given twice", error("0:1,0:2"));
        assertEquals("'0:999999,1:2': the weights add up to 1000001 (at most 1000000)", error("0:999999,1:2"));
        assertEquals("'' is not a folio mix (expected ORDER:WEIGHT pairs, e.g. 0:70,2:20,4:10)", error(""));
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> FolioMix.parse(text)).getMessage();
    }
}
