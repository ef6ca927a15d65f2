package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
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
        return Behaviors.setup(ctx -> {
            // the epoch in flight: hosts advanced, replies received, replies not yet sent back
            long[] epoch = {-1};
            int[] expected = {0};
            int[] received = {0};
            List<HostNode.EpochDone> pending = new ArrayList<>();
            return Behaviors.receive(Command.class)
                    .onMessage(RelayAdvance.class, a -> {
                        if (a.epoch() != epoch[0]) {
                            epoch[0] = a.epoch();
                            expected[0] = 0;
                            received[0] = 0;
                            pending.clear();
                        }
                        expected[0] += a.work().size();
                        ActorRef<HostNode.EpochDone> back = ctx.messageAdapter(HostNode.EpochDone.class,
                                d -> new WrappedDone(d, a.replyTo()));
                        for (HostWork w : a.work()) {
                            w.host().tell(new HostNode.Advance(a.epoch(), a.untilNanos(), w.assignments(), back));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(WrappedDone.class, w -> {
                        if (w.done().epoch() != epoch[0]) {
                            return Behaviors.same(); // an answer to an epoch already given up
                        }
                        pending.add(w.done());
                        received[0]++;
                        if (pending.size() >= BATCH || received[0] == expected[0]) {
                            w.replyTo().tell(new RelayDone(epoch[0], List.copyOf(pending)));
                            pending.clear();
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
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
