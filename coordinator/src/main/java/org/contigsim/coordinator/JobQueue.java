package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.nic.RegionLayout;
import org.contigsim.scenario.JobSpec;
import org.contigsim.scenario.RetrySpec;

/**
 * The run's jobs, and the queue of those waiting for hosts: arrivals join it in arrival order, a
 * job waiting longer than max-wait fails, and a job whose attempt failed waits again in id order
 * once its backoff has passed (jobs.retry), or fails when it has had its attempts.
 */
final class JobQueue {
    /** A backoff beyond any run (365 days) means never; capped so time cannot overflow. */
    private static final double MAX_BACKOFF_NANOS = 1e18;

    private final JobSpec spec;
    private final JobArrivals arrivals;
    /** Every job that has arrived, by id. */
    private final List<Job> jobs = new ArrayList<>();
    /** Waiting jobs in arrival order. */
    private final List<Job> waiting = new ArrayList<>();

    JobQueue(JobSpec spec, JobArrivals arrivals) {
        this.spec = spec;
        this.arrivals = arrivals;
    }

    /** The jobs arrived by {@code t} join the queue; those that waited longer than max-wait by then fail. */
    void admit(long t) {
        while (arrivals.peek() <= t) {
            Job j = new Job(jobs.size(), arrivals.take());
            jobs.add(j);
            waiting.add(j);
        }
        waiting.removeIf(j -> {
            if (t - j.arrivalNanos > spec.maxWaitNanos()) {
                j.state = Job.State.FAILED;
                return true;
            }
            return false;
        });
    }

    /** The waiting jobs in queue order, as they are now. */
    List<Job> waiting() {
        return List.copyOf(waiting);
    }

    /** Job {@code j} leaves the queue for an attempt on {@code hosts}: its buffers are being allocated. */
    void allocate(Job j, int[] hosts) {
        waiting.remove(j);
        j.state = Job.State.ALLOCATING;
        j.hosts = hosts;
        j.layouts = new RegionLayout[hosts.length];
        j.minChunks = new long[hosts.length];
        j.chunks = new int[hosts.length];
        j.attempts++;
    }

    /**
     * Job {@code j}'s attempt failed and its buffers go back at {@code releasedNanos}: it waits
     * again once its backoff from then has passed, or fails when it was the last attempt allowed.
     */
    void retry(Job j, long releasedNanos) {
        j.state = Job.State.WAITING;
        j.hosts = new int[0];
        j.layouts = new RegionLayout[0];
        j.minChunks = new long[0];
        j.chunks = new int[0];
        RetrySpec r = spec.retry();
        if (r.maxAttempts() > 0 && j.attempts >= r.maxAttempts()) {
            j.state = Job.State.FAILED;
            return;
        }
        // every attempt so far failed; StrictMath, so every JVM waits alike
        double backoff = r.backoffNanos() * StrictMath.pow(r.backoffFactor(), j.attempts - 1);
        j.notBeforeNanos = releasedNanos + (long) Math.min(backoff, MAX_BACKOFF_NANOS);
        waiting.add(j);
        waiting.sort((a, b) -> Long.compare(a.id, b.id));
    }

    /** Whether a job is waiting or has an allocation in flight: the coordinator has work next epoch. */
    boolean busy() {
        boolean busy = !waiting.isEmpty();
        for (Job j : jobs) {
            busy |= j.state == Job.State.ALLOCATING;
        }
        return busy;
    }

    /** The next job arrival or end of a running job, MAX_VALUE when there is none. */
    long nextEventNanos() {
        long next = arrivals.peek();
        for (Job j : jobs) {
            if (j.state == Job.State.RUNNING) {
                next = Math.min(next, j.endNanos);
            }
        }
        return next;
    }

    /** Every job that has arrived, by id (the queue's own list: read it, do not change it). */
    List<Job> all() {
        return jobs;
    }
}
