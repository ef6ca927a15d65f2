package org.contigsim.coordinator;

import java.util.List;

/**
 * How many jobs are in each state, counted once for the epoch rows, results.json and the report.
 *
 * @param waiting waiting for buffers, or with an allocation in flight
 * @param contiguous completed on buffers that met min-chunk (the rest of {@code completed} ran on
 *     fallbacks)
 */
record JobCounts(int arrived, int waiting, int running, int completed, int contiguous, int failed) {
    static JobCounts of(List<Job> jobs) {
        int waiting = 0;
        int running = 0;
        int completed = 0;
        int contiguous = 0;
        int failed = 0;
        for (Job j : jobs) {
            switch (j.state) {
                case WAITING, ALLOCATING -> waiting++;
                case RUNNING -> running++;
                case DONE -> {
                    completed++;
                    contiguous += j.contiguous ? 1 : 0;
                }
                case FAILED -> failed++;
                default -> throw new IllegalStateException(j.state.name());
            }
        }
        return new JobCounts(jobs.size(), waiting, running, completed, contiguous, failed);
    }

    int fallback() {
        return completed - contiguous;
    }
}
