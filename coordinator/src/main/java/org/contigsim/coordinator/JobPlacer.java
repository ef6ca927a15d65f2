package org.contigsim.coordinator;

import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.host.Assignment;
import org.contigsim.host.HostSummary;
import org.contigsim.scenario.JobSpec;

/**
 * Places waiting jobs at the start of an epoch, in queue order, on the memory the hosts last
 * reported, with the scenario's {@link Placement} policy: what a host offers and what a buffer
 * needs follow the buffer policy (an aligned window for alloc_contig_pages, whole huge pages for
 * hugetlb, free memory for the buddy allocator).
 */
final class JobPlacer {
    private final JobSpec spec;
    private final Placement placement;
    private final BufferPolicy bufferPolicy;

    JobPlacer(JobSpec spec, Placement placement, BufferPolicy bufferPolicy) {
        this.spec = spec;
        this.placement = placement;
        this.bufferPolicy = bufferPolicy;
    }

    /**
     * Places what fits of {@code queue}'s waiting jobs at {@code t} and adds their allocations
     * to {@code pending}, the hosts' next assignments; returns how many were placed. Nothing is
     * placed before every host has reported ({@code summaries} holds no null).
     */
    int place(JobQueue queue, HostSummary[] summaries, long t, List<Assignment>[] pending) {
        List<Job> waiting = queue.waiting();
        if (waiting.isEmpty() || summaries[0] == null) {
            return 0;
        }
        long need = need();
        long[] available = new long[summaries.length];
        long[] free = new long[summaries.length];
        for (int h = 0; h < summaries.length; h++) {
            available[h] = available(summaries[h]);
            free[h] = summaries[h].freeBytes();
        }
        int placed = 0;
        for (Job j : waiting) {
            if (j.notBeforeNanos > t) {
                continue; // backing off after a failed attempt (jobs.retry)
            }
            int[] hosts = placement.place(available, free, spec.hostsPerJob(), need);
            if (hosts == null) {
                continue; // a later, identical job cannot fit either, but keep the scan simple and fair
            }
            queue.allocate(j, hosts);
            for (int h : hosts) {
                pending[h].add(new Assignment.Allocate(t, j.id, spec.bufferBytes()));
            }
            placed++;
        }
        return placed;
    }

    /** What a host must have for one buffer under the policy ({@link BufferPolicy#need}). */
    private long need() {
        return bufferPolicy.need(spec.bufferBytes());
    }

    /** What a host offers under the policy, as it last reported it. */
    private long available(HostSummary s) {
        return switch (bufferPolicy.offer()) {
            case ALIGNED_RANGE -> s.largestAlignedContigBytes();
            case HUGE_PAGES -> s.hugetlbFreeBytes();
            case AVAILABLE_MEMORY -> s.availableBytes();
        };
    }
}
