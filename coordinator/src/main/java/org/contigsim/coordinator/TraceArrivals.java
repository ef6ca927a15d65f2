package org.contigsim.coordinator;

import java.util.List;
import org.contigsim.scenario.ArrivalSpec;

/** The arrivals of a trace, as the file gives them: no randomness at all. */
final class TraceArrivals implements JobArrivals.Process {
    private final List<ArrivalSpec.TraceJob> jobs;
    private final long from;
    private int next;

    TraceArrivals(ArrivalSpec.Trace trace, long from) {
        this.jobs = trace.jobs();
        this.from = from;
    }

    @Override
    public JobArrivals.Arrival next() {
        if (next == jobs.size()) {
            return JobArrivals.Arrival.NONE;
        }
        ArrivalSpec.TraceJob j = jobs.get(next++);
        return new JobArrivals.Arrival(JobArrivals.after(from, j.atNanos()), j.bytes(), j.durationNanos());
    }
}
