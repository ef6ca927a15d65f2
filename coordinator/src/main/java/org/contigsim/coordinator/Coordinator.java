package org.contigsim.coordinator;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;
import org.contigsim.host.EpochRelay;
import org.contigsim.host.HostNode;

/**
 * The run's driver, a Cluster Singleton on role {@value #ROLE}. It waits for the expected number
 * of members with role node ({@link MemberWait}), boots every host entity ({@link Boot}), then
 * runs the {@link Simulation}'s epochs as a barrier ({@link EpochLoop}): an Advance to every host,
 * all EpochDone replies collected (whatever their arrival order, they are absorbed in host-id
 * order), the next plan. Lost replies are asked for again (hosts answer repeats idempotently).
 * Last it collects every host's final state ({@link FinalStates}). Progress and the end go to a
 * local listener.
 *
 * <p>When a member is removed from the cluster (downed, or gone), the hosts it ran are rebuilt
 * on the survivors by replaying their {@link HostHistory} through sharding ({@link Recovery}),
 * then given the epoch in flight; the barrier waits for them, so the results are those of a run
 * without the loss.
 *
 * <p>This class holds the protocol (what the coordinator receives, what it tells its listener)
 * and the entry points; each phase is a behaviour of its own, its state in its fields, and what
 * the phases share is in {@link Coordination}.
 */
public final class Coordinator {
    public static final String ROLE = "coordinator";
    /** How often membership is checked while waiting for members. */
    static final Duration MEMBER_POLL = Duration.ofMillis(100);
    /** A barrier not complete after this long is asked again of the hosts that have not answered. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    /**
     * A rebuilding host that acknowledged nothing for this long is sent its chunk again: the first
     * ones often go to the lost member's region, which sharding still believes is the shard's home.
     */
    static final Duration REBUILD_RETRY = Duration.ofSeconds(2);
    /** The {@link Resend} key of the boot round (epochs are numbered from 0). */
    static final long BOOT = -1;
    /** The {@link Resend} key of the final-state round. */
    static final long FINISH = -2;

    /** The coordinator's own messages: timers and adapted host replies (all local). */
    public sealed interface Command permits CheckMembers, Regions, Resend, Stop, WrappedConfigured, WrappedEpochDone,
            WrappedRelayDone, WrappedFinal, MemberLost, WrappedRebuilt, RebuildTick {
    }

    enum RebuildTick implements Command { INSTANCE }

    /** Shard regions of the host entity type known to the shard coordinator. */
    record Regions(int count) implements Command {
    }

    enum CheckMembers implements Command { INSTANCE }

    /** The singleton manager's stop message (hand-over or shutdown). */
    public enum Stop implements Command { INSTANCE }

    record Resend(long epoch) implements Command {
    }

    record WrappedConfigured(HostNode.Configured reply) implements Command {
    }

    record WrappedEpochDone(HostNode.EpochDone reply) implements Command {
    }

    record WrappedRelayDone(EpochRelay.RelayDone reply) implements Command {
    }

    record WrappedFinal(HostNode.Final reply) implements Command {
    }

    /** A member left the cluster's membership: its host entities are gone with it. */
    record MemberLost(String address) implements Command {
    }

    record WrappedRebuilt(HostNode.Rebuilt reply) implements Command {
    }

    /** What the coordinator tells the local runner. */
    public sealed interface Event permits Started, Progress, Finished, Failed, HostsLost, HostsRebuilt, Resumed {
    }

    /** The coordinator restored {@code epochs} epochs from its journal; the hosts are being rebuilt. */
    public record Resumed(long epochs) implements Event {
    }

    /**
     * Where the coordinator journals each absorbed epoch (null: nowhere), and the epochs of an
     * earlier coordinator of this run to start from (empty: start afresh).
     */
    public record Checkpoint(EpochJournal journal, List<HostNode.EpochDone[]> resume) {
        public static final Checkpoint NONE = new Checkpoint(null, List.of());
    }

    /** A member that ran {@code hosts} hosts was removed while epoch {@code epoch} was the next to finish. */
    public record HostsLost(String member, int hosts, long epoch) implements Event {
    }

    /**
     * Every lost host has been rebuilt (brought to epoch {@code epoch}); {@code replayedHostEpochs}
     * of the host-epochs had to be run again (hosts that outlived a coordinator skip theirs).
     */
    public record HostsRebuilt(int hosts, long epoch, long replayedHostEpochs) implements Event {
    }

    /** The coordinator hit an error it cannot continue from; the run is over. */
    public record Failed(String reason) implements Event {
    }

    /** Every host is booted; the epochs begin. {@code members}: cluster members Up at that moment. */
    public record Started(int members) implements Event {
    }

    public record Progress(long epochsDone, long simulatedNanos, long endNanos) implements Event {
    }

    /**
     * @param hostsPerMember member address to the number of hosts it ran
     * @param buddyinfo each host's final /proc/buddyinfo, by host id
     */
    public record Finished(Simulation simulation, TreeMap<String, Integer> hostsPerMember, List<String> buddyinfo)
            implements Event {
    }

    /** The singleton (on role {@value #ROLE}) of this run. */
    public static SingletonActor<Command> singleton(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return singleton(sim, expectedNodes, listener, system, RunObserver.NONE, Checkpoint.NONE);
    }

    /**
     * The singleton, watched by {@code observer} (live metrics) from its own thread, journaling its
     * epochs or resuming from them.
     */
    public static SingletonActor<Command> singleton(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            org.apache.pekko.actor.typed.ActorSystem<?> system, RunObserver observer, Checkpoint checkpoint) {
        return SingletonActor.of(create(sim, expectedNodes, listener, observer, checkpoint), "coordinator")
                .withStopMessage(Stop.INSTANCE)
                .withSettings(ClusterSingletonSettings.create(system).withRole(ROLE));
    }

    /** @param expectedNodes members with role node to wait for before booting hosts */
    public static Behavior<Command> create(Simulation sim, int expectedNodes, ActorRef<Event> listener) {
        return create(sim, expectedNodes, listener, RunObserver.NONE, Checkpoint.NONE);
    }

    public static Behavior<Command> create(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            RunObserver observer, Checkpoint checkpoint) {
        return Behaviors.intercept(() -> new ReportFailure(listener), Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<ClusterEvent.MemberRemoved> removed = ctx.messageAdapter(ClusterEvent.MemberRemoved.class,
                    e -> new MemberLost(e.member().address().toString()));
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
            return MemberWait.start(Coordination.of(ctx, timers, sim, listener, observer, checkpoint), expectedNodes);
        })));
    }

    /** Tells the listener when the coordinator fails, instead of leaving the run waiting forever. */
    private static final class ReportFailure extends BehaviorInterceptor<Command, Command> {
        private final ActorRef<Event> listener;

        ReportFailure(ActorRef<Event> listener) {
            super(Command.class);
            this.listener = listener;
        }

        @Override
        public Behavior<Command> aroundReceive(TypedActorContext<Command> ctx, Command msg, ReceiveTarget<Command> target) {
            try {
                return target.apply(ctx, msg);
            } catch (RuntimeException e) {
                listener.tell(new Failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                throw e;
            }
        }
    }
}
