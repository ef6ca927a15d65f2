package org.contigsim.scenario;

import java.util.Objects;

/**
 * A cluster run: how many hosts of what kind, the background that ages their memory, how long to
 * simulate, and the jobs that arrive needing contiguous buffers. Read from HOCON by
 * {@link ScenarioParser}, which fills in every default and validates every value; docs/scenarios.md
 * describes the keys.
 *
 * @param name what reports call the run; the file name without {@code .conf} unless given
 * @param hosts number of simulated hosts, 1..100000
 * @param host what every host is (all hosts are alike)
 * @param background the workload that runs on every host all the time (one of {@code Workloads.NAMES})
 * @param warmupNanos simulated nanoseconds of background only, before the first job arrives
 * @param durationNanos simulated nanoseconds of the run after the warm-up, in which jobs arrive
 * @param epochNanos simulated nanoseconds between two synchronisations of the hosts; divides the
 *     run into {@code durationNanos / epochNanos} steps (at most {@code durationNanos})
 * @param jobs the jobs that arrive during the run
 */
public record Scenario(String name, int hosts, HostSpec host, String background, long warmupNanos,
        long durationNanos, long epochNanos, JobSpec jobs) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(jobs, "jobs");
    }

    /**
     * This scenario as HOCON with every key written out, defaults included, in a fixed order;
     * {@link ScenarioParser#parse} of the text gives back an equal scenario.
     */
    public String render() {
        return ScenarioRenderer.render(this);
    }
}
