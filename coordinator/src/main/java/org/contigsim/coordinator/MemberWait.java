package org.contigsim.coordinator;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.contigsim.coordinator.Coordinator.CheckMembers;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.MemberLost;
import org.contigsim.coordinator.Coordinator.Regions;
import org.contigsim.coordinator.Coordinator.Stop;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostShards;

/**
 * The coordinator's first phase: it polls the membership until the expected number of members
 * with role node are Up, and then the shard coordinator until it knows a shard region of the host
 * type for each; only then are hosts placed ({@link Boot}), or the first shards would all go to
 * the early regions.
 */
final class MemberWait extends AbstractBehavior<Command> {
    private final Coordination co;
    private final int expectedNodes;
    /** Members Up at the last check: what {@link Coordinator.Started} reports. */
    private int upMembers;

    private MemberWait(Coordination co, int expectedNodes) {
        super(co.actor());
        this.co = co;
        this.expectedNodes = expectedNodes;
    }

    /** @param expectedNodes members with role node to wait for before booting hosts */
    static Behavior<Command> start(Coordination co, int expectedNodes) {
        co.timers().startTimerWithFixedDelay(CheckMembers.INSTANCE, Coordinator.MEMBER_POLL);
        return new MemberWait(co, expectedNodes);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(CheckMembers.INSTANCE, this::onCheckMembers)
                .onMessage(Regions.class, this::onRegions)
                .onMessage(MemberLost.class, m -> this) // nothing placed yet
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onCheckMembers() {
        int nodes = 0;
        int up = 0;
        for (Member m : Cluster.get(getContext().getSystem()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
                nodes += m.hasRole(HostShards.ROLE) ? 1 : 0;
            }
        }
        upMembers = up;
        if (nodes >= expectedNodes) {
            askRegions();
        }
        return this;
    }

    /**
     * Asks the shard coordinator (through this member's region or proxy) which shard regions of
     * the host type it knows.
     */
    private void askRegions() {
        org.apache.pekko.actor.ActorRef region = org.apache.pekko.cluster.sharding.ClusterSharding
                .get(Adapter.toClassic(getContext().getSystem())).shardRegion(HostNode.TYPE_KEY.name());
        getContext().pipeToSelf(Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(5)),
                (reply, error) -> new Regions(reply instanceof ShardRegion.CurrentRegions r ? r.getRegions().size() : 0));
    }

    private Behavior<Command> onRegions(Regions r) {
        if (r.count() < expectedNodes) {
            return this;
        }
        co.timers().cancel(CheckMembers.INSTANCE);
        return Boot.start(co, upMembers);
    }
}
