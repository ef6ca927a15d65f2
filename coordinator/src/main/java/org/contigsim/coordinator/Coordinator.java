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
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.contigsim.host.EpochRelay;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostShards;

/**
 * The run's driver, a Cluster Singleton on role {@value #ROLE}. It waits for the expected number
 * of members with role node, boots every host entity, then runs the {@link Simulation}'s epochs
 * as a barrier: an Advance to every host, all EpochDone replies collected (whatever their
 * arrival order, they are absorbed in host-id order), the next plan. Lost replies are asked
 * for again (hosts answer repeats idempotently). Progress and the end go to a local listener.
 */
public final class Coordinator {
    public static final String ROLE = "coordinator";
    /** How often membership is checked while waiting for members. */
    static final Duration MEMBER_POLL = Duration.ofMillis(100);
    /** A barrier not complete after this long is asked again of the hosts that have not answered. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    /** The {@link Resend} key of the final-state round (epochs are numbered from 0). */
    private static final long FINISH = -2;

    /** The coordinator's own messages: timers and adapted host replies (all local). */
    public sealed interface Command permits CheckMembers, Regions, Resend, Stop, WrappedConfigured, WrappedEpochDone,
            WrappedRelayDone, WrappedFinal {
    }

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

    /** What the coordinator tells the local runner. */
    public sealed interface Event permits Started, Progress, Finished, Failed {
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

    private Coordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Simulation sim, int expectedNodes,
            ActorRef<Event> listener, RunObserver observer) {
        this.ctx = ctx;
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
    }

    /** The singleton (on role {@value #ROLE}) of this run. */
    public static SingletonActor<Command> singleton(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return singleton(sim, expectedNodes, listener, system, RunObserver.NONE);
    }

    /** The singleton, watched by {@code observer} (live metrics) from its own thread. */
    public static SingletonActor<Command> singleton(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            org.apache.pekko.actor.typed.ActorSystem<?> system, RunObserver observer) {
        return SingletonActor.of(create(sim, expectedNodes, listener, observer), "coordinator")
                .withStopMessage(Stop.INSTANCE)
                .withSettings(ClusterSingletonSettings.create(system).withRole(ROLE));
    }

    /** @param expectedNodes members with role node to wait for before booting hosts */
    public static Behavior<Command> create(Simulation sim, int expectedNodes, ActorRef<Event> listener) {
        return create(sim, expectedNodes, listener, RunObserver.NONE);
    }

    public static Behavior<Command> create(Simulation sim, int expectedNodes, ActorRef<Event> listener,
            RunObserver observer) {
        return Behaviors.intercept(() -> new ReportFailure(listener), Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(CheckMembers.INSTANCE, MEMBER_POLL);
            return new Coordinator(ctx, timers, sim, expectedNodes, listener, observer).waitingForMembers();
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
        String[] memberOf = new String[hosts];
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
                    TreeMap<String, Integer> perMember = new TreeMap<>();
                    for (String m : memberOf) {
                        perMember.merge(m, 1, Integer::sum);
                    }
                    observer.started(sim, perMember);
                    listener.tell(new Started(members));
                    return epoch(perMember);
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
                .onMessageEquals(CheckMembers.INSTANCE, Behaviors::same)
                .onMessage(Regions.class, r -> Behaviors.same())
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private void configure(int h) {
        hostRefs[h].tell(new HostNode.Configure(sim.setup(h), configuredAdapter));
    }

    /** Sends the next plan and collects its barrier; after the last one, reports and idles. */
    private Behavior<Command> epoch(TreeMap<String, Integer> perMember) {
        if (sim.finished()) {
            return finishing(perMember);
        }
        Simulation.Plan plan = sim.plan();
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
                    return missing[0] > 0 ? Behaviors.same() : endOfEpoch(plan, replies, perMember);
                })
                .onMessage(WrappedEpochDone.class, w -> {
                    take(w.reply(), plan, replies, missing);
                    return missing[0] > 0 ? Behaviors.same() : endOfEpoch(plan, replies, perMember);
                })
                .onMessage(Resend.class, r -> {
                    if (r.epoch() == plan.epoch()) {
                        for (int h = 0; h < hosts; h++) {
                            if (replies[h] == null) {
                                advance(plan, h);
                            }
                        }
                        timers.startSingleTimer(new Resend(plan.epoch()), RESEND_AFTER);
                    }
                    return Behaviors.same();
                })
                .onMessage(WrappedConfigured.class, w -> {
                    direct.set(w.reply().hostId(), w.reply().host()); // re-created elsewhere
                    relays.set(w.reply().hostId(), w.reply().relay());
                    return Behaviors.same();
                })
                .onMessageEquals(CheckMembers.INSTANCE, Behaviors::same)
                .onMessage(Regions.class, r -> Behaviors.same())
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    /** Collects every host's final state, then reports the end and idles. */
    private Behavior<Command> finishing(TreeMap<String, Integer> perMember) {
        ActorRef<HostNode.Final> adapter = ctx.messageAdapter(HostNode.Final.class, WrappedFinal::new);
        for (int h = 0; h < hosts; h++) {
            direct.get(h).tell(new HostNode.Finish(adapter));
        }
        String[] finals = new String[hosts];
        int[] missing = {hosts};
        timers.startSingleTimer(new Resend(FINISH), RESEND_AFTER);
        return Behaviors.receive(Command.class)
                .onMessage(Resend.class, r -> {
                    if (r.epoch() == FINISH) {
                        for (int h = 0; h < hosts; h++) {
                            if (finals[h] == null) {
                                hostRefs[h].tell(new HostNode.Finish(adapter));
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
                    listener.tell(new Finished(sim, perMember, List.of(finals)));
                    return Behaviors.receive(Command.class).onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                            .onAnyMessage(m -> Behaviors.same()).build();
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    /** One batch per member relay (in chunks), each listing its hosts' entities and assignments. */
    private void sendThroughRelays(Simulation.Plan plan) {
        java.util.LinkedHashMap<ActorRef<EpochRelay.Command>, List<EpochRelay.HostWork>> batches =
                new java.util.LinkedHashMap<>();
        for (int h = 0; h < hosts; h++) {
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
    private Behavior<Command> endOfEpoch(Simulation.Plan plan, HostNode.EpochDone[] replies,
            TreeMap<String, Integer> perMember) {
        timers.cancel(new Resend(plan.epoch()));
        EpochRecord r = sim.absorb(replies);
        observer.epochDone(sim, r);
        listener.tell(new Progress(r.epoch() + 1, sim.nowNanos(), sim.endNanos()));
        return epoch(perMember);
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
