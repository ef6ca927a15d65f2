package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TightestRangeWeigherTest {
    static final long G = 1L << 30;

    @Test
    void shouldPreferTheOfferThatLeavesLeastOver() {
        TightestRangeWeigher w = new TightestRangeWeigher();
        assertEquals(0, w.weigh(new Candidate(0, 4 * G, 0), 4 * G), 0, "an exact fit leaves nothing");
        assertEquals(-1.0 * G, w.weigh(new Candidate(0, 5 * G, 0), 4 * G));
        assertTrue(w.weigh(new Candidate(0, 5 * G, 0), 4 * G) > w.weigh(new Candidate(0, 9 * G, 0), 4 * G));
    }
}
