package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertArrayEquals(new int[] {0, 1}, Placement.named("first-fit").place(available, free(), 2, 2 * G));
        assertArrayEquals(new long[] {1 * G, 7 * G, 1 * G, 5 * G, 4 * G}, available, "booked");
    }

    @Test
    void bestContiguityTakesTheLargestRanges() {
        assertArrayEquals(new int[] {1, 3}, Placement.named("best-contiguity").place(ranges(), free(), 2, 2 * G));
    }

    @Test
    void fragmentationAwareTakesTheTightestRangesThatFit() {
        // 4 GiB and 5 GiB hold a 4 GiB window with the least left over; 9 GiB stays whole
        assertArrayEquals(new int[] {3, 4}, Placement.named("fragmentation-aware").place(ranges(), free(), 2, 4 * G));
    }

    @Test
    void shouldAskForAWindowOfThePowerOfTwoAboveTheBuffer() {
        // 3 GiB needs a 4 GiB aligned window: hosts 0 (3) and 2 (1) cannot give one
        assertArrayEquals(new int[] {1, 3},
                Placement.named("first-fit").place(ranges(), free(), 2, Placement.window(3 * G)));
        assertEquals(4 * G, Placement.window(3 * G));
        assertEquals(4 * G, Placement.window(4 * G));
    }

    @Test
    void shouldPlaceNothingWhenTooFewHostsPass() {
        long[] available = ranges();
        assertNull(Placement.named("best-contiguity").place(available, free(), 3, 8 * G));
        assertArrayEquals(ranges(), available, "nothing booked");
    }

    @Test
    void shouldBookSoTheSameEpochDoesNotOverfillAHost() {
        long[] available = {6 * G, 6 * G};
        Placement p = Placement.named("best-contiguity");
        assertArrayEquals(new int[] {0, 1}, p.place(available, free(), 2, 4 * G));
        assertNull(p.place(available, free(), 1, 4 * G), "2 GiB left on each");
    }

    @Test
    void shouldComposeFiltersAndWeighers() {
        Placement.Filter plentyFree = (c, bytes) -> c.freeBytes() >= 2 * bytes;
        Placement p = new Placement(List.of(Placement.FITS, plentyFree), List.of(Placement.LOW_ID));
        long[] free = {10 * G, 1 * G, 10 * G, 10 * G, 10 * G};
        assertArrayEquals(new int[] {3, 4}, p.place(ranges(), free, 2, 4 * G),
                "host 1 lacks free memory, hosts 0 and 2 a 4 GiB window");
        assertThrows(IllegalArgumentException.class, () -> Placement.named("random"));
    }

    @Test
    void policiesChangeTheOutcomeOfARun() throws Exception {
        String firstFit = RunResults.json(DirectRun.run(Scenarios.tinyWith("first-fit"), 1));
        String best = RunResults.json(DirectRun.run(Scenarios.tinyWith("best-contiguity"), 1));
        String aware = RunResults.json(DirectRun.run(Scenarios.tinyWith("fragmentation-aware"), 1));
        assertFalse(firstFit.equals(best) && best.equals(aware), "the policies do not all give the same run");
        assertTrue(best.equals(RunResults.json(DirectRun.run(Scenarios.tinyWith("best-contiguity"), 1))));
    }
}
