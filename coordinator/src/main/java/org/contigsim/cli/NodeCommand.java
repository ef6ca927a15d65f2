package org.contigsim.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.ClusterTls;
import org.contigsim.host.HostShards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.contigsim.runtime.NodeMember;
import org.contigsim.runtime.UsageException;

/**
 * {@code contigsim node}: a cluster member with role node that hosts simulated hosts for
 * whichever coordinator runs in the cluster, until it is stopped or leaves.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "Joins a contigsim cluster as a node member that hosts simulated hosts.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim node (--seed-nodes ADDRESS[,ADDRESS...] | --discovery kubernetes) [--hostname HOST] "
                + "[--port PORT] [--metrics-port PORT] [--tls DIR]",
        descriptionHeading = "%n",
        description = "Runs until the member is removed from the cluster or the process is stopped.",
        optionListHeading = "%nOptions:%n")
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed-nodes", paramLabel = "ADDRESS[,ADDRESS...]", order = 1, split = ",",
            description = "Members to join, e.g. pekko://contigsim@127.0.0.1:25520.")
    List<String> seedNodes;

    @Option(names = "--hostname", paramLabel = "HOST", order = 2, defaultValue = "127.0.0.1",
            description = "Address this member binds and advertises. Default: ${DEFAULT-VALUE}.")
    String hostname;

    @Option(names = "--port", paramLabel = "PORT", order = 3, defaultValue = "25520",
            description = "Port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--discovery", paramLabel = "HOW", order = 4, defaultValue = "seed-nodes",
            converter = Choices.Discovery.class,
            description = "How members find each other: seed-nodes, or kubernetes (Pekko Cluster Bootstrap through "
                    + "the Kubernetes API; docs/kubernetes.md). Default: ${DEFAULT-VALUE}.")
    Members.Discovery discovery;

    /** Exit when stdin closes: how a child JVM notices that its parent is gone. */
    @Option(names = "--watch-stdin", hidden = true)
    boolean watchStdin;

    @Mixin
    MetricsFlag metrics = new MetricsFlag();

    @Mixin
    TlsFlag tls = new TlsFlag();

    @Override
    public Integer call() {
        boolean kubernetes = Members.kubernetes(discovery, seedNodes);
        if (!kubernetes && (seedNodes == null || seedNodes.isEmpty())) {
            throw new UsageException("--seed-nodes: required (a member to join, e.g. pekko://"
                    + ClusterConfig.SYSTEM + "@127.0.0.1:25520)");
        }
        Members.checkPort(port);
        Members.checkHostname(hostname);
        if (!kubernetes) {
            Members.checkBindable(hostname, port); // Kubernetes members bind elsewhere (contigsim-kubernetes.conf)
        }
        List<String> seeds = Members.seeds(seedNodes);
        metrics.check();
        ClusterTls material = tls.read();
        NodeMember.run(ClusterTls.over(material, kubernetes
                ? ClusterConfig.kubernetes(hostname, port, List.of(HostShards.ROLE))
                : ClusterConfig.member(hostname, port, List.of(HostShards.ROLE), seeds)), watchStdin, metrics::open);
        return Main.EXIT_OK;
    }
}
