package org.contigsim.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;

/** The Pekko configuration of one contigsim cluster member. */
public final class ClusterConfig {
    /** Every member's actor system has this name: members of differently named systems cannot meet. */
    public static final String SYSTEM = "contigsim";
    /** Artery's port of a member in Kubernetes (every pod has its own address). */
    public static final int KUBERNETES_PORT = 25520;
    /** Pekko Management's HTTP port (its default): /ready, /alive and the bootstrap contact point. */
    public static final int MANAGEMENT_PORT = 7626;
    /** The kubernetes-api discovery finds the pods labelled {@code app=} this. */
    public static final String SERVICE_NAME = "contigsim";
    /** Role of the member whose own main ends its JVM (see {@link #kubernetes}). */
    private static final String COORDINATOR_ROLE = "coordinator";

    private ClusterConfig() {
    }

    /**
     * @param port 0 for an ephemeral port
     * @param seedNodes addresses like {@code pekko://contigsim@127.0.0.1:25520}; empty: this member
     *     forms a new cluster on its own (the runner then joins it to itself)
     */
    public static Config member(String hostname, int port, List<String> roles, List<String> seedNodes) {
        return ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(hostname))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedNodes))
                .withFallback(ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "contigsim-cluster.conf"))
                .withFallback(ConfigFactory.load(ClusterConfig.class.getClassLoader()));
    }

    /**
     * A member that finds the others through the Kubernetes API (Pekko Management's Cluster
     * Bootstrap, contigsim-kubernetes.conf) instead of seed nodes; it must not join itself.
     *
     * @param hostname the pod IP: advertised for Artery and for the management contact point
     */
    public static Config kubernetes(String hostname, int port, List<String> roles) {
        // environment overrides (CONTIGSIM_K8S_API_CA_PATH, ...) are resolved in the layer alone,
        // before the member settings are put on top
        Config layer = ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "contigsim-kubernetes.conf")
                .resolve();
        Config member = ConfigFactory.empty()
                .withValue("pekko.management.http.hostname", ConfigValueFactory.fromAnyRef(hostname));
        if (roles.contains(COORDINATOR_ROLE)) {
            // its main returns the run's exit code; a JVM exit from the shutdown could race it with 0
            member = member.withValue("pekko.coordinated-shutdown.exit-jvm", ConfigValueFactory.fromAnyRef(false));
        }
        return member.withFallback(ConfigFactory.empty()
                        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port)))
                .withFallback(layer)
                .withFallback(member(hostname, port, roles, List.of()));
    }

    /** Whether a member's configuration forms the cluster through Cluster Bootstrap. */
    public static boolean bootstrapped(Config config) {
        return config.hasPath("pekko.extensions")
                && config.getStringList("pekko.extensions").stream().anyMatch(e -> e.endsWith(".ClusterBootstrap"));
    }
}
