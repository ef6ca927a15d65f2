package org.contigsim.coordinator;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.Event;
import org.contigsim.host.HostNode;
import org.slf4j.Logger;

/**
 * Rebuilds hosts whose entities are gone (with their member, or with an earlier coordinator) on
 * the members left, by replaying their {@link HostHistory} through sharding in chunks, sent again
 * when a host stalls ({@link Rebuilds}). A host that has caught up is handed back to the phase
 * under way, which gives it what the others are doing (the epoch in flight, or the finish).
 */
final class Recovery {
    private final Hosts hosts;
    private final HostHistory history;
    private final Rebuilds rebuilds;
    private final TimerScheduler<Command> timers;
    private final ActorRef<Event> listener;
    private final RunObserver observer;
    private final Logger log;

    Recovery(Hosts hosts, HostHistory history, TimerScheduler<Command> timers, ActorRef<Event> listener,
            RunObserver observer, Logger log) {
        this.hosts = hosts;
        this.history = history;
        this.rebuilds = new Rebuilds(hosts.count());
        this.timers = timers;
        this.listener = listener;
        this.observer = observer;
        this.log = log;
    }

    /** Whether host {@code h} is being rebuilt (it gets the epoch in flight once it has caught up). */
    boolean rebuilding(int h) {
        return rebuilds.active(h);
    }

    /** Sends host {@code h} the chunk it needs next. */
    void resend(int h) {
        hosts.rebuild(h, history, rebuilds.next(h));
    }

    /** Every host is rebuilt from the history: a coordinator resuming an earlier one's epochs. */
    void rebuildAll() {
        for (int h = 0; h < hosts.count(); h++) {
            hosts.unplace(h);
            rebuilds.start(h);
            resend(h);
        }
        timers.startTimerWithFixedDelay(Coordinator.RebuildTick.INSTANCE, Coordinator.REBUILD_RETRY);
    }

    /** A member is gone: rebuild its hosts elsewhere (sharding re-creates their entities on the survivors). */
    void lost(Coordinator.MemberLost m) {
        int count = 0;
        for (int h = 0; h < hosts.count(); h++) {
            if (hosts.runsOn(h, m.address())) {
                hosts.forget(h);
                rebuilds.start(h);
                count++;
                resend(h);
            }
        }
        if (count > 0 && !timers.isTimerActive(Coordinator.RebuildTick.INSTANCE)) {
            timers.startTimerWithFixedDelay(Coordinator.RebuildTick.INSTANCE, Coordinator.REBUILD_RETRY);
        }
        if (count > 0) {
            log.warn("member {} is gone with {} hosts; rebuilding them from epoch 0 to {}", m.address(), count,
                    history.epochs());
            listener.tell(new Coordinator.HostsLost(m.address(), count, history.epochs()));
            observer.hostsLost(m.address(), count);
        }
    }

    /**
     * A rebuilding host acknowledged a chunk: the next one, or, caught up, it runs where its reply
     * says and {@code caughtUp} gives it what the other hosts are doing.
     */
    void rebuilt(HostNode.Rebuilt reply, Consumer<HostNode.Configured> caughtUp) {
        HostNode.Configured at = reply.configured();
        int h = at.hostId();
        switch (rebuilds.ack(h, reply.throughEpoch(), reply.replayed(), history.epochs())) {
            case IGNORE -> {
            }
            case NEXT_CHUNK -> resend(h);
            case CAUGHT_UP -> {
                hosts.placedAt(at);
                caughtUp.accept(at);
                if (rebuilds.done()) {
                    timers.cancel(Coordinator.RebuildTick.INSTANCE);
                    listener.tell(new Coordinator.HostsRebuilt(rebuilds.finished(), history.epochs(),
                            rebuilds.replayedHostEpochs()));
                    observer.hostsRebuilt(rebuilds.finished(), rebuilds.replayedHostEpochs(), hosts.perMember());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Sends the chunk again to rebuilding hosts that have not acknowledged anything since the last tick. */
    void tick() {
        rebuilds.stalled().forEach(this::resend);
    }
}
