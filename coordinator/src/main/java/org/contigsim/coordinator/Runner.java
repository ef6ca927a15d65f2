package org.contigsim.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.scenario.Scenario;

/**
 * Runs one scenario of a plan (a sweep's variant, a replica, a capacity probe) the way a single
 * {@code contigsim run} does. The command line runs each on the cluster; tests and tools can run
 * them without actors ({@link #direct()}), which gives the same results.
 */
@FunctionalInterface
public interface Runner {
    /**
     * Runs {@code scenario} with {@code seed} and leaves a complete run directory at {@code dir},
     * which does not exist yet: results.json, epochs.csv, jobs.csv, hosts.csv, report.html,
     * scenario.conf, buddyinfo/.
     *
     * @param progress which run this is, for people: {@code run 2 of 8: hosts=8, seed 1}
     * @return the finished simulation
     */
    Simulation run(Scenario scenario, long seed, Path dir, String progress) throws IOException;

    /** Runs on this thread with {@link DirectRun}: the cluster's results, without metadata.json. */
    static Runner direct() {
        return (scenario, seed, dir, progress) -> {
            DirectRun.Outcome o = DirectRun.runWithHosts(scenario, seed);
            Files.createDirectories(dir);
            RunResults.write(o.simulation(), o.buddyinfo(), dir);
            Files.writeString(dir.resolve("scenario.conf"), scenario.render(), StandardCharsets.UTF_8);
            return o.simulation();
        };
    }
}
