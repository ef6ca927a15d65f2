package org.contigsim.nic;

/**
 * How a message stream uses a buffer's translation pages (MTT pages, or 4 KiB IOMMU pages):
 * the pages an average message touches and the working set the stream keeps reusing.
 *
 * @param pagesPerMessage translation pages one message touches, on average
 * @param workingSet distinct pages the stream cycles through
 * @param cyclic true when the stream sweeps the same working set in the same order (perftest);
 *     false when every page is equally likely (random offsets)
 */
record Footprint(double pagesPerMessage, long workingSet, boolean cyclic) {
    /** perftest steps small messages through one cycle buffer of this many bytes (a page). */
    static final long CYCLE_BYTES = 4096;
    /** perftest and the random pattern align message addresses to cache lines. */
    static final long LINE = 64;

    static Footprint of(AccessPattern pattern, long iova, long length, long pageSize, long messageBytes) {
        long pages = MttPageSize.entries(iova, length, pageSize);
        if (pattern == AccessPattern.RANDOM) {
            long lines = (messageBytes + LINE - 1) / LINE;
            double touched = 1 + (double) (lines - 1) * LINE / pageSize;
            return new Footprint(Math.min(touched, pages), pages, false);
        }
        if (messageBytes <= CYCLE_BYTES / 2) {
            // perftest's increase_loc_addr: step by the size rounded up to a cache line, wrap after
            // cycle/step messages, so every message stays inside the first cycle buffer
            long step = (messageBytes + LINE - 1) / LINE * LINE;
            long perCycle = Math.min(CYCLE_BYTES, length) / step;
            long touched = 0;
            for (long j = 0; j < perCycle; j++) {
                touched += MttPageSize.entries(iova + j * step, messageBytes, pageSize);
            }
            long ws = MttPageSize.entries(iova, (perCycle - 1) * step + messageBytes, pageSize);
            return new Footprint((double) touched / perCycle, ws, true);
        }
        long touched = MttPageSize.entries(iova, messageBytes, pageSize);
        return new Footprint(touched, touched, true);
    }

    /**
     * Share of lookups that hit an LRU cache of {@code capacity} entries in steady state: a cyclic
     * sweep hits everything or (once it outgrows the cache) nothing; under uniform random
     * references LRU keeps capacity/N of the entries.
     */
    double hitRatio(long capacity) {
        if (workingSet <= capacity) {
            return 1;
        }
        return cyclic ? 0 : (double) capacity / workingSet;
    }
}
