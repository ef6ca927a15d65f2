package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.scenario.CapacitySpec;

/**
 * What a capacity search found, as its {@code results.json} holds it: the answer, the target,
 * and every probe in the order they ran.
 */
public record CapacityResults(String scenario, long seed, Capacity capacity) {

    /**
     * @param hosts the fewest hosts that meet the target, or null if even the most do not
     * @param replicas runs per probe
     */
    public record Capacity(Integer hosts, Target target, int replicas, List<Step> probes) {
        public Capacity {
            probes = List.copyOf(probes);
        }
    }

    /** The capacity block: the share of jobs that must start within the wait, and the host counts searched. */
    public record Target(double waitSeconds, double fraction, int minHosts, int maxHosts) {
    }

    /** One probe as written: its served fraction rounded to 6 decimals. */
    public record Step(int hosts, double fraction, boolean met, int jobs, int served) {
    }

    static CapacityResults of(String scenario, long seed, CapacitySpec c, int replicas, CapacitySearch.Outcome outcome) {
        List<Step> steps = new ArrayList<>();
        for (CapacitySearch.Probe p : outcome.probes()) {
            steps.add(new Step(p.hosts(), Comparison.round(p.fraction()), p.met(), p.jobs(), p.served()));
        }
        Target target = new Target(c.waitNanos() / 1e9, c.fraction(), c.minHosts(), c.maxHosts());
        return new CapacityResults(scenario, seed, new Capacity(outcome.hosts(), target, replicas, steps));
    }
}
