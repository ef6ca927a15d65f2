package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Deferral as compaction.c backs off: 2^shift considerations skipped per failure, orders below the failed one never. */
class ZoneCompactionTest {
    @Test
    void shouldSkipTwoToTheShiftMinusOneRunsAfterFailures() {
        ZoneCompaction c = new ZoneCompaction(0);
        c.defer(9);
        c.defer(9);
        assertEquals(2, c.deferShift());
        assertEquals(9, c.orderFailed());
        assertTrue(c.deferred(9));
        assertTrue(c.deferred(9));
        assertTrue(c.deferred(9));
        assertFalse(c.deferred(9), "the 4th consideration after shift 2 runs");
        assertFalse(c.deferred(9), "and stays allowed until the next failure");
    }

    @Test
    void shouldNeverDeferOrdersBelowTheFailedOne() {
        ZoneCompaction c = new ZoneCompaction(0);
        c.defer(9);
        assertFalse(c.deferred(8));
        assertEquals(0, c.considered(), "a smaller order does not count as a consideration");
    }

    @Test
    void shouldCapTheShiftAndResetOnSuccess() {
        ZoneCompaction c = new ZoneCompaction(0);
        for (int i = 0; i < 10; i++) {
            c.defer(4);
        }
        assertEquals(ZoneCompaction.COMPACT_MAX_DEFER_SHIFT, c.deferShift());
        c.deferReset(4, true);
        assertEquals(0, c.deferShift());
        assertEquals(5, c.orderFailed(), "a success at order 4 lets orders up to 4 run");
        assertFalse(c.deferred(4));
    }

    @Test
    void shouldKeepTheScannerPositionsItIsGiven() {
        ZoneCompaction c = new ZoneCompaction(7680);
        assertEquals(0, c.cachedMigrate());
        assertEquals(7680, c.cachedFree(), "the free scanner starts at the last pageblock");
        c.setCached(1024, 2048);
        assertEquals(1024, c.cachedMigrate());
        assertEquals(2048, c.cachedFree());
    }
}
