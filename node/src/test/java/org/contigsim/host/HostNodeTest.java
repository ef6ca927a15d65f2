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
    void shouldRebuildAHostByReplayingItsEpochsInChunks() {
        HostSetup setup = HostTest.setup(3);
        long[] until = {HostTest.MINUTE, 2 * HostTest.MINUTE, 3 * HostTest.MINUTE, 4 * HostTest.MINUTE};
        List<Assignment> allocate = List.of(new Assignment.Allocate(HostTest.MINUTE / 2, 7, 8 * HostTest.MIB));
        List<Assignment> release = List.of(new Assignment.Release(2 * HostTest.MINUTE + 1, 7));
        Host reference = new Host(setup);
        reference.advance(until[0], allocate);
        reference.advance(until[1], List.of());
        reference.advance(until[2], release);
        Host.Epoch fourth = reference.advance(until[3], List.of());

        ActorRef<HostNode.Command> node = testKit.spawn(HostNode.create());
        TestProbe<HostNode.Rebuilt> rebuilt = testKit.createTestProbe();
        TestProbe<HostNode.EpochDone> done = testKit.createTestProbe();
        node.tell(new HostNode.Rebuild(setup, 2, new long[] {until[2]}, List.of(), rebuilt.ref()));
        assertEquals(-1, rebuilt.receiveMessage().throughEpoch(), "a new entity cannot start in the middle");
        node.tell(new HostNode.Rebuild(setup, 0, new long[] {until[0], until[1]},
                List.of(new HostNode.EpochWork(0, allocate)), rebuilt.ref()));
        HostNode.Rebuilt first = rebuilt.receiveMessage(Duration.ofSeconds(30));
        assertEquals(1, first.throughEpoch());
        assertEquals(3, first.configured().hostId());
        node.tell(new HostNode.Rebuild(setup, 0, new long[] {until[0], until[1]},
                List.of(new HostNode.EpochWork(0, allocate)), rebuilt.ref()));
        assertEquals(1, rebuilt.receiveMessage().throughEpoch(), "a repeated chunk changes nothing");
        node.tell(new HostNode.Rebuild(setup, 2, new long[] {until[2]}, List.of(new HostNode.EpochWork(2, release)),
                rebuilt.ref()));
        assertEquals(2, rebuilt.receiveMessage(Duration.ofSeconds(30)).throughEpoch());

        node.tell(new HostNode.Advance(3, until[3], List.of(), done.ref()));
        assertEquals(new HostNode.EpochDone(3, fourth.summary(), fourth.outcomes()),
                done.receiveMessage(Duration.ofSeconds(30)), "the rebuilt host is the host it replaced");
    }

    @Test
    void shouldIgnoreAnEpochBeforeItIsConfigured() {
        ActorRef<HostNode.Command> node = testKit.spawn(HostNode.create());
        TestProbe<HostNode.EpochDone> done = testKit.createTestProbe();
        node.tell(new HostNode.Advance(0, HostTest.MINUTE, List.of(), done.ref()));
        done.expectNoMessage(Duration.ofMillis(300));
    }
}
