package org.contigsim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.contigsim.wire.TestMessages.Carrier;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code serialize-messages = on} Pekko pushes every local send through the bound serializer,
 * as a remote send would: this checks the reference.conf binding end to end.
 */
class SerializeMessagesTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = WireTestKit.start("pekko.actor.serialize-messages = on");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void sentMessagesArriveAsDeserialisedCopies() {
        TestProbe<WireMessage> inbox = testKit.createTestProbe();
        TestProbe<String> replies = testKit.createTestProbe();

        Reply reply = new Reply(replies.ref(), "ask");
        inbox.ref().tell(reply);
        Reply received = (Reply) inbox.receiveMessage();
        assertEquals(reply, received);
        assertNotSame(reply, received);

        Carrier carrier = new Carrier(Map.of("leaves", List.of(new Leaf("a", 1), new Leaf("b", 2))));
        inbox.ref().tell(carrier);
        WireMessage copy = inbox.receiveMessage();
        assertEquals(carrier, copy);
        assertNotSame(carrier, copy);

        received.replyTo().tell("answer");
        replies.expectMessage("answer");
    }
}
