package org.contigsim.metrics;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import scala.concurrent.Await;

/**
 * The process's Prometheus endpoint ({@code --metrics-port}, docs/metrics.md): Kamon with its
 * Prometheus reporter on {@code 0.0.0.0:PORT/metrics}, plus JVM and process metrics. Kamon is
 * process-wide, so at most one endpoint is open at a time; {@link #close} stops Kamon and all its
 * threads.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** How often Kamon hands its metrics to the reporter: what a scrape can lag behind. */
    public static final Duration TICK = Duration.ofSeconds(2);

    private static boolean open;

    private final int port;

    private MetricsEndpoint(int port) {
        this.port = port;
    }

    /** Starts Kamon serving on {@code port} (1 to 65535), ticking every {@code tick}. */
    public static synchronized MetricsEndpoint start(int port, Duration tick) {
        if (open) {
            throw new IllegalStateException("a metrics endpoint is already open in this process");
        }
        Kamon.init(config(port, tick));
        open = true;
        return new MetricsEndpoint(port);
    }

    public int port() {
        return port;
    }

    /** Kamon's configuration: ours over the application's (system properties first) and the libraries' defaults. */
    static Config config(int port, Duration tick) {
        Map<String, Object> ours = Map.ofEntries(
                Map.entry("kamon.init.hide-banner", true),
                // no agent: Pekko instrumentation is not used (docs/metrics.md)
                Map.entry("kamon.init.attach-instrumentation", false),
                Map.entry("kamon.environment.service", "contigsim"),
                Map.entry("kamon.metric.tick-interval", tick.toMillis() + "ms"),
                Map.entry("kamon.metric.optimistic-tick-alignment", false),
                Map.entry("kamon.prometheus.embedded-server.port", port),
                // the machine's own metrics are node-exporter's job, and OSHI's scans cost CPU
                Map.entry("kamon.modules.host-metrics.enabled", false),
                // the default 1 ms hiccup probe wakes up 1000 times a second on a busy machine
                Map.entry("kamon.instrumentation.system.process.hiccup-monitor-interval", "10ms"),
                Map.entry("kamon.prometheus.buckets.custom.\"contigsim.job.wait\"",
                        java.util.List.of(0, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200)),
                Map.entry("kamon.prometheus.buckets.custom.\"contigsim.job.throughput.mib_s\"",
                        java.util.List.of(1000, 2000, 4000, 6000, 8000, 9000, 10000, 11000, 12000, 16000, 24000,
                                32000, 48000)));
        return ConfigFactory.systemProperties().withFallback(ConfigFactory.parseMap(ours))
                .withFallback(ConfigFactory.load());
    }

    /** Stops Kamon: the HTTP server, the reporters' and collectors' threads. */
    @Override
    public void close() {
        synchronized (MetricsEndpoint.class) {
            if (!open) {
                return;
            }
            open = false;
        }
        try {
            Await.result(Kamon.stop(), scala.concurrent.duration.Duration.create(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(MetricsEndpoint.class).warn("Kamon did not stop cleanly", e);
        }
    }
}
