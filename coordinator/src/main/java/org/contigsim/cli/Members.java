package org.contigsim.cli;

import org.contigsim.host.ClusterConfig;

/** Checks of the cluster-member flags shared by {@code node} and {@code coordinator}. */
final class Members {
    private Members() {
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port: " + port + " is out of range (0 to 65535)");
        }
    }

    static void checkAddress(String flag, String address) {
        if (!address.matches("pekko://" + ClusterConfig.SYSTEM + "@[^:/@]+:\\d{1,5}")) {
            throw new UsageException(flag + ": '" + address + "' is not a member address like pekko://"
                    + ClusterConfig.SYSTEM + "@127.0.0.1:25520");
        }
    }
}
