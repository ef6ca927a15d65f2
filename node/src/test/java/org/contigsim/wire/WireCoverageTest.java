package org.contigsim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.contigsim.wire.TestMessages.Colour;
import org.contigsim.wire.TestMessages.Drain;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.Loose;
import org.contigsim.wire.TestMessages.Ping;
import org.contigsim.wire.TestMessages.Pong;
import org.contigsim.wire.TestMessages.Reason;
import org.contigsim.wire.TestMessages.Stop;
import org.contigsim.wire.TestMessages.Stray;
import org.contigsim.wire.TestMessages.TestProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireCoverageTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = WireTestKit.start("");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void messageTypesWalksNestedSealedInterfaces() {
        assertEquals(List.of(Drain.class, Ping.class, Pong.class, Stop.class), WireCoverage.messageTypes(TestProtocol.class));
        assertEquals(List.of(Leaf.class, Stray.class), WireCoverage.messageTypes(Loose.class));
    }

    @Test
    void messageTypesRejectsAnOpenType() {
        assertThrows(IllegalArgumentException.class, () -> WireCoverage.messageTypes(WireMessage.class));
    }

    @Test
    void reachableTypesFollowsRecordComponents() {
        List<Class<?>> reachable = WireCoverage.reachableTypes(TestProtocol.class);
        for (Class<?> c : List.of(Leaf.class, Colour.class, Colour[].class, Reason.class, String.class, Ping.class)) {
            assertTrue(reachable.contains(c), c + " missing from " + reachable);
        }
    }

    @Test
    void everyTestProtocolTypeIsRegistered() {
        KryoSerializer serializer = WireTestKit.serializer(testKit);
        assertEquals(List.of(), WireCoverage.unregistered(WireCoverage.reachableTypes(TestProtocol.class), serializer));
    }

    @Test
    void aForgottenRegistrationIsReported() {
        KryoSerializer serializer = WireTestKit.serializer(testKit);
        assertEquals(List.of(Stray.class), WireCoverage.unregistered(WireCoverage.messageTypes(Loose.class), serializer));
    }
}
