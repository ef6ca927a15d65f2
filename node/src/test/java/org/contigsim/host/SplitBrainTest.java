package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.FutureConverters;

/**
 * The Split Brain Resolver settings of contigsim-cluster.conf under a real network partition
 * (docs/architecture.md, "Failures"): three members on loopback, member 3 (a node member) is cut
 * off from the coordinator's member 1 and from member 2 in both directions. Keep-oldest by role
 * {@code coordinator} must keep members 1 and 2, down and remove member 3 there, and make member 3
 * down itself and stop; the coordinator's member is never downed.
 *
 * <p>The cut is Artery's test mode ({@code pekko.remote.artery.advanced.test-mode = on}): it puts
 * test stages into every inbound and outbound stream (control, ordinary, large) that drop all
 * messages between blackholed addresses, heartbeats and gossip included, while the TCP
 * connections stay open, as a silent network failure would. It is driven the way Pekko's own
 * multi-node tests (TestConductor, SplitBrainResolverIntegrationSpec) do, through the transport's
 * {@code managementCommand(SetThrottle(address, Both, Blackhole))}, which Java can call directly.
 *
 * <p>The failure detector needs about 13-15 s to call member 3 unreachable and the resolver waits
 * {@code stable-after} (10 s) on each side, so a run takes about 30 s; every await allows 90 s.
 * The measured times are printed to standard error, never asserted.
 */
class SplitBrainTest {
    /** The role keep-oldest keeps; {@link #theResolverKeepsTheCoordinatorRole} ties it to the config. */
    private static final String COORDINATOR = "coordinator";
    private static final Duration FORMING = Duration.ofSeconds(30);
    private static final Duration RESOLVING = Duration.ofSeconds(90);

    private final List<ActorTestKit> kits = new ArrayList<>();

    @AfterEach
    void shutDown() {
        // member 3 is normally gone already; shutting down a terminated system is a no-op. With room:
        // a member leaving a cluster that just lost one can take longer than the test kit's 10 s.
        kits.forEach(kit -> kit.system().terminate());
        kits.forEach(kit -> ActorTestKit.shutdown(kit.system(), Duration.ofSeconds(60), true));
    }

    @Test
    void theResolverKeepsTheCoordinatorRole() {
        Config c = ClusterConfig.member("127.0.0.1", 0, List.of(HostShards.ROLE), List.of());
        assertEquals("keep-oldest", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals(COORDINATOR, c.getString("pekko.cluster.split-brain-resolver.keep-oldest.role"));
        // a downed member must stop on its own, but never take the test's (or the run's) JVM with it
        assertTrue(c.getBoolean("pekko.cluster.run-coordinated-shutdown-when-down"));
        assertFalse(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"));
    }

    @Test
    void aCutOffNodeMemberIsDownedAndStopsWhileTheCoordinatorsSideStays() throws Exception {
        ActorTestKit first = start(List.of(COORDINATOR, HostShards.ROLE), List.of());
        Cluster cluster1 = Cluster.get(first.system());
        cluster1.manager().tell(Join.create(cluster1.selfMember().address()));
        String seed = cluster1.selfMember().address().toString();
        ActorTestKit second = start(List.of(HostShards.ROLE), List.of(seed));
        ActorTestKit third = start(List.of(HostShards.ROLE), List.of(seed));
        Address a1 = address(first);
        Address a2 = address(second);
        Address a3 = address(third);
        for (ActorTestKit k : kits) {
            k.createTestProbe().awaitAssert(FORMING, () -> {
                assertEquals(Set.of(a1, a2, a3), upMembers(k));
                return null;
            });
        }
        TestProbe<ClusterEvent.ClusterDomainEvent> view1 = subscribe(first);
        TestProbe<ClusterEvent.ClusterDomainEvent> view2 = subscribe(second);
        TestProbe<ClusterEvent.ClusterDomainEvent> view3 = subscribe(third);
        CompletableFuture<Long> thirdTerminated = third.system().getWhenTerminated().toCompletableFuture()
                .thenApply(done -> System.nanoTime());

        long cut = System.nanoTime();
        blackhole(third, a1);
        blackhole(third, a2);
        blackhole(first, a3);
        blackhole(second, a3);

        // members 1 and 2: member 3 becomes unreachable, is downed and removed; nobody else leaves
        long[] seen1 = new long[3];
        List<ClusterEvent.ClusterDomainEvent> events1 = view1.fishForMessage(RESOLVING, e -> {
            if (e instanceof ClusterEvent.UnreachableMember u && u.member().address().equals(a3)) {
                seen1[0] = System.nanoTime();
            } else if (e instanceof ClusterEvent.MemberDowned d && d.member().address().equals(a3)) {
                seen1[1] = System.nanoTime();
            } else if (e instanceof ClusterEvent.MemberRemoved r && r.member().address().equals(a3)) {
                seen1[2] = System.nanoTime();
                return FishingOutcomes.complete();
            }
            return FishingOutcomes.continueAndCollect();
        });
        List<ClusterEvent.ClusterDomainEvent> events2 = view2.fishForMessage(RESOLVING, e ->
                e instanceof ClusterEvent.MemberRemoved r && r.member().address().equals(a3)
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
        assertEquals(Set.of(a3), leaving(events1), "member 1's view: " + events1);
        assertEquals(Set.of(a3), leaving(events2), "member 2's view: " + events2);
        assertTrue(seen1[0] != 0 && seen1[1] != 0, "unreachable, then downed: " + events1);

        // member 3 downs itself (it cannot hear members 1 and 2, so no one else can have) and stops
        long terminated = thirdTerminated.get(RESOLVING.toSeconds(), TimeUnit.SECONDS);
        List<ClusterEvent.ClusterDomainEvent> events3 = view3.fishForMessage(Duration.ofSeconds(5), e ->
                e instanceof ClusterEvent.MemberDowned d && d.member().address().equals(a3)
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
        assertEquals(Set.of(a3), leaving(events3), "member 3 downs only itself: " + events3);
        assertTrue(events3.stream().anyMatch(e -> e instanceof ClusterEvent.UnreachableMember u
                && u.member().address().equals(a1)), "member 3 lost the coordinator: " + events3);

        // the coordinator's side stays: both Up, nothing unreachable, in both views
        for (ActorTestKit k : List.of(first, second)) {
            assertEquals(Set.of(a1, a2), upMembers(k));
            assertEquals(Set.of(a1, a2), members(k));
            assertTrue(Cluster.get(k.system()).state().getUnreachable().isEmpty());
            assertFalse(k.system().whenTerminated().isCompleted());
        }

        System.err.printf("SplitBrainTest: after the cut member 3 was unreachable at %.1f s, downed at %.1f s, "
                        + "removed at %.1f s (member 1's view); member 3 terminated at %.1f s%n",
                seconds(cut, seen1[0]), seconds(cut, seen1[1]), seconds(cut, seen1[2]), seconds(cut, terminated));
    }

    private ActorTestKit start(List<String> roles, List<String> seeds) {
        Config config = ConfigFactory.parseString("pekko.remote.artery.advanced.test-mode = on")
                .withFallback(ClusterConfig.member("127.0.0.1", 0, roles, seeds));
        ActorTestKit kit = ActorTestKit.create(ClusterConfig.SYSTEM, config);
        kits.add(kit);
        return kit;
    }

    /**
     * Drops everything between {@code kit}'s member and {@code other}, both directions, in
     * {@code kit}'s transport (each actor system has its own test state). Without test mode the
     * command still answers true but drops nothing: the stages that consult it are not there.
     */
    private static void blackhole(ActorTestKit kit, Address other) throws Exception {
        var provider = (RemoteActorRefProvider) ((ExtendedActorSystem) Adapter.toClassic(kit.system())).provider();
        var command = new ThrottlerTransportAdapter.SetThrottle(other,
                ThrottlerTransportAdapter.bothDirection(), ThrottlerTransportAdapter.blackholeThrottleMode());
        Object done = FutureConverters.asJava(provider.transport().managementCommand(command))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Boolean.TRUE, done, "blackhole " + other);
    }

    private static TestProbe<ClusterEvent.ClusterDomainEvent> subscribe(ActorTestKit kit) {
        TestProbe<ClusterEvent.ClusterDomainEvent> probe = kit.createTestProbe();
        Cluster.get(kit.system()).subscriptions()
                .tell(Subscribe.create(probe.ref(), ClusterEvent.ClusterDomainEvent.class));
        return probe;
    }

    /** The members whose events say they are downed, leaving or removed. */
    private static Set<Address> leaving(List<ClusterEvent.ClusterDomainEvent> events) {
        Set<Address> out = new TreeSet<>(Address.addressOrdering());
        for (ClusterEvent.ClusterDomainEvent e : events) {
            if (e instanceof ClusterEvent.MemberDowned d) {
                out.add(d.member().address());
            } else if (e instanceof ClusterEvent.MemberLeft l) {
                out.add(l.member().address());
            } else if (e instanceof ClusterEvent.MemberExited x) {
                out.add(x.member().address());
            } else if (e instanceof ClusterEvent.MemberRemoved r) {
                out.add(r.member().address());
            }
        }
        return out;
    }

    private static Set<Address> members(ActorTestKit kit) {
        return addresses(kit, false);
    }

    private static Set<Address> upMembers(ActorTestKit kit) {
        return addresses(kit, true);
    }

    private static Set<Address> addresses(ActorTestKit kit, boolean upOnly) {
        Iterable<Member> members = Cluster.get(kit.system()).state().getMembers();
        Set<Address> out = new TreeSet<>(Address.addressOrdering());
        StreamSupport.stream(members.spliterator(), false)
                .filter(m -> !upOnly || m.status() == MemberStatus.up())
                .forEach(m -> out.add(m.address()));
        return out;
    }

    private static Address address(ActorTestKit kit) {
        return Cluster.get(kit.system()).selfMember().address();
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
