package org.contigsim.coordinator;

import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.contigsim.coordinator.Coordinator.CheckMembers;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.MemberLost;
import org.contigsim.coordinator.Coordinator.Regions;
import org.contigsim.coordinator.Coordinator.Resend;
import org.contigsim.coordinator.Coordinator.Stop;
import org.contigsim.coordinator.Coordinator.WrappedConfigured;
import org.contigsim.host.HostNode;

/**
 * The coordinator's second phase: every host entity is configured through sharding and tells
 * where it runs; hosts not heard of are asked again, and hosts of a member lost meanwhile are
 * configured again (they have no history yet). Then the epochs begin ({@link EpochLoop}), after
 * the epochs of an earlier coordinator of this run when there are any.
 */
final class Boot extends AbstractBehavior<Command> {
    private final Coordination co;
    /** Cluster members Up when the hosts were placed: what {@link Coordinator.Started} reports. */
    private final int members;
    /** Hosts that have not told where they run. */
    private int missing;

    private Boot(Coordination co, int members) {
        super(co.actor());
        this.co = co;
        this.members = members;
        this.missing = co.hosts().count();
    }

    static Behavior<Command> start(Coordination co, int members) {
        for (int h = 0; h < co.hosts().count(); h++) {
            co.hosts().configure(h);
        }
        co.timers().startSingleTimer(new Resend(Coordinator.BOOT), Coordinator.RESEND_AFTER);
        return new Boot(co, members);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WrappedConfigured.class, this::onConfigured)
                .onMessage(Resend.class, this::onResend)
                .onMessage(MemberLost.class, this::onMemberLost)
                .onMessageEquals(CheckMembers.INSTANCE, () -> this)
                .onMessage(Regions.class, r -> this)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onConfigured(WrappedConfigured w) {
        if (!co.hosts().placed(w.reply().hostId())) {
            missing--;
        }
        co.hosts().placedAt(w.reply());
        if (missing > 0) {
            return this;
        }
        co.timers().cancel(new Resend(Coordinator.BOOT));
        co.observer().started(co.sim(), co.hosts().perMember());
        co.listener().tell(new Coordinator.Started(members));
        resume();
        return EpochLoop.next(co);
    }

    private Behavior<Command> onResend(Resend r) {
        for (int h = 0; h < co.hosts().count(); h++) {
            if (!co.hosts().placed(h)) {
                co.hosts().configure(h);
            }
        }
        co.timers().startSingleTimer(new Resend(Coordinator.BOOT), Coordinator.RESEND_AFTER);
        return this;
    }

    /** Booted hosts have no history yet: configuring them again is their rebuild. */
    private Behavior<Command> onMemberLost(MemberLost m) {
        for (int h = 0; h < co.hosts().count(); h++) {
            if (co.hosts().runsOn(h, m.address())) {
                co.hosts().unplace(h);
                missing++;
                co.hosts().configure(h);
            }
        }
        return this;
    }

    /**
     * Restores the epochs of an earlier coordinator: the simulation absorbs their journaled
     * replies again (no host works for that), and every host is rebuilt from the history this
     * produces, exactly as after a lost member. Hosts that survived the old coordinator (in
     * Kubernetes, node pods may) skip what they have already run.
     */
    private void resume() {
        List<HostNode.EpochDone[]> epochs = co.checkpoint().resume();
        if (epochs.isEmpty()) {
            return;
        }
        co.recorder().replay(epochs);
        co.recovery().rebuildAll();
        co.listener().tell(new Coordinator.Resumed(epochs.size()));
        co.listener().tell(new Coordinator.Progress(epochs.size(), co.sim().nowNanos(), co.sim().endNanos()));
    }
}
