package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.host.HostSummary;

/**
 * What a run records as it goes: each host's latest summary, and one {@link EpochRecord} per
 * executed epoch with the migration and compaction work the hosts did in it.
 */
final class EpochRows {
    private final HostSummary[] summaries;
    private final List<EpochRecord> rows = new ArrayList<>();
    /** Over the hosts' latest summaries: pages migrated and time compacting since the start. */
    private long migrated;
    private long compactNanos;

    EpochRows(int hosts) {
        summaries = new HostSummary[hosts];
    }

    /** Host {@code h}'s summary at the end of the epoch being recorded. */
    void report(int h, HostSummary s) {
        summaries[h] = s;
    }

    /**
     * Closes the epoch of {@code plan} once every host has reported: its row, with the job
     * counts of {@code jobs} as they are now.
     */
    EpochRecord close(Simulation.Plan plan, int placed, int failures, List<Job> jobs) {
        long migratedNow = 0;
        long compactNow = 0;
        for (HostSummary s : summaries) {
            migratedNow += s.pagesMigrated();
            compactNow += s.compactNanos();
        }
        EpochRecord r = EpochRecord.of(plan, placed, failures, jobs, summaries, migratedNow - migrated,
                compactNow - compactNanos);
        migrated = migratedNow;
        compactNanos = compactNow;
        rows.add(r);
        return r;
    }

    /** The hosts' summaries as they last reported (null before the first epoch). */
    HostSummary[] summaries() {
        return summaries;
    }

    List<EpochRecord> rows() {
        return List.copyOf(rows);
    }
}
