package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.placement.FitsFilter;
import org.contigsim.placement.LargestRangeWeigher;
import org.contigsim.placement.LowIdWeigher;
import org.contigsim.placement.MostFreeWeigher;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;
import org.junit.jupiter.api.Test;

class PlacementTest {
    static final long G = 1L << 30;

    private static long[] ranges() {
        return new long[] {3 * G, 9 * G, 1 * G, 5 * G, 4 * G};
    }

    private static long[] free() {
        return new long[] {10 * G, 10 * G, 10 * G, 10 * G, 10 * G};
    }

    @Test
    void firstFitTakesTheLowestHostsThatHoldTheBuffer() {
        long[] available = ranges();
        assertArrayEquals(new int[] {0, 1},
                new Placement(PlacementPolicy.Named.FIRST_FIT).place(available, free(), 2, 2 * G));
        assertArrayEquals(new long[] {1 * G, 7 * G, 1 * G, 5 * G, 4 * G}, available, "booked");
    }

    @Test
    void bestContiguityTakesTheLargestRanges() {
        assertArrayEquals(new int[] {1, 3},
                new Placement(PlacementPolicy.Named.BEST_CONTIGUITY).place(ranges(), free(), 2, 2 * G));
    }

    @Test
    void fragmentationAwareTakesTheTightestRangesThatFit() {
        // 4 GiB and 5 GiB hold a 4 GiB window with the least left over; 9 GiB stays whole
        assertArrayEquals(new int[] {3, 4},
                new Placement(PlacementPolicy.Named.FRAGMENTATION_AWARE).place(ranges(), free(), 2, 4 * G));
    }

    @Test
    void shouldAskForAWindowOfThePowerOfTwoAboveTheBuffer() {
        // 3 GiB needs a 4 GiB aligned window: hosts 0 (3) and 2 (1) cannot give one
        assertArrayEquals(new int[] {1, 3},
                new Placement(PlacementPolicy.Named.FIRST_FIT).place(ranges(), free(), 2,
                        BufferPolicy.alignedWindow(3 * G)));
        assertEquals(4 * G, BufferPolicy.alignedWindow(3 * G));
        assertEquals(4 * G, BufferPolicy.alignedWindow(4 * G));
    }

    @Test
    void shouldPlaceNothingWhenTooFewHostsPass() {
        long[] available = ranges();
        assertNull(new Placement(PlacementPolicy.Named.BEST_CONTIGUITY).place(available, free(), 3, 8 * G));
        assertArrayEquals(ranges(), available, "nothing booked");
    }

    @Test
    void shouldBookSoTheSameEpochDoesNotOverfillAHost() {
        long[] available = {6 * G, 6 * G};
        Placement p = new Placement(PlacementPolicy.Named.BEST_CONTIGUITY);
        assertArrayEquals(new int[] {0, 1}, p.place(available, free(), 2, 4 * G));
        assertNull(p.place(available, free(), 1, 4 * G), "2 GiB left on each");
    }

    @Test
    void shouldNormaliseEachWeigherOverThePassingHostsBeforeItsMultiplier() {
        // hosts 0, 1, 3, 4 pass (3, 9, 5, 4 GiB): largest-range gives them 0, 1, 1/3, 1/6, low-id 1, 3/4, 1/4, 0
        assertArrayEquals(new int[] {1}, rangeAndId(0.5).place(ranges(), free(), 1, 2 * G), "1 + 3/8 against 0 + 1/2");
        assertArrayEquals(new int[] {0}, rangeAndId(5).place(ranges(), free(), 1, 2 * G), "0 + 5 against 1 + 15/4");
        assertArrayEquals(new int[] {0}, rangeAndId(4).place(ranges(), free(), 1, 2 * G), "a tie, to the lower id");
        Placement most = new Placement(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of(
                new Weighing(new MostFreeWeigher(), 1))));
        long[] free = {1 * G, 2 * G, 10 * G, 3 * G, 4 * G};
        assertArrayEquals(new int[] {3, 4}, most.place(ranges(), free, 2, 2 * G),
                "host 2 has the most free memory but no 2 GiB window");
        assertArrayEquals(new int[] {0, 1}, most.place(ranges(), free(), 2, 2 * G),
                "all equal: the weigher gives every host 0, and the lowest ids win");
    }

    private static Placement rangeAndId(double idMultiplier) {
        return new Placement(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of(
                new Weighing(new LargestRangeWeigher(), 1), new Weighing(new LowIdWeigher(), idMultiplier))));
    }

    @Test
    void shouldTakeTheLowestIdsWithoutWeighersAndEveryHostWithoutFilters() {
        Placement none = new Placement(new PlacementPolicy.Composed(List.of(), List.of()));
        assertArrayEquals(new int[] {0, 1, 2}, none.place(ranges(), free(), 3, 2 * G), "host 2 has only 1 GiB");
        Placement fits = new Placement(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of()));
        assertArrayEquals(new int[] {0, 1, 3}, fits.place(ranges(), free(), 3, 2 * G));
    }

    @Test
    void policiesChangeTheOutcomeOfARun() throws Exception {
        String firstFit = RunResults.json(DirectRun.run(Scenarios.tinyWith(PlacementPolicy.Named.FIRST_FIT), 1));
        String best = RunResults.json(DirectRun.run(Scenarios.tinyWith(PlacementPolicy.Named.BEST_CONTIGUITY), 1));
        String aware = RunResults.json(DirectRun.run(Scenarios.tinyWith(PlacementPolicy.Named.FRAGMENTATION_AWARE), 1));
        assertFalse(firstFit.equals(best) && best.equals(aware), "the policies do not all give the same run");
        assertTrue(best.equals(RunResults.json(DirectRun.run(Scenarios.tinyWith(PlacementPolicy.Named.BEST_CONTIGUITY),
                1))));
    }
}
