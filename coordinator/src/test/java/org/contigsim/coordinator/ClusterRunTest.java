package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.HostShards;
import org.contigsim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The coordinator singleton and sharded hosts on real Pekko clusters in this JVM (loopback,
 * Artery, our Kryo serializer between systems): one member, then three. Both must give exactly
 * what the actor-free {@link DirectRun} gives.
 */
class ClusterRunTest {
    private static final Duration RUN = Duration.ofSeconds(120);

    @Test
    void shouldMatchTheDirectRunOnOneMember() throws Exception {
        Scenario s = Scenarios.tiny();
        assertEquals(expected(s, 5), runOn(1, s, 5));
    }

    @Test
    void shouldMatchTheDirectRunOnThreeMembers() throws Exception {
        Scenario s = Scenarios.tiny();
        assertEquals(expected(s, 6), runOn(3, s, 6));
    }

    @Test
    void shouldMatchTheDirectRunWithACoordinatorMemberThatHostsNothing() throws Exception {
        Scenario s = Scenarios.tiny();
        assertEquals(expected(s, 7), runOn(3, s, 7, false));
    }

    /** Runs on {@code members} actor systems (the first also coordinator) and returns results.json. */
    /** results.json and every host's final buddyinfo of the actor-free run. */
    private static String expected(Scenario s, long seed) throws Exception {
        DirectRun.Outcome o = DirectRun.runWithHosts(s, seed);
        return RunResults.json(o.simulation()) + String.join("", o.buddyinfo());
    }

    private static String runOn(int members, Scenario s, long seed) throws Exception {
        return runOn(members, s, seed, true);
    }

    /** @param coordinatorHosts whether the coordinator's member also has role node */
    private static String runOn(int members, Scenario s, long seed, boolean coordinatorHosts) throws Exception {
        List<ActorTestKit> kits = new ArrayList<>();
        int nodes = coordinatorHosts ? members : members - 1;
        try {
            ActorTestKit first = ActorTestKit.create(ClusterConfig.SYSTEM, ClusterConfig.member("127.0.0.1", 0,
                    coordinatorHosts ? List.of(Coordinator.ROLE, HostShards.ROLE) : List.of(Coordinator.ROLE),
                    List.of()));
            kits.add(first);
            Cluster c = Cluster.get(first.system());
            c.manager().tell(Join.create(c.selfMember().address()));
            String seedNode = c.selfMember().address().toString();
            for (int i = 1; i < members; i++) {
                kits.add(ActorTestKit.create(ClusterConfig.SYSTEM, ClusterConfig.member("127.0.0.1", 0,
                        List.of(HostShards.ROLE), List.of(seedNode))));
            }
            for (ActorTestKit k : kits) {
                HostShards.init(k.system());
            }
            TestProbe<Coordinator.Event> listener = first.createTestProbe();
            Simulation sim = new Simulation(s, seed);
            ClusterSingleton.get(first.system()).init(Coordinator.singleton(sim, nodes, listener.ref(),
                    first.system()));
            List<Coordinator.Event> events = listener.fishForMessage(RUN, e -> e instanceof Coordinator.Finished
                    ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
            Coordinator.Finished done = (Coordinator.Finished) events.get(events.size() - 1);
            assertEquals(nodes, done.hostsPerMember().size(), "hosts on every node member: " + done.hostsPerMember());
            assertEquals(s.hosts(), done.hostsPerMember().values().stream().mapToInt(Integer::intValue).sum());
            return RunResults.json(done.simulation()) + String.join("", done.buddyinfo());
        } finally {
            for (int i = kits.size() - 1; i >= 0; i--) {
                kits.get(i).shutdownTestKit();
            }
        }
    }
}
