package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.HostShards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The coordinator's protocol towards its listener, on a one-member cluster. */
@ExtendWith(TestKitJUnit5Extension.class)
class CoordinatorTest {
    @JUnit5TestKit
    ActorTestKit testKit = new JUnit5TestKitBuilder().withName(ClusterConfig.SYSTEM)
            .withCustomConfig(ClusterConfig.member("127.0.0.1", 0, List.of(Coordinator.ROLE, HostShards.ROLE),
                    List.of()))
            .build();

    @Test
    void shouldReportStartThenEveryEpochThenTheEnd() {
        Cluster c = Cluster.get(testKit.system());
        c.manager().tell(Join.create(c.selfMember().address()));
        HostShards.init(testKit.system());
        TestProbe<Coordinator.Event> listener = testKit.createTestProbe();
        Simulation sim = new Simulation(Scenarios.quiet(3, 120, 10, 60, 10), 4);
        testKit.spawn(Coordinator.create(sim, 1, listener.ref()));

        Coordinator.Started started = listener.expectMessageClass(Coordinator.Started.class, Duration.ofSeconds(30));
        assertEquals(1, started.members());
        long previous = 0;
        for (long epoch = 1; ; epoch++) {
            Coordinator.Event e = listener.receiveMessage(Duration.ofSeconds(30));
            if (e instanceof Coordinator.Finished f) {
                assertEquals(epoch - 1, f.simulation().records().size());
                assertEquals(3, f.hostsPerMember().values().iterator().next());
                break;
            }
            Coordinator.Progress p = assertInstanceOf(Coordinator.Progress.class, e);
            assertEquals(epoch, p.epochsDone());
            assertTrue(p.simulatedNanos() > previous);
            assertEquals(70 * Scenarios.SECOND, p.endNanos());
            previous = p.simulatedNanos();
        }
        assertEquals(70 * Scenarios.SECOND, previous);
    }

    @Test
    void shouldWaitForTheExpectedMembers() {
        Cluster c = Cluster.get(testKit.system());
        c.manager().tell(Join.create(c.selfMember().address()));
        HostShards.init(testKit.system());
        TestProbe<Coordinator.Event> listener = testKit.createTestProbe();
        testKit.spawn(Coordinator.create(new Simulation(Scenarios.quiet(2, 0, 0, 10, 10), 1), 2, listener.ref()));
        listener.expectNoMessage(Duration.ofSeconds(2)); // one node member of the two expected
    }
}
