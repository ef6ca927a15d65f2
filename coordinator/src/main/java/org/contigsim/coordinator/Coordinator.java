package org.contigsim.coordinator;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;
import org.contigsim.host.EpochRelay;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostShards;

/**
 * The run's driver, a Cluster Singleton on role {@value #ROLE}. It waits for the expected number
 * of members with role node, boots every host entity, then runs the {@link Simulation}'s epochs
 * as a barrier: an Advance to every host, all EpochDone replies collected (whatever their
 * arrival order, they are absorbed in host-id order), the next plan. Lost replies are asked
 * for again (hosts answer repeats idempotently). Progress and the end go to a local listener.
 *
 * <p>When a member is removed from the cluster (downed, or gone), the hosts it ran are rebuilt
 * on the survivors by replaying their {@link HostHistory} through sharding, then given the epoch
 * in flight; the barrier waits for them, so the results are those of a run without the loss.
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
    /** The {@link Resend} key of the final-state round (epochs are numbered from 0). */
    private static final long FINISH = -2;

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

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final Simulation sim;
    private final int expectedNodes;
    private final ActorRef<Event> listener;
    private final RunObserver observer;
    private final Checkpoint checkpoint;
    private final ClusterSharding sharding;
    /** One sharding reference per host, made once: for booting, and for retries after a move. */
    private final EntityRef<HostNode.Command>[] hostRefs;
    /**
     * Each host entity's own reference, from its Configured reply: epochs go straight to it, two
     * hops (shard region, shard) fewer per host and epoch than through sharding.
     */
    private final List<ActorRef<HostNode.Command>> direct;
    /** Each host's member relay, from its Configured reply: an epoch is one batch per member. */
    private final List<ActorRef<EpochRelay.Command>> relays;
    private final ActorRef<EpochRelay.RelayDone> relayAdapter;
    private final ActorRef<HostNode.Configured> configuredAdapter;
    private final ActorRef<HostNode.EpochDone> epochAdapter;
    private final int hosts;
    private int upMembers;
    /** Each host's member (from its Configured or Rebuilt reply); null while it is being placed. */
    private final String[] memberOf;
    private final HostHistory history;
    /** Hosts being replayed after their member was lost (or the coordinator was). */
    private final Rebuilds rebuilds;
    private final ActorRef<HostNode.Rebuilt> rebuiltAdapter;
    /** The epoch whose barrier is open; null before the first and after the last. */
    private Simulation.Plan inFlight;
    /** Where the final states go once the last epoch is done; null before. */
    private ActorRef<HostNode.Final> finalAdapter;

    private Coordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Simulation sim, int expectedNodes,
            ActorRef<Event> listener, RunObserver observer, Checkpoint checkpoint) {
        this.ctx = ctx;
        this.checkpoint = checkpoint;
        this.observer = observer;
        this.timers = timers;
        this.sim = sim;
        this.expectedNodes = expectedNodes;
        this.listener = listener;
        this.sharding = ClusterSharding.get(ctx.getSystem());
        this.configuredAdapter = ctx.messageAdapter(HostNode.Configured.class, WrappedConfigured::new);
        this.epochAdapter = ctx.messageAdapter(HostNode.EpochDone.class, WrappedEpochDone::new);
        this.hosts = sim.scenario().hosts();
        @SuppressWarnings("unchecked")
        EntityRef<HostNode.Command>[] refs = new EntityRef[hosts];
        for (int h = 0; h < hosts; h++) {
            refs[h] = sharding.entityRefFor(HostNode.TYPE_KEY, HostShards.entityId(h));
        }
        this.hostRefs = refs;
        this.direct = new java.util.ArrayList<>(java.util.Collections.nCopies(hosts, null));
        this.relays = new java.util.ArrayList<>(java.util.Collections.nCopies(hosts, null));
        this.relayAdapter = ctx.messageAdapter(EpochRelay.RelayDone.class, WrappedRelayDone::new);
        this.memberOf = new String[hosts];
        this.history = new HostHistory(hosts);
        this.rebuilds = new Rebuilds(hosts);
        this.rebuiltAdapter = ctx.messageAdapter(HostNode.Rebuilt.class, WrappedRebuilt::new);
        ActorRef<ClusterEvent.MemberRemoved> removed = ctx.messageAdapter(ClusterEvent.MemberRemoved.class,
                e -> new MemberLost(e.member().address().toString()));
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
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
            timers.startTimerWithFixedDelay(CheckMembers.INSTANCE, MEMBER_POLL);
            return new Coordinator(ctx, timers, sim, expectedNodes, listener, observer, checkpoint).waitingForMembers();
        })));
    }

    private Behavior<Command> waitingForMembers() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(CheckMembers.INSTANCE, () -> {
                    int nodes = 0;
                    int up = 0;
                    for (org.apache.pekko.cluster.Member m : Cluster.get(ctx.getSystem()).state().getMembers()) {
                        if (m.status() == MemberStatus.up()) {
                            up++;
                            nodes += m.hasRole(HostShards.ROLE) ? 1 : 0;
                        }
                    }
                    upMembers = up;
                    if (nodes >= expectedNodes) {
                        // members are up; hosts are placed only once every member's shard region has
                        // registered, or the first shards would all go to the early regions
                        askRegions();
                    }
                    return Behaviors.same();
                })
                .onMessage(Regions.class, r -> {
                    if (r.count() < expectedNodes) {
                        return Behaviors.same();
                    }
                    timers.cancel(CheckMembers.INSTANCE);
                    return configuring(upMembers);
                })
                .onMessage(MemberLost.class, m -> Behaviors.same()) // nothing placed yet
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    /**
     * Asks the shard coordinator (through this member's region or proxy) which shard regions of
     * the host type it knows.
     */
    private void askRegions() {
        org.apache.pekko.actor.ActorRef region = org.apache.pekko.cluster.sharding.ClusterSharding
                .get(Adapter.toClassic(ctx.getSystem())).shardRegion(HostNode.TYPE_KEY.name());
        ctx.pipeToSelf(Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(5)),
                (reply, error) -> new Regions(reply instanceof ShardRegion.CurrentRegions r ? r.getRegions().size() : 0));
    }

    private Behavior<Command> configuring(int members) {
        for (int h = 0; h < hosts; h++) {
            configure(h);
        }
        timers.startSingleTimer(new Resend(-1), RESEND_AFTER);
        int[] missing = {hosts};
        return Behaviors.receive(Command.class)
                .onMessage(WrappedConfigured.class, w -> {
                    int h = w.reply().hostId();
                    if (memberOf[h] == null) {
                        missing[0]--;
                    }
                    memberOf[h] = w.reply().member();
                    direct.set(h, w.reply().host());
                    relays.set(h, w.reply().relay());
                    if (missing[0] > 0) {
                        return Behaviors.same();
                    }
                    timers.cancel(new Resend(-1));
                    TreeMap<String, Integer> perMember = hostsPerMember();
                    observer.started(sim, perMember);
                    listener.tell(new Started(members));
                    resume();
                    return epoch();
                })
                .onMessage(Resend.class, r -> {
                    for (int h = 0; h < hosts; h++) {
                        if (memberOf[h] == null) {
                            configure(h);
                        }
                    }
                    timers.startSingleTimer(new Resend(-1), RESEND_AFTER);
                    return Behaviors.same();
                })
                .onMessage(MemberLost.class, m -> {
                    // booted hosts have no history yet: configuring them again is their rebuild
                    for (int h = 0; h < hosts; h++) {
                        if (m.address().equals(memberOf[h])) {
                            memberOf[h] = null;
                            missing[0]++;
                            configure(h);
                        }
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(CheckMembers.INSTANCE, Behaviors::same)
                .onMessage(Regions.class, r -> Behaviors.same())
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    /**
     * Restores the epochs of an earlier coordinator: the simulation absorbs their journaled
     * replies again (no host works for that), and every host is rebuilt from the history this
     * produces, exactly as after a lost member. Hosts that survived the old coordinator (in
     * Kubernetes, node pods may) skip what they have already run.
     */
    private void resume() {
        List<HostNode.EpochDone[]> epochs = checkpoint.resume();
        if (epochs.isEmpty()) {
            return;
        }
        for (HostNode.EpochDone[] replies : epochs) {
            Simulation.Plan plan = sim.plan();
            EpochRecord r = sim.absorb(replies);
            history.record(plan);
            observer.epochDone(sim, r);
        }
        for (int h = 0; h < hosts; h++) {
            memberOf[h] = null;
            rebuilds.start(h);
            sendRebuild(h);
        }
        timers.startTimerWithFixedDelay(RebuildTick.INSTANCE, REBUILD_RETRY);
        listener.tell(new Resumed(epochs.size()));
        listener.tell(new Progress(epochs.size(), sim.nowNanos(), sim.endNanos()));
    }

    /** Member address to the number of hosts it runs now. */
    private TreeMap<String, Integer> hostsPerMember() {
        TreeMap<String, Integer> perMember = new TreeMap<>();
        for (String m : memberOf) {
            if (m != null) {
                perMember.merge(m, 1, Integer::sum);
            }
        }
        return perMember;
    }

    private void configure(int h) {
        hostRefs[h].tell(new HostNode.Configure(sim.setup(h), configuredAdapter));
    }

    /** Sends the next plan and collects its barrier; after the last one, reports and idles. */
    private Behavior<Command> epoch() {
        if (sim.finished()) {
            inFlight = null;
            return finishing();
        }
        Simulation.Plan plan = sim.plan();
        inFlight = plan;
        sendThroughRelays(plan);
        timers.startSingleTimer(new Resend(plan.epoch()), RESEND_AFTER);
        HostNode.EpochDone[] replies = new HostNode.EpochDone[hosts];
        int[] missing = {hosts};
        return Behaviors.receive(Command.class)
                .onMessage(WrappedRelayDone.class, w -> {
                    if (w.reply().epoch() != plan.epoch()) {
                        return Behaviors.same();
                    }
                    for (HostNode.EpochDone d : w.reply().done()) {
                        take(d, plan, replies, missing);
                    }
                    return missing[0] > 0 ? Behaviors.same() : endOfEpoch(plan, replies);
                })
                .onMessage(WrappedEpochDone.class, w -> {
                    take(w.reply(), plan, replies, missing);
                    return missing[0] > 0 ? Behaviors.same() : endOfEpoch(plan, replies);
                })
                .onMessage(Resend.class, r -> {
                    if (r.epoch() == plan.epoch()) {
                        for (int h = 0; h < hosts; h++) {
                            if (rebuilds.active(h)) {
                                sendRebuild(h);
                            } else if (replies[h] == null) {
                                advance(plan, h);
                            }
                        }
                        timers.startSingleTimer(new Resend(plan.epoch()), RESEND_AFTER);
                    }
                    return Behaviors.same();
                })
                .onMessage(WrappedConfigured.class, w -> Behaviors.same())
                .onMessage(MemberLost.class, this::lost)
                .onMessage(WrappedRebuilt.class, this::rebuilt)
                .onMessageEquals(RebuildTick.INSTANCE, this::rebuildTick)
                .onMessageEquals(CheckMembers.INSTANCE, Behaviors::same)
                .onMessage(Regions.class, r -> Behaviors.same())
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    /** Collects every host's final state, then reports the end and idles. */
    private Behavior<Command> finishing() {
        finalAdapter = ctx.messageAdapter(HostNode.Final.class, WrappedFinal::new);
        for (int h = 0; h < hosts; h++) {
            if (!rebuilds.active(h)) {
                direct.get(h).tell(new HostNode.Finish(finalAdapter));
            }
        }
        String[] finals = new String[hosts];
        int[] missing = {hosts};
        timers.startSingleTimer(new Resend(FINISH), RESEND_AFTER);
        return Behaviors.receive(Command.class)
                .onMessage(Resend.class, r -> {
                    if (r.epoch() == FINISH) {
                        for (int h = 0; h < hosts; h++) {
                            if (rebuilds.active(h)) {
                                sendRebuild(h);
                            } else if (finals[h] == null) {
                                hostRefs[h].tell(new HostNode.Finish(finalAdapter));
                            }
                        }
                        timers.startSingleTimer(new Resend(FINISH), RESEND_AFTER);
                    }
                    return Behaviors.same();
                })
                .onMessage(WrappedFinal.class, w -> {
                    int h = w.reply().hostId();
                    if (finals[h] == null) {
                        finals[h] = w.reply().buddyinfo();
                        missing[0]--;
                    }
                    if (missing[0] > 0) {
                        return Behaviors.same();
                    }
                    timers.cancel(new Resend(FINISH));
                    listener.tell(new Finished(sim, hostsPerMember(), List.of(finals)));
                    return Behaviors.receive(Command.class).onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                            .onAnyMessage(m -> Behaviors.same()).build();
                })
                .onMessage(MemberLost.class, this::lost)
                .onMessage(WrappedRebuilt.class, this::rebuilt)
                .onMessageEquals(RebuildTick.INSTANCE, this::rebuildTick)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    /** A member is gone: rebuild its hosts elsewhere (sharding re-creates their entities on the survivors). */
    private Behavior<Command> lost(MemberLost m) {
        int count = 0;
        for (int h = 0; h < hosts; h++) {
            if (m.address().equals(memberOf[h])) {
                memberOf[h] = null;
                direct.set(h, null);
                relays.set(h, null);
                rebuilds.start(h);
                count++;
                sendRebuild(h);
            }
        }
        if (count > 0 && !timers.isTimerActive(RebuildTick.INSTANCE)) {
            timers.startTimerWithFixedDelay(RebuildTick.INSTANCE, REBUILD_RETRY);
        }
        if (count > 0) {
            ctx.getLog().warn("member {} is gone with {} hosts; rebuilding them from epoch 0 to {}", m.address(), count,
                    history.epochs());
            listener.tell(new HostsLost(m.address(), count, history.epochs()));
            observer.hostsLost(m.address(), count);
        }
        return Behaviors.same();
    }

    private void sendRebuild(int h) {
        hostRefs[h].tell(history.chunk(h, rebuilds.next(h), sim.setup(h), rebuiltAdapter));
    }

    /** A rebuilt host acknowledged a chunk: the next one, or, caught up, the epoch in flight (or the finish). */
    private Behavior<Command> rebuilt(WrappedRebuilt w) {
        HostNode.Configured at = w.reply().configured();
        int h = at.hostId();
        switch (rebuilds.ack(h, w.reply().throughEpoch(), w.reply().replayed(), history.epochs())) {
            case IGNORE -> {
                return Behaviors.same();
            }
            case NEXT_CHUNK -> {
                sendRebuild(h);
                return Behaviors.same();
            }
            case CAUGHT_UP -> {
                memberOf[h] = at.member();
                direct.set(h, at.host());
                relays.set(h, at.relay());
                if (inFlight != null) {
                    at.host().tell(new HostNode.Advance(inFlight.epoch(), inFlight.untilNanos(),
                            inFlight.assignments().get(h), epochAdapter));
                } else if (finalAdapter != null) {
                    at.host().tell(new HostNode.Finish(finalAdapter));
                }
                if (rebuilds.done()) {
                    timers.cancel(RebuildTick.INSTANCE);
                    listener.tell(new HostsRebuilt(rebuilds.finished(), history.epochs(), rebuilds.replayedHostEpochs()));
                    observer.hostsRebuilt(rebuilds.finished(), rebuilds.replayedHostEpochs(), hostsPerMember());
                }
                return Behaviors.same();
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Sends the chunk again to rebuilding hosts that have not acknowledged anything since the last tick. */
    private Behavior<Command> rebuildTick() {
        rebuilds.stalled().forEach(this::sendRebuild);
        return Behaviors.same();
    }

    /** One batch per member relay (in chunks), each listing its hosts' entities and assignments. */
    private void sendThroughRelays(Simulation.Plan plan) {
        java.util.LinkedHashMap<ActorRef<EpochRelay.Command>, List<EpochRelay.HostWork>> batches =
                new java.util.LinkedHashMap<>();
        for (int h = 0; h < hosts; h++) {
            if (rebuilds.active(h)) {
                continue; // it gets the epoch once it has caught up
            }
            List<EpochRelay.HostWork> batch = batches.computeIfAbsent(relays.get(h), r -> new java.util.ArrayList<>());
            batch.add(new EpochRelay.HostWork(h, direct.get(h), plan.assignments().get(h)));
            if (batch.size() == EpochRelay.BATCH) {
                relays.get(h).tell(new EpochRelay.RelayAdvance(plan.epoch(), plan.untilNanos(), List.copyOf(batch),
                        relayAdapter));
                batch.clear();
            }
        }
        batches.forEach((relay, batch) -> {
            if (!batch.isEmpty()) {
                relay.tell(new EpochRelay.RelayAdvance(plan.epoch(), plan.untilNanos(), List.copyOf(batch),
                        relayAdapter));
            }
        });
    }

    /** Records one host's reply to the current epoch (late or repeated ones are ignored). */
    private static void take(HostNode.EpochDone d, Simulation.Plan plan, HostNode.EpochDone[] replies, int[] missing) {
        int h = d.summary().hostId();
        if (d.epoch() == plan.epoch() && replies[h] == null) {
            replies[h] = d;
            missing[0]--;
        }
    }

    /** Every host answered: absorb the replies in host-id order and go on. */
    private Behavior<Command> endOfEpoch(Simulation.Plan plan, HostNode.EpochDone[] replies) {
        timers.cancel(new Resend(plan.epoch()));
        history.record(plan);
        EpochRecord r = sim.absorb(replies);
        if (checkpoint.journal() != null) {
            checkpoint.journal().append(replies); // before the next plan: at most one epoch is ever lost
        }
        observer.epochDone(sim, r);
        listener.tell(new Progress(r.epoch() + 1, sim.nowNanos(), sim.endNanos()));
        return epoch();
    }

    /** Through sharding: reaches the host wherever it lives now. */
    private void advance(Simulation.Plan plan, int h) {
        List<org.contigsim.host.Assignment> work = plan.assignments().get(h);
        hostRefs[h].tell(new HostNode.Advance(plan.epoch(), plan.untilNanos(), work, epochAdapter));
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
