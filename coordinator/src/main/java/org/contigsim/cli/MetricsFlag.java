package org.contigsim.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.metrics.KamonObserver;
import org.contigsim.metrics.MetricsEndpoint;
import picocli.CommandLine.Option;
import org.contigsim.runtime.UsageException;

/**
 * {@code --metrics-port PORT} of {@code run}, {@code coordinator} and {@code node} (a picocli
 * mixin): a Prometheus endpoint for the life of the command (docs/metrics.md). Off unless given,
 * so local runs start no HTTP server and no Kamon threads.
 */
final class MetricsFlag {
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0", order = 100,
            description = "Serve Prometheus metrics on http://0.0.0.0:PORT/metrics while running "
                    + "(docs/metrics.md). Default: 0 (off).")
    int port;

    /** A port out of range is bad input. */
    void check() {
        if (port < 0 || port > 65535) {
            throw new UsageException("--metrics-port: " + port + " is out of range (1 to 65535, 0: off)");
        }
    }

    /** The endpoint, or null when off. A port out of range or already taken is bad input. */
    MetricsEndpoint open() {
        check();
        if (port == 0) {
            return null;
        }
        // Kamon only logs a port it cannot bind: say so up front instead of running without metrics
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new UsageException("--metrics-port: " + port + " cannot be bound (" + e.getMessage() + ")");
        }
        return MetricsEndpoint.start(port, MetricsEndpoint.TICK);
    }

    /** What feeds the simulation metrics when {@code endpoint} is open. */
    static RunObserver observer(MetricsEndpoint endpoint) {
        return endpoint == null ? RunObserver.NONE : new KamonObserver();
    }
}
