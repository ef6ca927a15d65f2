package org.contigsim.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import org.contigsim.base.Labelled;
import org.contigsim.host.ClusterConfig;
import org.contigsim.runtime.UsageException;

/** Checks of the cluster-member flags shared by {@code node} and {@code coordinator}. */
final class Members {
    private Members() {
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port: " + port + " is out of range (0 to 65535)");
        }
    }

    /** {@code --hostname}: a name or address this machine resolves (Pekko binds and advertises it). */
    static void checkHostname(String hostname) {
        if (hostname.isBlank() || !hostname.matches("[A-Za-z0-9._:%\\[\\]-]+")) {
            throw new UsageException("--hostname: '" + hostname + "' is not a host name or address");
        }
        try {
            InetAddress.getByName(hostname);
        } catch (UnknownHostException e) {
            throw new UsageException("--hostname: '" + hostname + "' does not resolve");
        }
    }

    /**
     * {@code --port} of a member that binds {@code hostname:port} itself: free now. Pekko would
     * otherwise fail to bind only once the member starts, with its stack traces, after the
     * results directory exists; 0 (any free port) always binds.
     */
    static void checkBindable(String hostname, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(hostname, port));
        } catch (IOException e) {
            throw new UsageException("--port: " + port + " cannot be bound on " + hostname + " (" + e.getMessage() + ")");
        }
    }

    /** How members find each other ({@code --discovery} of node and coordinator). */
    enum Discovery implements Labelled {
        /** The members given by {@code --seed-nodes}. */
        SEED_NODES("seed-nodes"),
        /** Pekko Cluster Bootstrap through the Kubernetes API. */
        KUBERNETES("kubernetes");

        private final String label;

        Discovery(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * Whether members are found through the Kubernetes API; {@code --seed-nodes} may not be given
     * then.
     */
    static boolean kubernetes(Discovery discovery, List<String> seedNodes) {
        if (discovery == Discovery.SEED_NODES) {
            return false;
        }
        if (seedNodes != null && !seedNodes.isEmpty()) {
            throw new UsageException("--seed-nodes: not with --discovery kubernetes (the Kubernetes API finds the members)");
        }
        return true;
    }

    /** The {@code --seed-nodes} given (none when left out), each checked to be a member address. */
    static List<String> seeds(List<String> seedNodes) {
        List<String> seeds = seedNodes == null ? List.of() : seedNodes;
        for (String s : seeds) {
            checkAddress("--seed-nodes", s);
        }
        return seeds;
    }

    static void checkAddress(String flag, String address) {
        if (!address.matches("pekko://" + ClusterConfig.SYSTEM + "@[^:/@]+:\\d{1,5}")) {
            throw new UsageException(flag + ": '" + address + "' is not a member address like pekko://"
                    + ClusterConfig.SYSTEM + "@127.0.0.1:25520");
        }
    }
}
