package org.contigsim.host;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.contigsim.wire.WireMessage;

/**
 * One simulated host as a Cluster Sharding entity (entity id = host id). A thin shell around a
 * {@link Host}: it boots the host on {@link Configure} and runs it epoch by epoch on
 * {@link Advance}, replying {@link EpochDone}. Repeated messages (a coordinator retrying) get the
 * same replies and change nothing.
 *
 * <p>A host whose member was lost is re-created elsewhere by {@link Rebuild}: a host is a
 * function of its setup and the epochs it was given, so replaying them (in chunks, each
 * acknowledged by {@link Rebuilt}) brings it back to exactly the state it had.
 */
public final class HostNode {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "host");

    /** What a host entity accepts. */
    public sealed interface Command extends WireMessage permits Configure, Advance, Finish, Rebuild {
    }

    /** Boots the host (first message of every entity). */
    public record Configure(HostSetup setup, ActorRef<Configured> replyTo) implements Command {
    }

    /**
     * Runs the host to {@code untilNanos}, applying {@code assignments} (each timed within the
     * epoch) on the way.
     */
    public record Advance(long epoch, long untilNanos, List<Assignment> assignments, ActorRef<EpochDone> replyTo)
            implements Command {
    }

    /**
     * Replays epochs {@code firstEpoch .. firstEpoch + untilNanos.length - 1}, booting the host from
     * {@code setup} first if this entity is new; epochs it has already run are skipped, so a
     * repeated chunk changes nothing. {@code work} holds the epochs that had assignments.
     */
    public record Rebuild(HostSetup setup, long firstEpoch, long[] untilNanos, List<EpochWork> work,
            ActorRef<Rebuilt> replyTo) implements Command {
    }

    /** The assignments of one replayed epoch. */
    public record EpochWork(long epoch, List<Assignment> assignments) {
    }

    /** The run is over: answer with the host's final state. */
    public record Finish(ActorRef<Final> replyTo) implements Command {
    }

    /** What a host answers. */
    public sealed interface Reply extends WireMessage permits Configured, EpochDone, Final, Rebuilt {
    }

    /** The host's final /proc/buddyinfo. */
    public record Final(int hostId, String buddyinfo) implements Reply {
    }

    /**
     * @param member the cluster member the entity runs on (run metadata only, never results)
     * @param host the entity itself: epochs reach it without the shard region
     * @param relay the epoch relay of its member, which batches epochs between JVMs
     */
    public record Configured(int hostId, String member, ActorRef<Command> host, ActorRef<EpochRelay.Command> relay)
            implements Reply {
    }

    public record EpochDone(long epoch, HostSummary summary, List<BufferOutcome> outcomes) implements Reply {
    }

    /**
     * Where a rebuilt host now lives, the last epoch it has run (-1: none; the next chunk starts
     * after it), and how many of the chunk's epochs it had to run (none for a host that outlived
     * its coordinator).
     */
    public record Rebuilt(Configured configured, long throughEpoch, int replayed) implements Reply {
    }

    private HostNode() {
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(ctx -> {
            String member = member(ctx.getSystem());
            ActorRef<EpochRelay.Command> relay = EpochRelay.of(ctx.getSystem());
            return Behaviors.receive(Command.class)
                    .onMessage(Configure.class, c -> {
                        Host host = new Host(c.setup());
                        Configured configured = new Configured(c.setup().hostId(), member, ctx.getSelf(), relay);
                        c.replyTo().tell(configured);
                        return running(host, configured, null);
                    })
                    .onMessage(Rebuild.class, r -> {
                        Configured configured = new Configured(r.setup().hostId(), member, ctx.getSelf(), relay);
                        if (r.firstEpoch() != 0) {
                            // the chunks before this one went to an entity that is gone too: start over
                            r.replyTo().tell(new Rebuilt(configured, -1, 0));
                            return Behaviors.same();
                        }
                        return replay(new Host(r.setup()), configured, null, r);
                    })
                    .onMessage(Advance.class, a -> {
                        ctx.getLog().warn("host entity {}: epoch {} before it was configured, ignored",
                                ctx.getSelf().path().name(), a.epoch());
                        return Behaviors.same();
                    })
                    .onMessage(Finish.class, f -> Behaviors.same())
                    .build();
        });
    }

    /** @param last the reply to the latest epoch, for a repeated Advance */
    private static Behavior<Command> running(Host host, Configured configured, EpochDone last) {
        return Behaviors.receive(Command.class)
                .onMessage(Configure.class, c -> {
                    if (!c.setup().equals(host.setup())) {
                        throw new IllegalStateException("host " + host.setup().hostId() + " configured twice differently");
                    }
                    c.replyTo().tell(configured);
                    return Behaviors.same();
                })
                .onMessage(Advance.class, a -> {
                    if (last != null && a.epoch() == last.epoch()) {
                        a.replyTo().tell(last);
                        return Behaviors.same();
                    }
                    Host.Epoch e = host.advance(a.untilNanos(), a.assignments());
                    EpochDone done = new EpochDone(a.epoch(), e.summary(), e.outcomes());
                    a.replyTo().tell(done);
                    return running(host, configured, done);
                })
                .onMessage(Rebuild.class, r -> replay(host, configured, last, r))
                .onMessage(Finish.class, f -> {
                    f.replyTo().tell(new Final(host.setup().hostId(), host.buddyinfo()));
                    return Behaviors.same();
                })
                .build();
    }

    /** Runs the chunk's epochs this host has not run yet and says how far it now is. */
    private static Behavior<Command> replay(Host host, Configured configured, EpochDone last, Rebuild r) {
        if (!r.setup().equals(host.setup())) {
            throw new IllegalStateException("host " + host.setup().hostId() + " rebuilt from another setup");
        }
        long through = last == null ? -1 : last.epoch();
        if (r.firstEpoch() > through + 1) {
            r.replyTo().tell(new Rebuilt(configured, through, 0)); // a gap: the coordinator resends from here
            return Behaviors.same();
        }
        EpochDone done = last;
        int replayed = 0;
        int w = 0;
        for (int i = 0; i < r.untilNanos().length; i++) {
            long epoch = r.firstEpoch() + i;
            while (w < r.work().size() && r.work().get(w).epoch() < epoch) {
                w++;
            }
            if (epoch <= through) {
                continue;
            }
            List<Assignment> work = w < r.work().size() && r.work().get(w).epoch() == epoch
                    ? r.work().get(w).assignments() : List.of();
            Host.Epoch e = host.advance(r.untilNanos()[i], work);
            done = new EpochDone(epoch, e.summary(), e.outcomes());
            replayed++;
        }
        r.replyTo().tell(new Rebuilt(configured, done == null ? -1 : done.epoch(), replayed));
        return running(host, configured, done);
    }

    private static String member(ActorSystem<?> system) {
        return Cluster.get(system).selfMember().address().toString();
    }
}
