package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.host.EpochRelay;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostShards;

/**
 * The coordinator's host entities: how to reach each (through sharding, wherever it lives; or,
 * once it has answered, straight to its entity and its member's relay), which member runs it,
 * and where their replies come back.
 */
final class Hosts {
    private final Simulation sim;
    /** One sharding reference per host, made once: for booting, and for retries after a move. */
    private final EntityRef<HostNode.Command>[] sharded;
    /**
     * Each host entity's own reference, from its Configured reply: epochs go straight to it, two
     * hops (shard region, shard) fewer per host and epoch than through sharding.
     */
    private final List<ActorRef<HostNode.Command>> direct;
    /** Each host's member relay, from its Configured reply: an epoch is one batch per member. */
    private final List<ActorRef<EpochRelay.Command>> relays;
    /** Each host's member (from its Configured or Rebuilt reply); null while it is being placed. */
    private final String[] memberOf;
    private final ActorRef<HostNode.Configured> configuredReplies;
    private final ActorRef<HostNode.EpochDone> epochReplies;
    private final ActorRef<EpochRelay.RelayDone> relayReplies;
    private final ActorRef<HostNode.Rebuilt> rebuiltReplies;
    private final ActorRef<HostNode.Final> finalReplies;

    Hosts(ActorContext<Command> actor, Simulation sim) {
        this.sim = sim;
        int hosts = sim.scenario().hosts();
        ClusterSharding sharding = ClusterSharding.get(actor.getSystem());
        @SuppressWarnings("unchecked")
        EntityRef<HostNode.Command>[] refs = new EntityRef[hosts];
        for (int h = 0; h < hosts; h++) {
            refs[h] = sharding.entityRefFor(HostNode.TYPE_KEY, HostShards.entityId(h));
        }
        this.sharded = refs;
        this.direct = new ArrayList<>(Collections.nCopies(hosts, null));
        this.relays = new ArrayList<>(Collections.nCopies(hosts, null));
        this.memberOf = new String[hosts];
        this.configuredReplies = actor.messageAdapter(HostNode.Configured.class, Coordinator.WrappedConfigured::new);
        this.epochReplies = actor.messageAdapter(HostNode.EpochDone.class, Coordinator.WrappedEpochDone::new);
        this.relayReplies = actor.messageAdapter(EpochRelay.RelayDone.class, Coordinator.WrappedRelayDone::new);
        this.rebuiltReplies = actor.messageAdapter(HostNode.Rebuilt.class, Coordinator.WrappedRebuilt::new);
        this.finalReplies = actor.messageAdapter(HostNode.Final.class, Coordinator.WrappedFinal::new);
    }

    int count() {
        return memberOf.length;
    }

    /** Boots host {@code h} (again) through sharding. */
    void configure(int h) {
        sharded[h].tell(new HostNode.Configure(sim.setup(h), configuredReplies));
    }

    /** Whether host {@code h} has told where it runs (and has not been lost since). */
    boolean placed(int h) {
        return memberOf[h] != null;
    }

    /** Host {@code h} runs where its Configured reply (or, rebuilt, its last Rebuilt reply) says. */
    void placedAt(HostNode.Configured at) {
        int h = at.hostId();
        memberOf[h] = at.member();
        direct.set(h, at.host());
        relays.set(h, at.relay());
    }

    /** Host {@code h} is being placed again: where it ran is no more. */
    void unplace(int h) {
        memberOf[h] = null;
    }

    /** Host {@code h} is gone with its member, its entity and relay too. */
    void forget(int h) {
        memberOf[h] = null;
        direct.set(h, null);
        relays.set(h, null);
    }

    /** Whether member {@code address} runs host {@code h}. */
    boolean runsOn(int h, String address) {
        return address.equals(memberOf[h]);
    }

    /** Member address to the number of hosts it runs now. */
    TreeMap<String, Integer> perMember() {
        TreeMap<String, Integer> perMember = new TreeMap<>();
        for (String m : memberOf) {
            if (m != null) {
                perMember.merge(m, 1, Integer::sum);
            }
        }
        return perMember;
    }

    /**
     * Sends the epoch of {@code plan} as one batch per member relay (in chunks), each listing its
     * hosts' entities and assignments, to every host but those {@code skipped}.
     */
    void advanceThroughRelays(Simulation.Plan plan, IntPredicate skipped) {
        LinkedHashMap<ActorRef<EpochRelay.Command>, List<EpochRelay.HostWork>> batches = new LinkedHashMap<>();
        for (int h = 0; h < count(); h++) {
            if (skipped.test(h)) {
                continue;
            }
            List<EpochRelay.HostWork> batch = batches.computeIfAbsent(relays.get(h), r -> new ArrayList<>());
            batch.add(new EpochRelay.HostWork(h, direct.get(h), plan.assignments().get(h)));
            if (batch.size() == EpochRelay.BATCH) {
                relays.get(h).tell(new EpochRelay.RelayAdvance(plan.epoch(), plan.untilNanos(), List.copyOf(batch),
                        relayReplies));
                batch.clear();
            }
        }
        batches.forEach((relay, batch) -> {
            if (!batch.isEmpty()) {
                relay.tell(new EpochRelay.RelayAdvance(plan.epoch(), plan.untilNanos(), List.copyOf(batch),
                        relayReplies));
            }
        });
    }

    /** Sends host {@code h} the epoch of {@code plan} through sharding: it reaches the host wherever it lives now. */
    void advance(Simulation.Plan plan, int h) {
        sharded[h].tell(advance(plan, h, epochReplies));
    }

    /** Sends a host that has just told where it runs the epoch of {@code plan}, straight to its entity. */
    void advance(Simulation.Plan plan, HostNode.Configured at) {
        at.host().tell(advance(plan, at.hostId(), epochReplies));
    }

    private static HostNode.Advance advance(Simulation.Plan plan, int h, ActorRef<HostNode.EpochDone> replyTo) {
        return new HostNode.Advance(plan.epoch(), plan.untilNanos(), plan.assignments().get(h), replyTo);
    }

    /** Asks host {@code h} for its final state, straight to its entity. */
    void finish(int h) {
        direct.get(h).tell(new HostNode.Finish(finalReplies));
    }

    /** Asks host {@code h} for its final state again, through sharding. */
    void finishThroughSharding(int h) {
        sharded[h].tell(new HostNode.Finish(finalReplies));
    }

    /** Asks a host that has just told where it runs for its final state. */
    void finish(HostNode.Configured at) {
        at.host().tell(new HostNode.Finish(finalReplies));
    }

    /** Sends host {@code h} the next chunk of its rebuild, through sharding. */
    void rebuild(int h, HostHistory history, long firstEpoch) {
        sharded[h].tell(history.chunk(h, firstEpoch, sim.setup(h), rebuiltReplies));
    }
}
