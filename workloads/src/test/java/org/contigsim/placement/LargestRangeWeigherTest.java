package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LargestRangeWeigherTest {
    static final long G = 1L << 30;

    @Test
    void shouldPreferLargerOffers() {
        LargestRangeWeigher w = new LargestRangeWeigher();
        assertEquals(9.0 * G, w.weigh(new Candidate(0, 9 * G, 0), G));
        assertTrue(w.weigh(new Candidate(5, 9 * G, 0), G) > w.weigh(new Candidate(0, 5 * G, 99 * G), G));
    }
}
