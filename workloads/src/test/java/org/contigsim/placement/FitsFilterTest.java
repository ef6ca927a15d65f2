package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FitsFilterTest {
    static final long G = 1L << 30;

    @Test
    void shouldAcceptAHostWhoseOfferHoldsTheNeed() {
        FitsFilter fits = new FitsFilter();
        assertTrue(fits.accepts(new Candidate(0, 4 * G, 0), 4 * G), "exactly the need");
        assertTrue(fits.accepts(new Candidate(0, 8 * G, 0), 4 * G));
        assertFalse(fits.accepts(new Candidate(0, 4 * G - 4096, 100 * G), 4 * G), "free memory does not count");
    }
}
