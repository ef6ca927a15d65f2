package org.contigsim.coordinator;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.contigsim.coordinator.Coordinator.CheckMembers;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.MemberLost;
import org.contigsim.coordinator.Coordinator.RebuildTick;
import org.contigsim.coordinator.Coordinator.Regions;
import org.contigsim.coordinator.Coordinator.Resend;
import org.contigsim.coordinator.Coordinator.Stop;
import org.contigsim.coordinator.Coordinator.WrappedConfigured;
import org.contigsim.coordinator.Coordinator.WrappedEpochDone;
import org.contigsim.coordinator.Coordinator.WrappedRebuilt;
import org.contigsim.coordinator.Coordinator.WrappedRelayDone;
import org.contigsim.host.HostNode;

/**
 * The epoch loop, one behaviour per epoch: the plan goes to every host through the member relays,
 * and the barrier collects every host's EpochDone, whatever their order; late or repeated replies
 * are ignored. Replies missing after {@link Coordinator#RESEND_AFTER} are asked for again through
 * sharding. A complete barrier is recorded ({@link EpochRecorder}) and the next epoch begins,
 * or, after the last, the final states are collected ({@link FinalStates}). Hosts rebuilt
 * meanwhile ({@link Recovery}) are given the epoch once they have caught up.
 */
final class EpochLoop extends AbstractBehavior<Command> {
    private final Coordination co;
    private final Simulation.Plan plan;
    /** By host id: each host's reply to this epoch, null while missing. */
    private final HostNode.EpochDone[] replies;
    private int missing;

    private EpochLoop(Coordination co, Simulation.Plan plan) {
        super(co.actor());
        this.co = co;
        this.plan = plan;
        this.replies = new HostNode.EpochDone[co.hosts().count()];
        this.missing = replies.length;
    }

    /** Sends the next plan and waits for its barrier; after the last epoch, collects the final states. */
    static Behavior<Command> next(Coordination co) {
        if (co.sim().finished()) {
            return FinalStates.start(co);
        }
        Simulation.Plan plan = co.sim().plan();
        co.hosts().advanceThroughRelays(plan, co.recovery()::rebuilding); // rebuilding hosts get it once caught up
        co.timers().startSingleTimer(new Resend(plan.epoch()), Coordinator.RESEND_AFTER);
        return new EpochLoop(co, plan);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WrappedRelayDone.class, this::onRelayDone)
                .onMessage(WrappedEpochDone.class, w -> take(w.reply()).barrier())
                .onMessage(Resend.class, this::onResend)
                .onMessage(WrappedConfigured.class, w -> this)
                .onMessage(MemberLost.class, this::onMemberLost)
                .onMessage(WrappedRebuilt.class, this::onRebuilt)
                .onMessageEquals(RebuildTick.INSTANCE, this::onRebuildTick)
                .onMessageEquals(CheckMembers.INSTANCE, () -> this)
                .onMessage(Regions.class, r -> this)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onRelayDone(WrappedRelayDone w) {
        if (w.reply().epoch() != plan.epoch()) {
            return this;
        }
        for (HostNode.EpochDone d : w.reply().done()) {
            take(d);
        }
        return barrier();
    }

    /** Records one host's reply to this epoch (late or repeated ones are ignored). */
    private EpochLoop take(HostNode.EpochDone d) {
        int h = d.summary().hostId();
        if (d.epoch() == plan.epoch() && replies[h] == null) {
            replies[h] = d;
            missing--;
        }
        return this;
    }

    /** Waits on while a reply is missing; once every host answered, records the epoch and goes on. */
    private Behavior<Command> barrier() {
        if (missing > 0) {
            return this;
        }
        co.timers().cancel(new Resend(plan.epoch()));
        co.recorder().record(plan, replies);
        return next(co);
    }

    private Behavior<Command> onResend(Resend r) {
        if (r.epoch() == plan.epoch()) {
            for (int h = 0; h < replies.length; h++) {
                if (co.recovery().rebuilding(h)) {
                    co.recovery().resend(h);
                } else if (replies[h] == null) {
                    co.hosts().advance(plan, h);
                }
            }
            co.timers().startSingleTimer(new Resend(plan.epoch()), Coordinator.RESEND_AFTER);
        }
        return this;
    }

    private Behavior<Command> onMemberLost(MemberLost m) {
        co.recovery().lost(m);
        return this;
    }

    /** A rebuilt host that has caught up is given this epoch, straight to its entity. */
    private Behavior<Command> onRebuilt(WrappedRebuilt w) {
        co.recovery().rebuilt(w.reply(), at -> co.hosts().advance(plan, at));
        return this;
    }

    private Behavior<Command> onRebuildTick() {
        co.recovery().tick();
        return this;
    }
}
