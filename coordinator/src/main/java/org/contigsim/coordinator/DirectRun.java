package org.contigsim.coordinator;

import org.contigsim.host.Host;
import org.contigsim.host.HostNode;
import org.contigsim.scenario.Scenario;

/**
 * A run without actors: the same {@link Simulation} driving {@link Host}s in a loop on one thread.
 * What the cluster run must reproduce byte for byte, and the baseline of the coordination
 * benchmark.
 */
public final class DirectRun {
    private DirectRun() {
    }

    /** A finished run and each host's final /proc/buddyinfo. */
    public record Outcome(Simulation simulation, java.util.List<String> buddyinfo) {
    }

    public static Simulation run(Scenario scenario, long seed) {
        return runWithHosts(scenario, seed).simulation();
    }

    public static Outcome runWithHosts(Scenario scenario, long seed) {
        Simulation sim = new Simulation(scenario, seed);
        Host[] hosts = new Host[scenario.hosts()];
        for (int h = 0; h < hosts.length; h++) {
            hosts[h] = new Host(sim.setup(h));
        }
        while (!sim.finished()) {
            Simulation.Plan plan = sim.plan();
            HostNode.EpochDone[] replies = new HostNode.EpochDone[hosts.length];
            for (int h = 0; h < hosts.length; h++) {
                Host.Epoch e = hosts[h].advance(plan.untilNanos(), plan.assignments().get(h));
                replies[h] = new HostNode.EpochDone(plan.epoch(), e.summary(), e.outcomes());
            }
            sim.absorb(replies);
        }
        java.util.List<String> buddyinfo = new java.util.ArrayList<>();
        for (Host h : hosts) {
            buddyinfo.add(h.buddyinfo());
        }
        return new Outcome(sim, java.util.List.copyOf(buddyinfo));
    }
}
