package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The kernel's formulas, pinned to values computed by hand (arithmetic in the comments) and
 * cross-checked with an independent script. Notation, for target order k:
 * P = free pages = sum(n[o] << o), T = free blocks = sum(n[o]), S(k) = sum over o >= k of n[o] << (o - k).
 * unusable(k) = (P - (S << k)) * 1000 / P; fragmentation(k) = S > 0 ? -1000 : 1000 - (1000 + P * 1000 / 2^k) / T.
 */
class VmStatTest {

    /**
     * The LKML 2019 Normal zone of linux-mm.md, buddyinfo = Unmovable + Movable + Reclaimable rows:
     * o0 7097+2092+47=9236, o1 6914+3216+88=10218, o2 6473+2820+122=9415, o3 5642+2266+80=7988,
     * o4 4373+1585+34=5992, o5 2664+946+9=3619, o6 1220+559+5=1784, o7 319+359+4=682,
     * o8 78+237+2=317, o9 4+258+1=263, o10 0+378+2=380.
     */
    static final long[] LKML_NORMAL = {9236, 10218, 9415, 7988, 5992, 3619, 1784, 682, 317, 263, 380};

    /** The LKML zone's Unmovable free lists alone: no order-10 block, so order 10 would fail. */
    static final long[] LKML_UNMOVABLE = {7097, 6914, 6473, 5642, 4373, 2664, 1220, 319, 78, 4, 0};

    @Test
    void lkmlNormalZoneUnusableIndex() {
        // P = 9236 + 2*10218 + 4*9415 + 8*7988 + 16*5992 + 32*3619 + 64*1784 + 128*682 + 256*317
        //   + 512*263 + 1024*380
        //   = 9236 + 20436 + 37660 + 63904 + 95872 + 115808 + 114176 + 87296 + 81152 + 134656 + 389120
        //   = 1149316
        // k=0: S<<0 = P                     -> 0
        // k=1: S = (P - 9236) / 2 = 570040, S<<1 = 1140080; (9236)*1000/1149316 = 8.03 -> 8
        // k=2: S<<2 = 1140080 - 20436 = 1119644; 29672000/1149316 = 25.8  -> 25
        // k=3: S<<3 = 1119644 - 37660 = 1081984; 67332000/1149316 = 58.6  -> 58
        // k=4: S<<4 = 1081984 - 63904 = 1018080; 131236000/1149316 = 114.2 -> 114
        // k=5: S<<5 = 1018080 - 95872 = 922208;  227108000/1149316 = 197.6 -> 197
        // k=6: S<<6 = 922208 - 115808 = 806400;  342916000/1149316 = 298.4 -> 298
        // k=7: S<<7 = 806400 - 114176 = 692224;  457092000/1149316 = 397.7 -> 397
        // k=8: S<<8 = 692224 - 87296 = 604928;   544388000/1149316 = 473.7 -> 473
        // k=9: S<<9 = 604928 - 81152 = 523776;   625540000/1149316 = 544.3 -> 544
        // k=10: S<<10 = 380*1024 = 389120;       760196000/1149316 = 661.4 -> 661
        assertArrayEquals(new int[] {0, 8, 25, 58, 114, 197, 298, 397, 473, 544, 661},
                VmStat.unusableIndexes(LKML_NORMAL));
    }

    @Test
    void lkmlNormalZoneFragmentationIndexIsMinusOneEverywhere() {
        // 380 free order-10 blocks: S(k) >= 380 > 0 for every k, so every order would succeed -> -1000.
        int[] expected = new int[11];
        java.util.Arrays.fill(expected, -1000);
        assertArrayEquals(expected, VmStat.fragmentationIndexes(LKML_NORMAL));
    }

    @Test
    void lkmlUnmovableListsAlone() {
        // P = 7097 + 13828 + 25892 + 45136 + 69968 + 85248 + 78080 + 40832 + 19968 + 2048 + 0 = 388097
        // T = 34784.
        // unusable: k=1 S<<1 = P - 7097 = 381000 -> 7097000/388097 = 18.3 -> 18; k=2 drop 13828 more:
        // 20925000/388097 = 53.9 -> 53; k=3: 46817000/388097 -> 120; k=4: 91953000/388097 -> 236;
        // k=5: 161921000/388097 -> 417; k=6: 247169000/388097 -> 636; k=7: 325249000/388097 -> 838;
        // k=8: 366081000/388097 -> 943; k=9: 386049000/388097 -> 994; k=10: S = 0 -> 1000.
        assertArrayEquals(new int[] {0, 18, 53, 120, 236, 417, 636, 838, 943, 994, 1000},
                VmStat.unusableIndexes(LKML_UNMOVABLE));
        // fragmentation k=10: S = 0; P*1000/1024 = 388097000/1024 = 379000 (379000.97 truncated);
        // (1000 + 379000) / 34784 = 10 (10.92 truncated); 1000 - 10 = 990. Orders 0..9 have S > 0.
        assertArrayEquals(new int[] {-1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, -1000, 990},
                VmStat.fragmentationIndexes(LKML_UNMOVABLE));
    }

    @Test
    void fragmentationScoreIsExtfragForOrder9InPercent() {
        // LKML Normal: (P - S(9)<<9) * 100 / P = (1149316 - 523776) * 100 / 1149316 = 62554000/1149316 = 54.4 -> 54
        assertEquals(54, VmStat.fragmentationScore(LKML_NORMAL));
        // Unmovable only: S(9)<<9 = 4*512 = 2048; (388097 - 2048) * 100 / 388097 = 99.47 -> 99
        assertEquals(99, VmStat.fragmentationScore(LKML_UNMOVABLE));
        // No free page at all: 0 (proactive compaction has nothing to do), unlike unusable's 1000.
        assertEquals(0, VmStat.fragmentationScore(new long[11]));
        // Only order-10 blocks: nothing is in blocks below order 9.
        assertEquals(0, VmStat.fragmentationScore(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}));
        assertEquals(VmStat.extfragForOrder(LKML_NORMAL, 9), VmStat.fragmentationScore(LKML_NORMAL));
    }

    @Test
    void emptyZone() {
        long[] none = new long[11];
        for (int order = 0; order <= 10; order++) {
            assertEquals(1000, VmStat.unusableIndex(none, order), "no free memory is all unusable");
            assertEquals(0, VmStat.fragmentationIndex(none, order), "no free block: lack of memory");
        }
    }

    @Test
    void singleFreePageGoesBelowZeroAsTheKernelDoes() {
        // P = 1, T = 1, S(k>0) = 0: 1000 - (1000 + 1000 / 2^k) / 1
        // k=1: 1000 - 1500 = -500; k=2: -250; k=3: -125; k=4: 1000/16 = 62 -> -62; k=5: 31 -> -31;
        // k=6: 15 -> -15; k=7: 7 -> -7; k=8: 3 -> -3; k=9: 1 -> -1; k=10: 1000/1024 = 0 -> 0.
        long[] one = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(new int[] {-1000, -500, -250, -125, -62, -31, -15, -7, -3, -1, 0},
                VmStat.fragmentationIndexes(one));
        assertArrayEquals(new int[] {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                VmStat.unusableIndexes(one));
    }

    @Test
    void fragmentationNearOneWhenManySmallBlocks() {
        // 1000 order-0 pages, k=10: P*1000/1024 = 976; (1000 + 976) / 1000 = 1; 1000 - 1 = 999.
        long[] dust = {1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(999, VmStat.fragmentationIndex(dust, 10));
        // Two order-9 blocks, k=10: P = 1024, 1024*1000/1024 = 1000; (1000 + 1000) / 2 = 1000; -> 0:
        // exactly enough memory, so the index blames lack of memory, not fragmentation.
        assertEquals(0, VmStat.fragmentationIndex(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0}, 10));
    }

    @Test
    void printsAsTheKernelsPercentDDotPercent03d() {
        assertEquals("-1.000", VmStat.formatThousandths(-1000));
        assertEquals("0.000", VmStat.formatThousandths(0));
        assertEquals("1.000", VmStat.formatThousandths(1000));
        assertEquals("0.661", VmStat.formatThousandths(661));
        assertEquals("0.008", VmStat.formatThousandths(8));
        assertEquals("0.990", VmStat.formatThousandths(990));
        // C truncates toward zero and keeps the dividend's sign in %: -500 / 1000 = 0, -500 % 1000 = -500.
        assertEquals("0.-500", VmStat.formatThousandths(-500));
        // %03d pads with zeros after the sign: printf("%03d", -7) is "-07".
        assertEquals("0.-07", VmStat.formatThousandths(-7));
        assertEquals("0.-62", VmStat.formatThousandths(-62));
    }

    @Test
    void rejectsMalformedCounts() {
        assertThrows(IllegalArgumentException.class, () -> VmStat.unusableIndex(new long[10], 0));
        assertThrows(IllegalArgumentException.class,
                () -> VmStat.fragmentationIndex(new long[] {0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> VmStat.unusableIndex(new long[11], 11));
        assertThrows(IllegalArgumentException.class, () -> VmStat.fragmentationIndex(new long[11], -1));
    }
}
