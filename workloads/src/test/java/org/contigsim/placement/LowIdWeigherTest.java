package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LowIdWeigherTest {
    static final long G = 1L << 30;

    @Test
    void shouldPreferLowerHostIds() {
        LowIdWeigher w = new LowIdWeigher();
        assertEquals(-7, w.weigh(new Candidate(7, G, G), G));
        assertTrue(w.weigh(new Candidate(1, G, G), G) > w.weigh(new Candidate(2, 9 * G, 9 * G), G));
    }
}
