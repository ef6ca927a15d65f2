package org.contigsim.memory;

/**
 * Cumulative counters of one host's allocator and compaction work, the model's /proc/vmstat.
 * Compaction time is simulated: pages migrated and scanned times the host's per-page costs.
 */
public final class MemoryStats {
    public long allocations;
    public long allocFailures;
    public long frees;
    public long fallbackClaims;
    public long kswapdWakeups;
    public long pagesReclaimed;
    public long compactStall;
    public long compactSuccess;
    public long compactFail;
    public long compactDeferred;
    public long kcompactdRuns;
    public long proactiveRuns;
    public long pagesMigrated;
    public long migrateScanned;
    public long freeScanned;
    public long compactNanos;
    public long contigAttempts;
    public long contigSuccess;

    /** Copy of the counters at this moment. */
    public MemoryStats snapshot() {
        MemoryStats s = new MemoryStats();
        s.allocations = allocations;
        s.allocFailures = allocFailures;
        s.frees = frees;
        s.fallbackClaims = fallbackClaims;
        s.kswapdWakeups = kswapdWakeups;
        s.pagesReclaimed = pagesReclaimed;
        s.compactStall = compactStall;
        s.compactSuccess = compactSuccess;
        s.compactFail = compactFail;
        s.compactDeferred = compactDeferred;
        s.kcompactdRuns = kcompactdRuns;
        s.proactiveRuns = proactiveRuns;
        s.pagesMigrated = pagesMigrated;
        s.migrateScanned = migrateScanned;
        s.freeScanned = freeScanned;
        s.compactNanos = compactNanos;
        s.contigAttempts = contigAttempts;
        s.contigSuccess = contigSuccess;
        return s;
    }
}
