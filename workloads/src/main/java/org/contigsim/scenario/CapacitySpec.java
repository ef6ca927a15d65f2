package org.contigsim.scenario;

/**
 * A capacity search (the scenario's {@code capacity} block): the smallest host count, between
 * {@code minHosts} and {@code maxHosts}, at which at least {@code fraction} of the jobs start
 * within {@code waitNanos} of arriving. docs/scenarios.md gives the rules.
 *
 * @param minHosts the smallest host count tried (at least the scenario's jobs.hosts-per-job)
 * @param maxHosts the largest host count tried
 * @param waitNanos simulated nanoseconds within which a job must start to count as served;
 *     shorter than the scenario's duration
 * @param fraction the share of counted jobs that must be served, 0..1
 */
public record CapacitySpec(int minHosts, int maxHosts, long waitNanos, double fraction) {

    public CapacitySpec {
        if (minHosts < 1 || minHosts > maxHosts) {
            throw new IllegalArgumentException("host range " + minHosts + " to " + maxHosts);
        }
        if (waitNanos < 0 || !(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("target " + waitNanos + " ns, " + fraction);
        }
    }

    /** The most probes a bisection over the host range takes: both ends, then one per halving. */
    public int maxProbes() {
        int span = maxHosts - minHosts;
        if (span == 0) {
            return 1;
        }
        return 2 + (32 - Integer.numberOfLeadingZeros(span - 1));
    }
}
