package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.contigsim.wire.WireMessage;

/**
 * One per member: fans an epoch's batch of Advances out to the host entities on this member and
 * sends their EpochDone replies back in batches. Between JVMs an epoch then costs a few messages
 * per member instead of two per host. Batches hold at most {@link #BATCH} hosts, far below
 * Artery's frame size.
 */
public final class EpochRelay {
    /** Hosts per batch message. */
    public static final int BATCH = 256;

    public sealed interface Command extends WireMessage permits RelayAdvance, WrappedDone {
    }

    /** One host's share of an epoch: its entity and its assignments. */
    public record HostWork(int hostId, ActorRef<HostNode.Command> host, List<Assignment> assignments) {
    }

    /** Advances every listed host to {@code untilNanos}; answers with {@link RelayDone} batches. */
    public record RelayAdvance(long epoch, long untilNanos, List<HostWork> work, ActorRef<RelayDone> replyTo)
            implements Command {
    }

    /** Replies of some of the hosts of one {@link RelayAdvance}. */
    public record RelayDone(long epoch, List<HostNode.EpochDone> done) implements WireMessage {
    }

    record WrappedDone(HostNode.EpochDone done, ActorRef<RelayDone> replyTo) implements Command {
    }

    private EpochRelay() {
    }

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> relay(ctx, InFlight.of(-1)));
    }

    /**
     * The epoch in flight: hosts advanced, replies received, and the replies not yet sent back
     * (a buffer this epoch's behaviour owns, emptied at every batch so a batch costs no copying).
     */
    private record InFlight(long epoch, int expected, int received, List<HostNode.EpochDone> pending) {
        static InFlight of(long epoch) {
            return new InFlight(epoch, 0, 0, new ArrayList<>());
        }
    }

    private static Behavior<Command> relay(ActorContext<Command> ctx, InFlight f) {
        return Behaviors.receive(Command.class)
                .onMessage(RelayAdvance.class, a -> {
                    ActorRef<HostNode.EpochDone> back = ctx.messageAdapter(HostNode.EpochDone.class,
                            d -> new WrappedDone(d, a.replyTo()));
                    for (HostWork w : a.work()) {
                        w.host().tell(new HostNode.Advance(a.epoch(), a.untilNanos(), w.assignments(), back));
                    }
                    InFlight now = a.epoch() == f.epoch() ? f : InFlight.of(a.epoch());
                    return relay(ctx, new InFlight(now.epoch(), now.expected() + a.work().size(), now.received(),
                            now.pending()));
                })
                .onMessage(WrappedDone.class, w -> {
                    if (w.done().epoch() != f.epoch()) {
                        return Behaviors.same(); // an answer to an epoch already given up
                    }
                    f.pending().add(w.done());
                    int received = f.received() + 1;
                    if (f.pending().size() >= BATCH || received == f.expected()) {
                        w.replyTo().tell(new RelayDone(f.epoch(), List.copyOf(f.pending())));
                        f.pending().clear();
                    }
                    return relay(ctx, new InFlight(f.epoch(), f.expected(), received, f.pending()));
                })
                .build();
    }

    /** The relay of this member, started on first use. */
    public static ActorRef<Command> of(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system).relay;
    }

    /** Holds the member's relay. */
    static final class Holder implements Extension {
        final ActorRef<Command> relay;

        Holder(ActorSystem<?> system) {
            this.relay = system.systemActorOf(create(), "epoch-relay", Props.empty());
        }
    }

    static final class Id extends ExtensionId<Holder> {
        static final Id INSTANCE = new Id();

        @Override
        public Holder createExtension(ActorSystem<?> system) {
            return new Holder(system);
        }
    }
}
