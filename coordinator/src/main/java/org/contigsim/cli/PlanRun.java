package org.contigsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.contigsim.coordinator.CapacityResults;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.coordinator.Runner;
import org.contigsim.coordinator.Sweep;
import org.contigsim.scenario.RunPlan;
import org.contigsim.runtime.ClusterRun;

/**
 * {@code contigsim run} of a file with a sweep, replicas or a capacity search: every run in turn
 * on its own cluster, exactly as a single run (so --jvms N starts N-1 child JVMs for each run and
 * stops them after it; a run cannot inherit a failed member or stale shards from the previous
 * one). The whole results directory is written to {@code DIR.partial} and renamed to {@code DIR}
 * only when every run and the comparison are complete.
 */
final class PlanRun {
    private PlanRun() {
    }

    static int execute(RunPlan plan, Path scenarioFile, ClusterRun.Settings s, PrintWriter err) {
        return execute(plan, scenarioFile, s, err, RunObserver.NONE);
    }

    /** As above, every run's coordinator watched by {@code observer} (live metrics). */
    static int execute(RunPlan plan, Path scenarioFile, ClusterRun.Settings s, PrintWriter err, RunObserver observer) {
        Runner cluster = (scenario, seed, dir, progress) -> ClusterRun.run(scenario, scenarioFile,
                new ClusterRun.Settings(seed, dir, s.childJvms(), s.expectedNodes(), s.roles(), s.hostname(), s.port(),
                        s.seedNodes(), s.quiet()).withTls(s.tls()), err, observer);
        return execute(plan, s, err, cluster);
    }

    /** The plan with {@code runner} doing each run: {@code s} gives the seed, the directory and quietness. */
    static int execute(RunPlan plan, ClusterRun.Settings s, PrintWriter err, Runner runner) {
        Path partial = ClusterRun.partialOf(s.out());
        ClusterRun.prepare(partial);
        Runner announced = (scenario, seed, dir, progress) -> {
            say(s, err, progress);
            return runner.run(scenario, seed, dir, progress);
        };
        try {
            Optional<CapacityResults> capacity = Sweep.run(plan, s.seed(), partial, announced);
            ClusterRun.publish(partial, s.out());
            if (capacity.isPresent()) {
                Integer hosts = capacity.get().capacity().hosts();
                say(s, err, "capacity: " + (hosts == null ? "even the most hosts do not meet the target"
                        : hosts + " hosts meet the target"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.EXIT_OK;
    }

    private static void say(ClusterRun.Settings s, PrintWriter err, String line) {
        if (!s.quiet()) {
            err.println("contigsim run: " + line);
            err.flush();
        }
    }
}
