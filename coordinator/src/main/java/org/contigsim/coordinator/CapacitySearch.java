package org.contigsim.coordinator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The search of a capacity block: the fewest hosts in [min, max] that meet the target. It
 * assumes that meeting the target is monotone in the host count (more hosts never serve fewer
 * jobs in time), checks the bracket's ends first (the largest count must meet the target, else
 * there is no answer; if the smallest does, it is the answer) and then halves the bracket until
 * the failing and the meeting count are neighbours. The probes' order depends only on their
 * outcomes, so the same results give the same search. A simulated run is only close to
 * monotone (placement can be unlucky): the answer is the boundary this bisection finds, and the
 * probes show how clear it was.
 */
final class CapacitySearch {
    /**
     * One probed host count.
     *
     * @param jobs jobs counted: those that arrived at least the target wait before the end, over
     *     every replica
     * @param served those of them that started within the target wait
     * @param fraction served / jobs (1 when no job is counted: none waited too long)
     * @param met whether the fraction reaches the target
     */
    record Probe(int hosts, int jobs, int served, double fraction, boolean met) {
    }

    /**
     * The search's result.
     *
     * @param hosts the fewest hosts that meet the target, or null if even the most do not
     * @param probes every probe, in the order they ran
     */
    record Outcome(Integer hosts, List<Probe> probes) {
        Outcome {
            probes = List.copyOf(probes);
        }
    }

    /** Runs a probe: the scenario with {@code hosts} hosts, judged against the target. */
    @FunctionalInterface
    interface Evaluator {
        Probe probe(int hosts) throws IOException;
    }

    private CapacitySearch() {
    }

    static Outcome search(int min, int max, Evaluator evaluator) throws IOException {
        if (min < 1 || min > max) {
            throw new IllegalArgumentException("host range " + min + " to " + max);
        }
        List<Probe> probes = new ArrayList<>();
        Probe low = run(evaluator, min, probes);
        if (low.met()) {
            return new Outcome(min, probes);
        }
        if (max == min || !run(evaluator, max, probes).met()) {
            return new Outcome(null, probes);
        }
        int failing = min;
        int meeting = max;
        while (meeting - failing > 1) {
            int mid = failing + (meeting - failing) / 2;
            if (run(evaluator, mid, probes).met()) {
                meeting = mid;
            } else {
                failing = mid;
            }
        }
        return new Outcome(meeting, probes);
    }

    private static Probe run(Evaluator evaluator, int hosts, List<Probe> probes) throws IOException {
        Probe p = evaluator.probe(hosts);
        if (p.hosts() != hosts) {
            throw new IllegalStateException("probe of " + hosts + " hosts answered for " + p.hosts());
        }
        probes.add(p);
        return p;
    }

    /** Counts one run's jobs against the target; add up replicas with {@link #plus}. */
    record Tally(int jobs, int served) {
        static Tally of(Simulation sim, long waitNanos) {
            int jobs = 0;
            int served = 0;
            for (Job j : sim.jobs()) {
                // a job that arrived later had no full wait before the end: it cannot be judged
                if (j.arrivalNanos <= sim.endNanos() - waitNanos) {
                    jobs++;
                    served += j.startNanos >= 0 && j.waitNanos() <= waitNanos ? 1 : 0;
                }
            }
            return new Tally(jobs, served);
        }

        Tally plus(Tally t) {
            return new Tally(jobs + t.jobs, served + t.served);
        }

        Probe judge(int hosts, double target) {
            double fraction = jobs == 0 ? 1 : served / (double) jobs;
            return new Probe(hosts, jobs, served, fraction, fraction >= target);
        }
    }
}
