package org.contigsim.host;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * How host entities are sharded: entity id = host id, shard = host id modulo {@link #SHARDS}
 * (fixed, so every member computes the same shard without knowing the scenario), on members with
 * role {@value #ROLE}, never passivated.
 */
public final class HostShards extends ShardingMessageExtractor<ShardingEnvelope<HostNode.Command>, HostNode.Command> {
    public static final String ROLE = "node";
    /** Enough shards to spread a few thousand hosts evenly over tens of members. */
    public static final int SHARDS = 1000;

    /** Starts (or joins) host sharding on this member; returns the shard region. */
    public static ActorRef<ShardingEnvelope<HostNode.Command>> init(ActorSystem<?> system) {
        return ClusterSharding.get(system).init(Entity.of(HostNode.TYPE_KEY, ctx -> HostNode.create())
                .withRole(ROLE)
                .withMessageExtractor(new HostShards())
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    public static String entityId(int hostId) {
        return Integer.toString(hostId);
    }

    @Override
    public String entityId(ShardingEnvelope<HostNode.Command> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        return Integer.toString(Integer.parseInt(entityId) % SHARDS);
    }

    @Override
    public HostNode.Command unwrapMessage(ShardingEnvelope<HostNode.Command> envelope) {
        return envelope.message();
    }
}
