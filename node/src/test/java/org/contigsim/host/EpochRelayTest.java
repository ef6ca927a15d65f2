package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
class EpochRelayTest {
    @JUnit5TestKit
    ActorTestKit testKit = new JUnit5TestKitBuilder().build();

    /** A host that answers every epoch at once with an empty summary. */
    private ActorRef<HostNode.Command> echo(int id) {
        return testKit.spawn(Behaviors.receive(HostNode.Command.class)
                .onMessage(HostNode.Advance.class, a -> {
                    a.replyTo().tell(new HostNode.EpochDone(a.epoch(),
                            new HostSummary(id, a.untilNanos(), 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of()));
                    return Behaviors.same();
                })
                .build());
    }

    @Test
    void shouldAdvanceEveryHostAndAnswerInBatches() {
        ActorRef<EpochRelay.Command> relay = testKit.spawn(EpochRelay.create());
        TestProbe<EpochRelay.RelayDone> coordinator = testKit.createTestProbe();
        List<EpochRelay.HostWork> first = new ArrayList<>();
        List<EpochRelay.HostWork> second = new ArrayList<>();
        for (int h = 0; h < 300; h++) {
            (h < 256 ? first : second).add(new EpochRelay.HostWork(h, echo(h), List.of()));
        }
        relay.tell(new EpochRelay.RelayAdvance(7, 100, first, coordinator.ref()));
        relay.tell(new EpochRelay.RelayAdvance(7, 100, second, coordinator.ref()));
        TreeSet<Integer> answered = new TreeSet<>();
        List<Integer> sizes = new ArrayList<>();
        while (answered.size() < 300) {
            EpochRelay.RelayDone done = coordinator.receiveMessage(Duration.ofSeconds(10));
            assertEquals(7, done.epoch());
            sizes.add(done.done().size());
            done.done().forEach(d -> answered.add(d.summary().hostId()));
        }
        assertEquals(300, answered.size());
        assertEquals(300, sizes.stream().mapToInt(Integer::intValue).sum());
        sizes.forEach(n -> assertEquals(true, n <= EpochRelay.BATCH));
        coordinator.expectNoMessage(Duration.ofMillis(200));
    }
}
