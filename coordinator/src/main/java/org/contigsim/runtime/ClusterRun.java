package org.contigsim.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.coordinator.EpochJournal;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.coordinator.RunResults;
import org.contigsim.coordinator.Simulation;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.ClusterTls;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostShards;
import org.contigsim.scenario.Scenario;

/**
 * One run on a Pekko cluster, from the coordinator's member: starts this member's actor system,
 * the child node JVMs if any, host sharding and the coordinator singleton; waits for the end with
 * progress on stderr; writes the results into {@code DIR.partial} and renames it to {@code DIR}
 * only once complete; stops the children and the actor system whatever happens.
 */
public final class ClusterRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run needs besides the scenario. */
    public record Settings(long seed, Path out, int childJvms, int expectedNodes, List<String> roles, String hostname,
            int port, List<String> seedNodes, boolean quiet, boolean kubernetes, ClusterTls tls) {
        /** Members found through seed nodes (or this member starts the cluster). */
        public Settings(long seed, Path out, int childJvms, int expectedNodes, List<String> roles, String hostname,
                int port, List<String> seedNodes, boolean quiet) {
            this(seed, out, childJvms, expectedNodes, roles, hostname, port, seedNodes, quiet, false);
        }

        /** Without TLS. */
        public Settings(long seed, Path out, int childJvms, int expectedNodes, List<String> roles, String hostname,
                int port, List<String> seedNodes, boolean quiet, boolean kubernetes) {
            this(seed, out, childJvms, expectedNodes, roles, hostname, port, seedNodes, quiet, kubernetes, null);
        }

        /** The same, with Artery over TLS ({@code --tls}; null: plain tcp). */
        public Settings withTls(ClusterTls material) {
            return new Settings(seed, out, childJvms, expectedNodes, roles, hostname, port, seedNodes, quiet,
                    kubernetes, material);
        }

        /** This member's Pekko configuration: seed nodes, or Cluster Bootstrap through the Kubernetes API. */
        public Config memberConfig() {
            return ClusterTls.over(tls, kubernetes ? ClusterConfig.kubernetes(hostname, port, roles)
                    : ClusterConfig.member(hostname, port, roles, seedNodes));
        }
    }

    /**
     * A fault to inject, for rehearsals and tests: SIGKILL child JVM 1 when the coordinator starts
     * executed epoch {@code killNodeAtEpoch} (-1: none).
     */
    public record Chaos(long killNodeAtEpoch) {
        public static final Chaos NONE = new Chaos(-1);
    }

    private ClusterRun() {
    }

    /**
     * One run, the coordinator watched by {@code observer}, with a fault injected, or finishing
     * the run that left its checkpoint in {@code DIR.partial} ({@code resume}); 0 once the results
     * are in {@code s.out()}.
     */
    public static int execute(Scenario scenario, Path scenarioFile, Settings s, PrintWriter err, RunObserver observer,
            Chaos chaos, boolean resume) {
        run(scenario, scenarioFile, s, err, observer, chaos, resume);
        return 0;
    }

    /** A new run as {@link #execute} does it; returns the finished simulation, whose results are in {@code s.out()}. */
    public static Simulation run(Scenario scenario, Path scenarioFile, Settings s, PrintWriter err, RunObserver observer) {
        return run(scenario, scenarioFile, s, err, observer, Chaos.NONE, false);
    }

    /**
     * The run; {@code resume}: the checkpoint in {@code DIR.partial} is this run's beginning (its
     * scenario and seed are the caller's to read from it), else a new run with a new checkpoint.
     */
    public static Simulation run(Scenario scenario, Path scenarioFile, Settings s, PrintWriter err, RunObserver observer,
            Chaos chaos, boolean resume) {
        long startWall = System.nanoTime();
        Path partial = partialOf(s.out());
        if (resume) {
            prepareResume(partial);
        } else {
            prepare(partial);
            RunCheckpoint.start(partial, scenarioFile, scenario, s.seed(), s.childJvms() + 1);
        }
        // initialise logging before the actor system's threads race to do it (SLF4J's replay warning)
        org.slf4j.LoggerFactory.getILoggerFactory();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM, s.memberConfig());
        ChildJvms children = null;
        EpochJournal journal = null;
        try {
            EpochJournal.Codec codec = RunCheckpoint.codec(system);
            Path journalFile = RunCheckpoint.journal(partial);
            List<HostNode.EpochDone[]> earlier = List.of();
            if (resume && Files.exists(journalFile)) {
                EpochJournal.Contents contents = EpochJournal.read(journalFile, codec);
                earlier = contents.epochs();
                journal = EpochJournal.reopen(journalFile, codec, contents);
            } else {
                journal = EpochJournal.create(journalFile, codec);
            }
            Cluster cluster = Cluster.get(system);
            if (s.seedNodes().isEmpty() && !s.kubernetes()) { // Cluster Bootstrap forms it otherwise
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            HostShards.init(system); // hosts a share of them with role node, else only a proxy
            if (s.childJvms() > 0) {
                children = ChildJvms.start(s.childJvms(), cluster.selfMember().address().toString(),
                        childHeap(scenario), partial.resolve("logs"), ClusterTls.childArgs(s.tls()));
            }
            Progress progress = new Progress(err, !s.quiet(), "contigsim run");
            CompletableFuture<Coordinator.Finished> finished = new CompletableFuture<>();
            AtomicInteger members = new AtomicInteger();
            AtomicLong simulated = new AtomicLong();
            Faults faults = new Faults(startWall);
            ChildJvms victims = children;
            LongConsumer epochStarts = epoch -> {
                if (victims != null && epoch == chaos.killNodeAtEpoch()) {
                    victims.kill(1);
                    faults.killed(1, victims.address(1), epoch);
                }
            };
            ActorRef<Coordinator.Event> listener = system.systemActorOf(
                    listener(simulated, finished, members, epochStarts, faults), "run-listener", Props.empty());
            Simulation sim = new Simulation(scenario, s.seed());
            long end = sim.endNanos();
            ClusterSingleton.get(system).init(Coordinator.singleton(sim, s.expectedNodes(), listener, system,
                    observer, new Coordinator.Checkpoint(journal, earlier)));
            // the line is redrawn from here, so it also moves on while a long epoch runs
            Coordinator.Finished done = await(finished, children, () -> progress.simulated(simulated.get(), end),
                    () -> members.get() > 0, cluster, faults, s.quiet() ? null : err,
                    () -> system.getWhenTerminated().toCompletableFuture().isDone());
            progress.simulated(end, end);
            progress.finish();
            if (victims != null && chaos.killNodeAtEpoch() >= 0 && !faults.killedAny()) {
                err.println(Release.PREFIX + "warning: --kill-node-at-epoch " + chaos.killNodeAtEpoch() + ": the run had "
                        + done.simulation().records().size() + " epochs (0 to " + (done.simulation().records().size() - 1)
                        + "); nothing was killed");
                err.flush();
            }
            journal.close();
            journal = null;
            deleteTree(RunCheckpoint.dir(partial)); // results now; a complete DIR holds no checkpoint
            RunResults.write(done.simulation(), done.buddyinfo(), partial);
            Files.writeString(partial.resolve("scenario.conf"), scenario.render(), StandardCharsets.UTF_8);
            double wall = (System.nanoTime() - startWall) / 1e9;
            Files.writeString(partial.resolve("metadata.json"),
                    metadata(scenarioFile, s, members.get(), done, wall, faults) + "\n", StandardCharsets.UTF_8);
            if (children != null) {
                children.close();
                children = null;
            }
            publish(partial, s.out());
            return done.simulation();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (journal != null) {
                journal.close();
            }
            if (children != null) {
                children.close();
            }
            system.terminate(); // leaves the cluster (coordinated shutdown), then stops
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                err.println(Release.PREFIX + "warning: the actor system did not stop cleanly: " + e);
            }
        }
    }

    /**
     * Renames the complete {@code DIR.partial} to {@code DIR}. An existing {@code DIR} (allowed by
     * --force) is first renamed aside and deleted only after the new one is in place.
     */
    public static void publish(Path partial, Path out) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = out.resolveSibling(out.getFileName() + ".replaced");
            deleteTree(old);
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code DIR.partial}, beside {@code DIR}. */
    public static Path partialOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".partial");
    }

    /** {@code DIR.partial} with only its checkpoint: whatever else a dead run left there goes. */
    public static void prepareResume(Path partial) {
        try (Stream<Path> entries = Files.list(partial)) {
            for (Path p : entries.toList()) {
                if (!p.getFileName().toString().equals(RunCheckpoint.NAME)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UsageException("--resume: cannot clean " + partial + " (" + e.getMessage() + ")", e);
        }
    }

    /** An empty {@code DIR.partial} (left over from a run that died: replaced). */
    public static void prepare(Path partial) {
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
        } catch (IOException e) {
            throw new UsageException("--out: cannot create " + partial + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Waits for the end, redrawing progress. A child JVM that dies after the hosts were placed is
     * downed at once (its hosts are rebuilt on the survivors); one that dies before fails the run,
     * which cannot start without its expected members.
     */
    private static Coordinator.Finished await(CompletableFuture<Coordinator.Finished> finished, ChildJvms children,
            Runnable tick, BooleanSupplier started, Cluster cluster, Faults faults, PrintWriter say,
            BooleanSupplier terminated) {
        while (true) {
            try {
                return finished.get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tick.run();
                if (terminated.getAsBoolean() && !finished.isDone()) {
                    // downed by the Split Brain Resolver (cut off from the node members), or stopped
                    throw new RunFailure("this member left the cluster before the run ended; its checkpoint stays in "
                            + "DIR.partial for a coordinator started again (or contigsim run --resume)");
                }
                for (int i : children == null ? List.<Integer>of() : children.newlyExited()) {
                    if (!started.getAsBoolean()) {
                        throw new RunFailure(children.exitOf(i) + " before the run started (see its log in the "
                                + ".partial directory)");
                    }
                    cluster.manager().tell(new Down(AddressFromURIString.parse(children.address(i))));
                    faults.downed(children.address(i), children.exitOf(i));
                    if (say != null) {
                        say.println();
                        say.println(Release.PREFIX + children.exitOf(i) + "; its member is downed and its hosts "
                                + "rebuilt on the others");
                        say.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailure("interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RunFailure f ? f : new RunFailure(e.getCause().toString());
            }
        }
    }

    private static Behavior<Coordinator.Event> listener(AtomicLong simulated,
            CompletableFuture<Coordinator.Finished> finished, AtomicInteger members, LongConsumer epochStarts, Faults faults) {
        return Behaviors.receive(Coordinator.Event.class)
                .onMessage(Coordinator.Started.class, e -> {
                    members.set(e.members());
                    epochStarts.accept(0);
                    return Behaviors.same();
                })
                .onMessage(Coordinator.Progress.class, e -> {
                    simulated.set(e.simulatedNanos());
                    epochStarts.accept(e.epochsDone());
                    return Behaviors.same();
                })
                .onMessage(Coordinator.HostsLost.class, e -> {
                    faults.lost(e);
                    return Behaviors.same();
                })
                .onMessage(Coordinator.Resumed.class, e -> {
                    faults.resumed(e.epochs());
                    return Behaviors.same();
                })
                .onMessage(Coordinator.HostsRebuilt.class, e -> {
                    faults.rebuilt(e);
                    return Behaviors.same();
                })
                .onMessage(Coordinator.Finished.class, e -> {
                    finished.complete(e);
                    return Behaviors.same();
                })
                .onMessage(Coordinator.Failed.class, e -> {
                    finished.completeExceptionally(new RunFailure("the coordinator failed: " + e.reason()));
                    return Behaviors.same();
                })
                .build();
    }

    /** A child's heap: room for every host in the worst shard placement, plus Pekko's own. */
    public static long childHeap(Scenario scenario) {
        long pages = scenario.host().memoryBytes() / 4096;
        return scenario.hosts() * pages * 5 / 4 + (384L << 20);
    }

    private static String metadata(Path scenarioFile, Settings s, int members, Coordinator.Finished done, double wall,
            Faults faults) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario_file", scenarioFile.toString());
        root.put("seed", s.seed());
        root.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
        root.put("jvms", s.childJvms() + 1);
        root.put("cluster_members", members);
        ObjectNode per = root.putObject("hosts_per_member");
        done.hostsPerMember().forEach(per::put);
        if (!faults.none()) {
            root.set("faults", faults.json(JSON));
        }
        ObjectNode versions = root.putObject("versions");
        versions.put("contigsim", Release.VERSION);
        versions.put("java", System.getProperty("java.version"));
        versions.put("pekko", org.apache.pekko.Version.current());
        return JSON.writeValueAsString(root);
    }
}
