package org.contigsim.coordinator;

import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.MemberLost;
import org.contigsim.coordinator.Coordinator.RebuildTick;
import org.contigsim.coordinator.Coordinator.Resend;
import org.contigsim.coordinator.Coordinator.Stop;
import org.contigsim.coordinator.Coordinator.WrappedFinal;
import org.contigsim.coordinator.Coordinator.WrappedRebuilt;

/**
 * The coordinator's last phase: after the last epoch, every host's final state (its
 * /proc/buddyinfo) is collected, asked for again through sharding when missing after
 * {@link Coordinator#RESEND_AFTER}; hosts rebuilt meanwhile are asked once they have caught up.
 * With every state in, the listener gets {@link Coordinator.Finished} and the coordinator idles
 * until it is stopped.
 */
final class FinalStates extends AbstractBehavior<Command> {
    private final Coordination co;
    /** By host id: each host's final /proc/buddyinfo, null while missing. */
    private final String[] finals;
    private int missing;

    private FinalStates(Coordination co) {
        super(co.actor());
        this.co = co;
        this.finals = new String[co.hosts().count()];
        this.missing = finals.length;
    }

    static Behavior<Command> start(Coordination co) {
        for (int h = 0; h < co.hosts().count(); h++) {
            if (!co.recovery().rebuilding(h)) {
                co.hosts().finish(h);
            }
        }
        FinalStates states = new FinalStates(co);
        co.timers().startSingleTimer(new Resend(Coordinator.FINISH), Coordinator.RESEND_AFTER);
        return states;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Resend.class, this::onResend)
                .onMessage(WrappedFinal.class, this::onFinal)
                .onMessage(MemberLost.class, this::onMemberLost)
                .onMessage(WrappedRebuilt.class, this::onRebuilt)
                .onMessageEquals(RebuildTick.INSTANCE, this::onRebuildTick)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onAnyMessage(m -> this)
                .build();
    }

    private Behavior<Command> onResend(Resend r) {
        if (r.epoch() == Coordinator.FINISH) {
            for (int h = 0; h < finals.length; h++) {
                if (co.recovery().rebuilding(h)) {
                    co.recovery().resend(h);
                } else if (finals[h] == null) {
                    co.hosts().finishThroughSharding(h);
                }
            }
            co.timers().startSingleTimer(new Resend(Coordinator.FINISH), Coordinator.RESEND_AFTER);
        }
        return this;
    }

    private Behavior<Command> onFinal(WrappedFinal w) {
        int h = w.reply().hostId();
        if (finals[h] == null) {
            finals[h] = w.reply().buddyinfo();
            missing--;
        }
        if (missing > 0) {
            return this;
        }
        co.timers().cancel(new Resend(Coordinator.FINISH));
        co.listener().tell(new Coordinator.Finished(co.sim(), co.hosts().perMember(), List.of(finals)));
        return done();
    }

    /** The run is over: only the singleton manager's stop is heard. */
    private static Behavior<Command> done() {
        return Behaviors.receive(Command.class).onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onAnyMessage(m -> Behaviors.same()).build();
    }

    private Behavior<Command> onMemberLost(MemberLost m) {
        co.recovery().lost(m);
        return this;
    }

    /** A rebuilt host that has caught up is asked for its final state, straight to its entity. */
    private Behavior<Command> onRebuilt(WrappedRebuilt w) {
        co.recovery().rebuilt(w.reply(), at -> co.hosts().finish(at));
        return this;
    }

    private Behavior<Command> onRebuildTick() {
        co.recovery().tick();
        return this;
    }
}
