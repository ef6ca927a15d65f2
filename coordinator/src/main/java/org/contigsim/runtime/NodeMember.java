package org.contigsim.runtime;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.HostShards;
import org.contigsim.metrics.MemberHosts;
import org.contigsim.metrics.MetricsEndpoint;

/**
 * A member that only hosts simulated hosts ({@code contigsim node}, and the children of
 * {@code contigsim run --jvms N}): it joins, serves its shards and lives until its actor system
 * terminates (removed from the cluster, stopped) or, for a child, until its parent is gone.
 */
public final class NodeMember {
    /** A child whose parent is gone stops this long after noticing, graceful leave or not. */
    static final long PARENT_GONE_EXIT_SECONDS = 5;

    private NodeMember() {
    }

    /**
     * Runs the member configured by {@code member} until its actor system terminates.
     *
     * @param watchStdin leave when standard input ends: the parent that holds it open has died
     * @param metrics the live metrics endpoint to serve while running, or a supplier of null
     */
    public static void run(Config member, boolean watchStdin, Supplier<MetricsEndpoint> metrics) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM, member);
        HostShards.init(system);
        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                // leave gracefully if the parent is still there to see it; a parent that died
                // cannot acknowledge, so do not wait for the leave to time out
                CoordinatedShutdown.get(Adapter.toClassic(system)).runAll(CoordinatedShutdown.jvmExitReason());
                try {
                    system.getWhenTerminated().toCompletableFuture().get(PARENT_GONE_EXIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    Runtime.getRuntime().halt(0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "contigsim-parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try (MetricsEndpoint endpoint = metrics.get();
                MemberHosts hosts = endpoint == null ? null : MemberHosts.start(system, MetricsEndpoint.TICK)) {
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // nothing is ever sent; only the end matters
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
    }
}
