package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The host entity's protocol, on a one-member cluster (the entity reports its member). */
@ExtendWith(TestKitJUnit5Extension.class)
class HostNodeTest {
    @JUnit5TestKit
    ActorTestKit testKit = new JUnit5TestKitBuilder()
            .withCustomConfig(ClusterConfig.member("127.0.0.1", 0, List.of(HostShards.ROLE), List.of()))
            .build();

    @Test
    void shouldBootOnConfigureAndAnswerEveryEpochLikeTheHostItWraps() {
        ActorRef<HostNode.Command> node = testKit.spawn(HostNode.create());
        TestProbe<HostNode.Configured> configured = testKit.createTestProbe();
        TestProbe<HostNode.EpochDone> done = testKit.createTestProbe();
        HostSetup setup = HostTest.setup(2);
        node.tell(new HostNode.Configure(setup, configured.ref()));
        assertEquals(2, configured.receiveMessage().hostId());

        Host reference = new Host(setup);
        List<Assignment> work = List.of(new Assignment.Allocate(HostTest.MINUTE, 1, 8 * HostTest.MIB));
        node.tell(new HostNode.Advance(0, HostTest.MINUTE, work, done.ref()));
        HostNode.EpochDone first = done.receiveMessage(Duration.ofSeconds(30));
        Host.Epoch expected = reference.advance(HostTest.MINUTE, work);
        assertEquals(new HostNode.EpochDone(0, expected.summary(), expected.outcomes()), first);

        node.tell(new HostNode.Advance(0, HostTest.MINUTE, work, done.ref()));
        assertSame(first, done.receiveMessage(), "a repeated epoch gets the same answer and changes nothing");
        node.tell(new HostNode.Advance(1, 2 * HostTest.MINUTE, List.of(), done.ref()));
        Host.Epoch second = reference.advance(2 * HostTest.MINUTE, List.of());
        assertEquals(second.summary(), done.receiveMessage(Duration.ofSeconds(30)).summary());

        node.tell(new HostNode.Configure(setup, configured.ref()));
        assertEquals(2, configured.receiveMessage().hostId(), "configure is idempotent");
    }

    @Test
    void shouldIgnoreAnEpochBeforeItIsConfigured() {
        ActorRef<HostNode.Command> node = testKit.spawn(HostNode.create());
        TestProbe<HostNode.EpochDone> done = testKit.createTestProbe();
        node.tell(new HostNode.Advance(0, HostTest.MINUTE, List.of(), done.ref()));
        done.expectNoMessage(Duration.ofMillis(300));
    }
}
