package org.contigsim.metrics;

import java.time.Duration;
import kamon.Kamon;
import kamon.metric.Gauge;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;
import org.contigsim.host.HostNode;

/**
 * {@code contigsim_member_hosts}: the simulated hosts living on this member, asked of the local
 * shard region every {@code interval} (a node member's own view; the coordinator's
 * {@code contigsim_hosts} has every member's at the start of the run).
 */
public final class MemberHosts implements AutoCloseable {
    private final Cancellable task;

    private MemberHosts(Cancellable task) {
        this.task = task;
    }

    public static MemberHosts start(ActorSystem<?> system, Duration interval) {
        Gauge gauge = Kamon.gauge("contigsim.member.hosts", "Simulated hosts on this cluster member").withoutTags();
        org.apache.pekko.actor.ActorRef region = ClusterSharding.get(Adapter.toClassic(system))
                .shardRegion(HostNode.TYPE_KEY.name());
        Cancellable task = system.scheduler().scheduleAtFixedRate(Duration.ZERO, interval, () ->
                Patterns.ask(region, ShardRegion.getShardRegionStateInstance(), interval).thenAccept(reply -> {
                    if (reply instanceof ShardRegion.CurrentShardRegionState state) {
                        int hosts = 0;
                        for (ShardRegion.ShardState shard : state.getShards()) {
                            hosts += shard.getEntityIds().size();
                        }
                        gauge.update(hosts);
                    }
                }), system.executionContext());
        return new MemberHosts(task);
    }

    @Override
    public void close() {
        task.cancel();
    }
}
