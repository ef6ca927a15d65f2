package org.contigsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.metrics.MetricsEndpoint;
import org.contigsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.contigsim.runtime.RunCheckpoint;
import org.contigsim.runtime.ClusterRun;
import org.contigsim.runtime.UsageException;

/**
 * {@code contigsim coordinator}: a cluster member with role coordinator that runs one scenario on
 * node members started separately ({@code contigsim node}) and writes the results.
 */
@Command(
        name = "coordinator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "Runs a scenario on node members started separately, as the cluster's coordinator.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim coordinator SCENARIO --expect-nodes N [--seed N] [--out DIR] [--hostname HOST] "
                + "[--port PORT] [--seed-nodes ADDRESS,...|--discovery kubernetes] [--metrics-port PORT] "
                + "[--tls DIR]",
        descriptionHeading = "%n",
        description = "Without --seed-nodes this member starts the cluster and the node members join it "
                + "(contigsim node --seed-nodes pekko://contigsim@HOST:PORT). The run starts once --expect-nodes "
                + "node members are up. If DIR.partial holds the checkpoint of the same scenario and seed (a "
                + "coordinator of this run died), the run goes on from it.",
        optionListHeading = "%nOptions:%n")
final class CoordinatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON).")
    Path scenarioFile;

    @Option(names = "--expect-nodes", paramLabel = "N", order = 1, required = true,
            description = "Node members to wait for before the run starts.")
    int expectNodes;

    @Option(names = "--seed", paramLabel = "N", order = 2, defaultValue = "1", description = "Run seed. Default: 1.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", order = 3,
            description = "Results directory; must not exist. Default: results/<scenario>-<seed>.")
    Path out;

    @Option(names = "--hostname", paramLabel = "HOST", order = 4, defaultValue = "127.0.0.1",
            description = "Address this member binds and advertises. Default: ${DEFAULT-VALUE}.")
    String hostname;

    @Option(names = "--port", paramLabel = "PORT", order = 5, defaultValue = "25520",
            description = "Port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--seed-nodes", paramLabel = "ADDRESS[,ADDRESS...]", order = 6, split = ",",
            description = "Members to join; none: this member starts the cluster.")
    List<String> seedNodes;

    @Option(names = "--discovery", paramLabel = "HOW", order = 7, defaultValue = "seed-nodes",
            converter = Choices.Discovery.class,
            description = "How members find each other: seed-nodes, or kubernetes (Pekko Cluster Bootstrap through "
                    + "the Kubernetes API; docs/kubernetes.md). Default: ${DEFAULT-VALUE}.")
    Members.Discovery discovery;

    @Option(names = {"-q", "--quiet"}, order = 8, description = "No progress line on stderr.")
    boolean quiet;

    @Mixin
    MetricsFlag metrics = new MetricsFlag();

    @Mixin
    TlsFlag tls = new TlsFlag();

    @Override
    public Integer call() {
        if (expectNodes < 1 || expectNodes > 10_000) {
            throw new UsageException("--expect-nodes: " + expectNodes + " is out of range (1 to 10000)");
        }
        Members.checkPort(port);
        Members.checkHostname(hostname);
        boolean kubernetes = Members.kubernetes(discovery, seedNodes);
        if (!kubernetes) {
            Members.checkBindable(hostname, port); // Kubernetes members bind elsewhere (contigsim-kubernetes.conf)
        }
        List<String> seeds = Members.seeds(seedNodes);
        Scenario scenario = ScenarioFiles.load(scenarioFile, "contigsim coordinator");
        Path dir = RunCommand.resultsDir(out, scenario, seed, false);
        ClusterRun.Settings settings = new ClusterRun.Settings(seed, dir, 0, expectNodes, List.of(Coordinator.ROLE),
                hostname, port, seeds, quiet, kubernetes).withTls(tls.read());
        boolean resume = sameRun(ClusterRun.partialOf(dir), scenario);
        if (resume) {
            spec.commandLine().getErr().println(Main.PREFIX + "resuming the run in " + ClusterRun.partialOf(dir)
                    + " from its checkpoint");
            spec.commandLine().getErr().flush();
        }
        try (MetricsEndpoint endpoint = metrics.open()) {
            return ClusterRun.execute(scenario, scenarioFile, settings, spec.commandLine().getErr(),
                    MetricsFlag.observer(endpoint), ClusterRun.Chaos.NONE, resume);
        }
    }

    /**
     * Whether {@code partial} holds the checkpoint of this very run (scenario, seed and version),
     * left by a coordinator that died: a restarted coordinator (a Job's next pod) goes on from it.
     * Any other leftover is replaced.
     */
    private boolean sameRun(Path partial, Scenario scenario) {
        if (!RunCheckpoint.exists(partial)) {
            return false;
        }
        try {
            RunCheckpoint.Run run = RunCheckpoint.read(partial, "--out");
            return run.seed() == seed && RunCheckpoint.scenario(partial, "--out").render().equals(scenario.render());
        } catch (UsageException e) {
            return false;
        }
    }
}
