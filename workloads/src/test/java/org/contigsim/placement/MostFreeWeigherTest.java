package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MostFreeWeigherTest {
    static final long G = 1L << 30;

    @Test
    void shouldPreferHostsWithMoreFreeMemory() {
        MostFreeWeigher w = new MostFreeWeigher();
        assertEquals(3.0 * G, w.weigh(new Candidate(0, 0, 3 * G), G));
        assertTrue(w.weigh(new Candidate(9, G, 3 * G), G) > w.weigh(new Candidate(0, 9 * G, 2 * G), G));
    }
}
