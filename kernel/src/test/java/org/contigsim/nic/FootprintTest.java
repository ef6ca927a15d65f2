package org.contigsim.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;

/** The analytic hit ratios against a real LRU cache fed the same references. */
class FootprintTest {
    private static final long MIB = 1 << 20;

    /** An LRU cache of page numbers, counting hits. */
    private static final class Lru {
        private final int capacity;
        private final Map<Long, Boolean> entries;
        long hits;
        long lookups;

        Lru(int capacity) {
            this.capacity = capacity;
            this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > Lru.this.capacity;
                }
            };
        }

        void lookup(long page, boolean count) {
            if (entries.get(page) != null) {
                hits += count ? 1 : 0;
            } else {
                entries.put(page, Boolean.TRUE);
            }
            lookups += count ? 1 : 0;
        }

        double hitRatio() {
            return (double) hits / lookups;
        }
    }

    @Test
    void shouldMatchLruUnderRandomOffsets() {
        for (long buffer : new long[] {8 * MIB, 64 * MIB, 256 * MIB}) {
            RegionLayout r = RegionLayout.scattered(0x10000000L, buffer);
            long size = 8192;
            Footprint f = Footprint.of(AccessPattern.RANDOM, r.iova(), r.length(), 4096, size);
            Lru lru = new Lru(4096);
            Rng rng = new Rng(7);
            long lines = (buffer - size) / Footprint.LINE;
            long touched = 0;
            int messages = 400_000;
            for (int i = 0; i < messages; i++) {
                long start = r.iova() + rng.nextLong(lines + 1) * Footprint.LINE;
                long first = start / 4096;
                long last = (start + size - 1) / 4096;
                for (long p = first; p <= last; p++) {
                    lru.lookup(p, i >= messages / 4);
                }
                touched += last - first + 1;
            }
            assertEquals(f.hitRatio(4096), lru.hitRatio(), 0.02, buffer + " B buffer");
            assertEquals(f.pagesPerMessage(), (double) touched / messages, 0.01);
        }
    }

    @Test
    void shouldHitEverythingOrNothingWhenPerftestSweepsTheSamePages() {
        for (long size : new long[] {64, 2048, 64 << 10, 8 * MIB}) {
            for (int capacity : new int[] {1, 16, 1024, 4096}) {
                Footprint f = Footprint.of(AccessPattern.PERFTEST, 0x7f0000001000L, 16 * MIB, 4096, size);
                Lru lru = new Lru(capacity);
                for (int round = 0; round < 4; round++) {
                    long step = Math.max(64, size);
                    long messages = size <= 2048 ? 4096 / step : 1;
                    for (long j = 0; j < messages; j++) {
                        long start = 0x7f0000001000L + (size <= 2048 ? j * step : 0);
                        for (long p = start / 4096; p <= (start + size - 1) / 4096; p++) {
                            lru.lookup(p, round > 0);
                        }
                    }
                }
                assertEquals(f.hitRatio(capacity), lru.hitRatio(), 1e-9, size + " B, " + capacity + " entries");
            }
        }
    }

    @Test
    void shouldCountPagesASmallMessageCrossesWhenTheBufferIsNotPageAligned() {
        // perftest steps 1 KiB messages through 4 KiB starting 2 KiB into a page: half of them straddle
        Footprint f = Footprint.of(AccessPattern.PERFTEST, 0x7f0000000800L, 16 * MIB, 4096, 1024);
        assertEquals(1.0, f.pagesPerMessage(), 1e-9, "1 KiB steps never straddle a boundary 2 KiB in");
        Footprint g = Footprint.of(AccessPattern.PERFTEST, 0x7f0000000a00L, 16 * MIB, 4096, 1024);
        assertEquals(1.25, g.pagesPerMessage(), 1e-9);
        assertEquals(2, g.workingSet());
    }
}
