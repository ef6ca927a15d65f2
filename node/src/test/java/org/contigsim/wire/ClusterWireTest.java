package org.contigsim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.HostShards;
import org.contigsim.wire.TestMessages.Carrier;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.Ping;
import org.contigsim.wire.TestMessages.PlainSerializable;
import org.contigsim.wire.TestMessages.Stray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire rules between two real cluster members (ClusterConfig.member, Artery on 127.0.0.1):
 * a message whose class has no wire id is dropped, whether the sender or only the receiver lacks
 * the id, and so is one only Java serialization could carry. Each is followed by a registered
 * message to the same actor: messages between one sender and one receiver keep their order, so
 * receiving the follower first shows the other was dropped, without waiting for a non-event.
 */
class ClusterWireTest {
    private static final Duration FORM = Duration.ofSeconds(60);

    /** Knows {@link Stray} (registered by {@link StrayRegistrar}). */
    private static ActorTestKit knows;
    /** Knows only what {@link TestRegistrar} registers. */
    private static ActorTestKit lacks;
    private static TestProbe<Object> inboxOfKnows;
    private static TestProbe<Object> inboxOfLacks;

    /** Gives the stray a wire id on one member only. */
    public static final class StrayRegistrar implements WireRegistrar {
        @Override
        public void register(WireRegistry registry) {
            registry.register(Stray.class, 120);
        }
    }

    private static ActorTestKit member(List<String> seeds, String extra) {
        // a real member's settings; the test protocol's ids instead of the host protocol's (same range)
        Config config = ConfigFactory.parseString(extra
                        + "\ncontigsim.wire.registrars.test = \"org.contigsim.wire.TestRegistrar\""
                        + "\ncontigsim.wire.registrars.host = null")
                .withFallback(ClusterConfig.member("127.0.0.1", 0, List.of(HostShards.ROLE), seeds));
        return ActorTestKit.create(ClusterConfig.SYSTEM, config);
    }

    @BeforeAll
    static void form() {
        knows = member(List.of(), "contigsim.wire.registrars.stray = \"" + StrayRegistrar.class.getName() + "\"");
        Address first = Cluster.get(knows.system()).selfMember().address();
        Cluster.get(knows.system()).manager().tell(Join.create(first));
        lacks = member(List.of(first.toString()), "");
        TestProbe<SelfUp> up = lacks.createTestProbe();
        Cluster.get(lacks.system()).subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
        up.receiveMessage(FORM);
        inboxOfKnows = knows.createTestProbe();
        inboxOfLacks = lacks.createTestProbe();
    }

    @AfterAll
    static void stop() {
        lacks.shutdownTestKit();
        knows.shutdownTestKit();
    }

    /** {@code ref} of {@code owner}'s system as the other member sees it: a remote reference. */
    private static ActorRef<Object> remote(ActorRef<Object> ref, ActorTestKit owner, ActorTestKit from) {
        String path = ActorRefResolver.get(owner.system()).toSerializationFormat(ref);
        return ActorRefResolver.get(from.system()).resolveActorRef(path);
    }

    @Test
    void membersRunTheRestrictedSerializer() {
        for (ActorTestKit kit : List.of(knows, lacks)) {
            Config c = kit.system().settings().config();
            assertFalse(c.getBoolean("pekko.actor.allow-java-serialization"));
            assertEquals("org.contigsim.wire.KryoSerializer", c.getString("pekko.actor.serializers.contigsim-kryo"));
            assertInstanceOf(KryoSerializer.class, WireTestKit.serializer(kit));
        }
        assertTrue(WireTestKit.serializer(knows).isRegistered(Stray.class));
        assertFalse(WireTestKit.serializer(lacks).isRegistered(Stray.class));
    }

    @Test
    void aRegisteredMessageArrivesAsACopy() {
        Carrier message = new Carrier(List.of(new Leaf("across", 1)));
        remote(inboxOfLacks.ref(), lacks, knows).tell(message);
        Object received = inboxOfLacks.receiveMessage(FORM);
        assertEquals(message, received);
        assertNotSame(message, received);
    }

    @Test
    void aMessageTheSenderCannotRegisterIsDropped() {
        ActorRef<Object> target = remote(inboxOfKnows.ref(), knows, lacks);
        target.tell(new Stray("never sent"));
        target.tell(new Ping(1));
        inboxOfKnows.expectMessage(FORM, new Ping(1));
    }

    @Test
    void aMessageTheReceiverCannotResolveIsDropped() {
        ActorRef<Object> target = remote(inboxOfLacks.ref(), lacks, knows);
        target.tell(new Stray("unknown id on arrival"));
        target.tell(new Ping(2));
        inboxOfLacks.expectMessage(FORM, new Ping(2));
    }

    @Test
    void aMessageOnlyJavaSerializationCouldCarryIsDropped() {
        ActorRef<Object> target = remote(inboxOfLacks.ref(), lacks, knows);
        target.tell(new PlainSerializable("java"));
        target.tell(new Ping(3));
        inboxOfLacks.expectMessage(FORM, new Ping(3));
    }
}
