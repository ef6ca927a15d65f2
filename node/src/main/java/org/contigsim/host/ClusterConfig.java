package org.contigsim.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;

/** The Pekko configuration of one contigsim cluster member. */
public final class ClusterConfig {
    /** Every member's actor system has this name: members of differently named systems cannot meet. */
    public static final String SYSTEM = "contigsim";

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
}
