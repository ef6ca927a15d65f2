package org.contigsim.bench;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.coordinator.DirectRun;
import org.contigsim.coordinator.Simulation;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.HostShards;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.runtime.ChildJvms;
import org.contigsim.scenario.Contiguity;
import org.contigsim.scenario.JobSpec;
import org.contigsim.scenario.Scenario;
import org.contigsim.workload.Preset;

/**
 * Coordination overhead of the epoch barrier: hosts whose work is trivial (64 MiB, no background,
 * no jobs) advanced epoch after epoch by the coordinator singleton through Cluster Sharding, with
 * idle epochs not merged. Prints host-epochs per second over the epochs after a warm-up, for one
 * JVM or with node members in child JVMs (same class path), beside the actor-free loop.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.contigsim.bench.CoordinationBenchmark HOSTS EPOCHS JVMS
 * </pre>
 */
public final class CoordinationBenchmark {
    private static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");

    private CoordinationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int jvms = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int warmup = epochs / 4;
        Scenario s = new Scenario("coordination", hosts, new HostSpec(64L << 20, 1, KernelVersion.V6_15, CX5),
                Preset.IDLE.label(), 0, epochs * 1_000_000_000L, 1_000_000_000L,
                new JobSpec(0, 2, 4L << 20, 4096, AccessPattern.RANDOM, 1L << 30, 60_000_000_000L,
                        BufferPolicy.Kind.CONTIG_RANGE, PlacementPolicy.Named.FIRST_FIT, 4L << 20, Contiguity.STRICT));

        long t0 = System.nanoTime();
        DirectRun.run(s, 1);
        double direct = (System.nanoTime() - t0) / 1e9;

        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM,
                ClusterConfig.member("127.0.0.1", 0, List.of(Coordinator.ROLE, HostShards.ROLE), List.of()));
        ChildJvms children = null;
        try {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            HostShards.init(system);
            if (jvms > 1) {
                children = ChildJvms.start(jvms - 1, cluster.selfMember().address().toString(), 1L << 30,
                        Files.createTempDirectory("coordination-bench"));
            }
            long[] marks = new long[2];
            CompletableFuture<Void> done = new CompletableFuture<>();
            ActorRef<Coordinator.Event> listener = system.systemActorOf(Behaviors.receive(Coordinator.Event.class)
                    .onMessage(Coordinator.Progress.class, p -> {
                        if (p.epochsDone() == warmup) {
                            marks[0] = System.nanoTime();
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Coordinator.Finished.class, f -> {
                        marks[1] = System.nanoTime();
                        done.complete(null);
                        return Behaviors.same();
                    })
                    .onAnyMessage(m -> Behaviors.same())
                    .build(), "bench-listener", Props.empty());
            ClusterSingleton.get(system).init(Coordinator.singleton(new Simulation(s, 1, false), jvms, listener, system));
            done.get(30, TimeUnit.MINUTES);
            double seconds = (marks[1] - marks[0]) / 1e9;
            long hostEpochs = (long) hosts * (epochs - warmup);
            System.out.printf(Locale.ROOT, "hosts=%d epochs=%d (measured %d after %d warm-up) jvms=%d%n", hosts, epochs,
                    epochs - warmup, warmup, jvms);
            System.out.printf(Locale.ROOT, "cluster: %.3f s, %.0f host-epochs/s, %.0f epochs/s%n", seconds,
                    hostEpochs / seconds, (epochs - warmup) / seconds);
            System.out.printf(Locale.ROOT, "direct loop (no actors, all %d epochs): %.3f s, %.0f host-epochs/s%n", epochs,
                    direct, (double) hosts * epochs / direct);
        } finally {
            if (children != null) {
                children.close();
            }
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
