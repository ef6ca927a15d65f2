package org.contigsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.contigsim.machine.HostSpec;

/**
 * A cluster run: how many hosts of what kind, the background that ages their memory, how long to
 * simulate, and the jobs that arrive needing contiguous buffers. Read from HOCON by
 * {@link ScenarioParser}, which fills in every default and validates every value; docs/scenarios.md
 * describes the keys.
 *
 * @param name what reports call the run; the file name without {@code .conf} unless given
 * @param hosts number of simulated hosts, 1..100000
 * @param host what every host is (all hosts are alike)
 * @param background the workload that runs on every host all the time: a preset's name or the
 *     canonical text of a background block ({@code Background.spec()}, read by {@code Workloads.fromSpec})
 * @param warmupNanos simulated nanoseconds of background only, before the first job arrives
 * @param durationNanos simulated nanoseconds of the run after the warm-up, in which jobs arrive
 * @param epochNanos simulated nanoseconds between two synchronisations of the hosts; divides the
 *     run into {@code durationNanos / epochNanos} steps (at most {@code durationNanos})
 * @param jobs the jobs that arrive during the run
 * @param policies the parameters of the buffer policies ({@code jobs.policy} picks one)
 * @param classes further kinds of host; the hosts they do not take are {@code host} with
 *     {@code background} (see {@link #fleet})
 */
public record Scenario(String name, int hosts, HostSpec host, String background, long warmupNanos,
        long durationNanos, long epochNanos, JobSpec jobs, PolicySettings policies, List<HostClass> classes) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(policies, "policies");
        classes = List.copyOf(classes);
        int taken = 0;
        for (HostClass c : classes) {
            taken += c.count();
        }
        if (taken > hosts) {
            throw new IllegalArgumentException("host classes hold " + taken + " hosts, more than hosts (" + hosts + ")");
        }
    }

    /** A fleet of identical hosts with the policies' default parameters. */
    public Scenario(String name, int hosts, HostSpec host, String background, long warmupNanos, long durationNanos,
            long epochNanos, JobSpec jobs) {
        this(name, hosts, host, background, warmupNanos, durationNanos, epochNanos, jobs, PolicySettings.DEFAULTS,
                List.of());
    }

    /**
     * Every class with its count: first the {@code default} class (the hosts the other classes do
     * not take; left out when none), then the others in file order. Host ids follow this order.
     */
    public List<HostClass> fleet() {
        List<HostClass> fleet = new ArrayList<>();
        int rest = hosts;
        for (HostClass c : classes) {
            rest -= c.count();
        }
        if (rest > 0) {
            fleet.add(new HostClass(HostClass.DEFAULT, rest, host, background, null));
        }
        fleet.addAll(classes);
        return fleet;
    }

    /** The class of host {@code hostId} (0 .. hosts-1). */
    public HostClass classOf(int hostId) {
        return slot(hostId).hostClass();
    }

    /** Where {@code hostId} stands among its class's hosts, 0 for the class's first. */
    public int indexInClass(int hostId) {
        return slot(hostId).index();
    }

    private record Slot(HostClass hostClass, int index) {
    }

    private Slot slot(int hostId) {
        int first = 0;
        for (HostClass c : fleet()) {
            if (hostId < first + c.count()) {
                return new Slot(c, hostId - first);
            }
            first += c.count();
        }
        throw new IllegalArgumentException("host " + hostId + " is not one of the " + hosts + " hosts");
    }

    /**
     * This scenario as HOCON with every key written out, defaults included, in a fixed order;
     * {@link ScenarioParser#parse} of the text gives back an equal scenario.
     */
    public String render() {
        return ScenarioRenderer.render(this);
    }
}
