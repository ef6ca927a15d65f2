package org.contigsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.metrics.MetricsEndpoint;
import org.contigsim.host.HostShards;
import org.contigsim.scenario.RunPlan;
import org.contigsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.contigsim.runtime.RunCheckpoint;
import org.contigsim.runtime.ClusterRun;
import org.contigsim.runtime.UsageException;

/** {@code contigsim run}: a scenario on an embedded cluster of one or more local JVMs. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "Runs a scenario on a local Pekko cluster and writes its results.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {"contigsim run SCENARIO [--seed N] [--out DIR] [--jvms N [--kill-node-at-epoch E]] [--force] "
                + "[-q] [--metrics-port PORT] [--tls DIR]",
            "       contigsim run --resume DIR.partial [--jvms N] [-q] [--metrics-port PORT] [--tls DIR]"},
        descriptionHeading = "%n",
        description = {
            "Every simulated host is a sharded actor; a coordinator singleton drives simulated time in epochs. "
                    + "With --jvms 1 (the default) one JVM forms a one-member cluster; with --jvms N this JVM "
                    + "starts N-1 more (node members, loopback, ephemeral ports) and stops them at the end. "
                    + "The same scenario and seed give byte-identical results.json, epochs.csv, jobs.csv and "
                    + "hosts.csv whatever the number of JVMs.",
            "",
            "Results are written to DIR.partial and renamed to DIR (default results/<scenario>-<seed>) when "
                    + "complete. Progress goes to stderr. DIR.partial holds a checkpoint while the run goes: a run "
                    + "that died is finished by --resume DIR.partial, with the same results.",
            "",
            "A scenario with a sweep, replicas or a capacity block runs each of its runs in turn, each on its own "
                    + "cluster, into DIR/<key>=<value>,.../ (DIR/.../replica-<r>/ with replicas, DIR/hosts=<n>/ for "
                    + "capacity probes), and writes DIR/comparison.json and DIR/comparison.html (see "
                    + "docs/scenarios.md)."
        },
        optionListHeading = "%nOptions:%n")
final class RunCommand implements Callable<Integer> {
    /** The most JVMs a local run starts (each holds a share of the hosts and a Pekko member). */
    static final int MAX_JVMS = 16;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario file (HOCON), see docs/scenarios.md.")
    Path scenarioFile;

    @Option(names = "--seed", paramLabel = "N", order = 1, defaultValue = "1",
            description = "Run seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", order = 2,
            description = "Results directory; must not exist. Default: results/<scenario>-<seed>.")
    Path out;

    @Option(names = "--jvms", paramLabel = "N", order = 3, defaultValue = "1",
            description = "JVMs forming the cluster (1 to " + MAX_JVMS + "). Default: ${DEFAULT-VALUE}.")
    int jvms;

    @Option(names = "--force", order = 4,
            description = "Replace the results directory if it holds an earlier run's results or is empty (only once the "
                    + "new results are complete).")
    boolean force;

    @Option(names = {"-q", "--quiet"}, order = 5, description = "No progress line on stderr.")
    boolean quiet;

    @Option(names = "--kill-node-at-epoch", paramLabel = "E", order = 6,
            description = "Chaos rehearsal: SIGKILL child node JVM 1 when executed epoch E starts (needs --jvms 2 or "
                    + "more). Its hosts are rebuilt on the other members and the results are those of a run without "
                    + "the kill; metadata.json records what was killed, when, and how long recovery took.")
    Long killNodeAtEpoch;

    @Option(names = "--resume", paramLabel = "DIR.partial", order = 7,
            description = "Finish the run that left DIR.partial (its checkpoint holds the scenario, seed and epochs "
                    + "done) into DIR, with the results it would have had.")
    Path resume;

    /** Only this JVM serves metrics: it runs the coordinator; children are not given the flag. */
    @Mixin
    MetricsFlag metrics = new MetricsFlag();

    /** Children are given it: every member of the run speaks TLS or none does. */
    @Mixin
    TlsFlag tls = new TlsFlag();

    @Override
    public Integer call() {
        if (jvms < 1 || jvms > MAX_JVMS) {
            throw new UsageException("--jvms: " + jvms + " is out of range (1 to " + MAX_JVMS + ")");
        }
        if (killNodeAtEpoch != null && (jvms < 2 || killNodeAtEpoch < 0)) {
            throw new UsageException("--kill-node-at-epoch: " + (killNodeAtEpoch < 0 ? killNodeAtEpoch
                    + " is not an epoch (0 or more)" : "needs --jvms 2 or more (a child node JVM to kill)"));
        }
        if (resume != null) {
            return resume();
        }
        if (scenarioFile == null) {
            throw new UsageException("SCENARIO: missing (the scenario file to run, or --resume DIR.partial)");
        }
        RunPlan plan = ScenarioFiles.loadPlan(scenarioFile);
        if (killNodeAtEpoch != null && !plan.single()) {
            throw new UsageException("--kill-node-at-epoch: only for a single run, not a sweep, replicas or capacity search");
        }
        Scenario scenario = plan.base();
        Path dir = resultsDir(out, scenario, seed, force);
        ClusterRun.Settings settings = new ClusterRun.Settings(seed, dir, jvms - 1, jvms,
                List.of(Coordinator.ROLE, HostShards.ROLE), "127.0.0.1", 0, List.of(), quiet).withTls(tls.read());
        try (MetricsEndpoint endpoint = metrics.open()) {
            RunObserver observer = MetricsFlag.observer(endpoint);
            if (!plan.single()) {
                return PlanRun.execute(plan, scenarioFile, settings, spec.commandLine().getErr(), observer);
            }
            return ClusterRun.execute(scenario, scenarioFile, settings, spec.commandLine().getErr(), observer,
                    killNodeAtEpoch == null ? ClusterRun.Chaos.NONE : new ClusterRun.Chaos(killNodeAtEpoch), false);
        }
    }

    /** {@code --resume DIR.partial}: the checkpoint's run, into DIR. */
    private int resume() {
        for (String other : List.of("--seed", "--out", "--force", "--kill-node-at-epoch")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(other)) {
                throw new UsageException("--resume: not with " + other + " (the checkpoint holds the run's settings)");
            }
        }
        if (scenarioFile != null) {
            throw new UsageException("--resume: not with a SCENARIO (the checkpoint holds the run's scenario)");
        }
        Path partial = resume.toAbsolutePath().normalize();
        String name = partial.getFileName() == null ? "" : partial.getFileName().toString();
        if (!name.endsWith(".partial") || name.equals(".partial")) {
            throw new UsageException("--resume: " + resume + " is not a DIR.partial directory");
        }
        if (!Files.isDirectory(partial)) {
            throw new UsageException("--resume: " + resume + " does not exist");
        }
        RunCheckpoint.Run run = RunCheckpoint.read(partial, "--resume");
        Scenario scenario = RunCheckpoint.scenario(partial, "--resume");
        Path dir = partial.resolveSibling(name.substring(0, name.length() - ".partial".length()));
        if (Files.exists(dir)) {
            throw new UsageException("--resume: " + dir + " already exists (the run was finished, or remove it)");
        }
        ClusterRun.Settings settings = new ClusterRun.Settings(run.seed(), dir, jvms - 1, jvms,
                List.of(Coordinator.ROLE, HostShards.ROLE), "127.0.0.1", 0, List.of(), quiet).withTls(tls.read());
        try (MetricsEndpoint endpoint = metrics.open()) {
            return ClusterRun.execute(scenario, Path.of(run.scenarioFile()), settings, spec.commandLine().getErr(),
                    MetricsFlag.observer(endpoint), ClusterRun.Chaos.NONE, true);
        }
    }

    /**
     * The results directory: {@code out}, or {@code results/<scenario>-<seed>}. It must not exist
     * yet (unless {@code force} and it holds an earlier run's results), and its parent must be (or
     * become) a writable directory.
     */
    static Path resultsDir(Path out, Scenario scenario, long seed, boolean force) {
        if (out != null && out.toString().isBlank()) {
            throw new UsageException("--out: empty (a directory to create)");
        }
        Path dir = out != null ? out : Path.of("results", scenario.name() + "-" + seed);
        String prefix = out != null ? "--out: " : "";
        if (Files.exists(dir) && !(force && Files.isDirectory(dir))) {
            throw new UsageException(prefix + dir + " already exists (choose another --out, remove it, or add --force)");
        }
        if (Files.exists(dir)) {
            String why = notReplaceable(dir);
            if (why != null) {
                throw new UsageException(prefix + dir + " " + why + " (--force replaces only an earlier run's results)");
            }
        }
        Path parent = dir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UsageException(prefix + dir + " cannot be created ("
                    + (parent == null ? "no parent directory" : parent + " is not a writable directory") + ")");
        }
        return dir;
    }

    /**
     * Why --force must not replace the existing directory {@code dir}, or null when it may: it is
     * deleted once the new results are in place, so it must be empty or an earlier run's results
     * ({@code results.json} of a run or capacity search, {@code comparison.json} of a sweep), and
     * must not hold the working directory.
     */
    static String notReplaceable(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Path.of("").toAbsolutePath().normalize().startsWith(abs)) {
            return "holds the working directory";
        }
        if (Files.exists(dir.resolve("results.json")) || Files.exists(dir.resolve("comparison.json"))) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty() ? null : "is not empty and holds no results.json";
        } catch (IOException e) {
            return "cannot be listed (" + e.getMessage() + ")";
        }
    }
}
