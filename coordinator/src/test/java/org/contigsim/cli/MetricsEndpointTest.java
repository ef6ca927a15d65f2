package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.coordinator.EpochRecord;
import org.contigsim.coordinator.Simulation;
import org.contigsim.host.HostShards;
import org.contigsim.metrics.KamonObserver;
import org.contigsim.metrics.MetricsEndpoint;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.contigsim.runtime.ClusterRun;
import org.contigsim.runtime.ChildJvms;

/** {@code --metrics-port}: the Prometheus endpoint scraped around a real run of the tiny scenario. */
class MetricsEndpointTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Between two looks while polling (not a synchronisation: each look checks the condition). */
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dir;

    /** The scrape as "name{labels}" to value, samples only. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /** Scrapes until {@code until} holds (Kamon publishes on its tick), or fails after {@link #PATIENCE}. */
    static Map<String, Double> scrapeUntil(int port, Predicate<Map<String, Double>> until) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Double> last = Map.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            last = parse(r.body());
            if (until.test(last)) {
                return last;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return fail("the scrape never showed what was expected; last: " + last);
    }

    private static double sum(Map<String, Double> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void shouldServeTheSimulationMetricsOfARunOnTheEndpoint() throws Exception {
        Scenario tiny = ScenarioParser.parse(Path.of(RunCommandTest.TINY));
        int port = ChildJvms.freePort();
        Simulation sim;
        Map<String, Double> m;
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(port, Duration.ofMillis(100))) {
            // the endpoint is up before the run: JVM metrics, and the simulation's once the run starts
            scrapeUntil(port, s -> s.keySet().stream().anyMatch(k -> k.startsWith("jvm_")));
            assertTrue(!kamonThreads().isEmpty(), "what the other test expects gone after the end is there now");
            ClusterRun.Settings settings = new ClusterRun.Settings(3, dir.resolve("out"), 0, 1,
                    List.of(Coordinator.ROLE, HostShards.ROLE), "127.0.0.1", 0, List.of(), true);
            sim = ClusterRun.run(tiny, Path.of(RunCommandTest.TINY), settings, new PrintWriter(new StringWriter()),
                    new KamonObserver());
            int epochs = sim.records().size();
            // GC time is a histogram, served once a collection was seen; a short run may have none
            System.gc();
            Set<String> dashboard = dashboardMetrics();
            m = scrapeUntil(port, s -> s.getOrDefault("contigsim_epochs_total", 0.0) == epochs
                    && dashboard.stream().allMatch(d -> served(s, d)));
        }
        EpochRecord last = sim.records().get(sim.records().size() - 1);
        assertEquals(360.0, m.get("contigsim_simulated_seconds"), "2 min warm-up and 4 min of jobs");
        assertEquals(360.0, m.get("contigsim_simulated_end_seconds"));
        assertEquals(last.jobsArrived(), sum(m, "contigsim_jobs{"), 1e-9, "every job in one outcome");
        assertEquals(last.jobsFailed(), m.get("contigsim_jobs{outcome=\"failed\"}"));
        assertEquals(last.jobsCompleted(), m.get("contigsim_jobs{outcome=\"contiguous\"}")
                + m.get("contigsim_jobs{outcome=\"fallback\"}"));
        assertEquals(4.0, sum(m, "contigsim_hosts{member=\"pekko://contigsim@127.0.0.1:"), "4 hosts on the member");

        double started = m.get("contigsim_job_wait_seconds_count");
        assertTrue(started >= 10, "tiny starts jobs: " + started);
        assertEquals(started, m.get("contigsim_job_throughput_mib_s_count"), "one throughput per started job");
        assertEquals(started, m.get("contigsim_job_wait_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(m.get("contigsim_job_wait_seconds_sum") >= 0);
        double meanMibS = m.get("contigsim_job_throughput_mib_s_sum") / started;
        assertTrue(meanMibS > 1000 && meanMibS < 50_000, "a NIC's MiB/s: " + meanMibS);

        double unusable = m.get("contigsim_unusable_index_order9");
        assertTrue(unusable >= 0 && unusable <= 1, "an index, 0 to 1: " + unusable);
        assertEquals(last.meanUnusableIndex9(), unusable, 1e-9);
        assertEquals(last.minLargestContigGib() * (1L << 30), m.get("contigsim_largest_contig_bytes{stat=\"min\"}"),
                1.0);
        assertTrue(m.get("contigsim_largest_contig_bytes{stat=\"mean\"}") > 0);
        assertTrue(m.get("contigsim_free_bytes{stat=\"mean\"}") > 0);
        assertTrue(m.get("contigsim_allocator_ops_total") > 0, "the fragmenting background works the allocator");
        assertEquals(sim.records().stream().mapToLong(EpochRecord::pagesMigrated).sum(),
                m.get("contigsim_pages_migrated_total"));
        assertTrue(m.containsKey("contigsim_compaction_seconds_total"));
        assertTrue(m.get("contigsim_jobs_placed_total") >= started);
        assertEquals(0.0, m.get("contigsim_hosts_lost_total"), "no member was lost");
        assertTrue(m.containsKey("jvm_threads_total") && m.keySet().stream().anyMatch(k -> k.startsWith("process_")),
                "JVM and process metrics from kamon-system-metrics");
        for (String metric : dashboardMetrics()) {
            assertTrue(served(m, metric), "the Grafana dashboard queries " + metric + ", which the endpoint does not serve");
        }
    }

    private static boolean served(Map<String, Double> scrape, String metric) {
        return scrape.keySet().stream().anyMatch(k -> k.equals(metric) || k.startsWith(metric + "{"));
    }

    /** Metric names the Grafana dashboard's panels query, but the kubelet's own (container_*). */
    static Set<String> dashboardMetrics() throws IOException {
        String dashboard = Files.readString(Path.of("..", "k8s", "dashboards", "contigsim.json"));
        Set<String> names = new TreeSet<>();
        Matcher expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
        while (expr.find()) {
            Matcher name = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{").matcher(expr.group(1));
            while (name.find()) {
                if (!name.group(1).startsWith("container_")) {
                    names.add(name.group(1));
                }
            }
        }
        assertTrue(names.size() >= 10, "the dashboard's queries were found: " + names);
        return names;
    }

    @Test
    void shouldCountLostAndRebuiltHostsAndMoveThemBetweenMembers() throws Exception {
        int port = ChildJvms.freePort();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(port, Duration.ofMillis(100))) {
            KamonObserver observer = new KamonObserver();
            observer.started(new Simulation(ScenarioParser.parse(Path.of(RunCommandTest.TINY)), 1),
                    new java.util.TreeMap<>(Map.of("pekko://contigsim@127.0.0.1:1", 2, "pekko://contigsim@127.0.0.1:2", 2)));
            observer.hostsLost("pekko://contigsim@127.0.0.1:2", 2);
            observer.hostsRebuilt(2, 30, new java.util.TreeMap<>(Map.of("pekko://contigsim@127.0.0.1:1", 4)));
            observer.hostsRebuilt(3, 45, new java.util.TreeMap<>(Map.of("pekko://contigsim@127.0.0.1:1", 4)));
            Map<String, Double> m = scrapeUntil(port, s -> s.getOrDefault("contigsim_host_epochs_replayed_total", 0.0) == 45);
            assertEquals(2.0, m.get("contigsim_hosts_lost_total"));
            assertEquals(3.0, m.get("contigsim_hosts_rebuilt_total"), "cumulative figures are counted once");
            assertEquals(4.0, m.get("contigsim_hosts{member=\"pekko://contigsim@127.0.0.1:1\"}"));
            assertEquals(0.0, m.get("contigsim_hosts{member=\"pekko://contigsim@127.0.0.1:2\"}"), "the lost member runs none");
        }
    }

    @Test
    void shouldLeaveResultsByteIdenticalAndStopKamonWhenTheCommandEnds() throws Exception {
        int port = ChildJvms.freePort();
        Path with = dir.resolve("with");
        Path without = dir.resolve("without");
        Run a = MemoryCommandTest.run("run", RunCommandTest.TINY, "--seed", "4", "--out", with.toString(), "-q",
                "--metrics-port", Integer.toString(port));
        assertEquals(0, a.exit(), a.err());
        Run b = MemoryCommandTest.run("run", RunCommandTest.TINY, "--seed", "4", "--out", without.toString(), "-q");
        assertEquals(0, b.exit(), b.err());
        assertEquals("", a.out(), "stdout stays clean with metrics on");
        for (String f : RunCommandTest.DETERMINISTIC) {
            assertEquals(Files.readString(without.resolve(f)), Files.readString(with.resolve(f)), f);
        }
        // stopped: the port is free again and none of Kamon's threads is left
        try (ServerSocket again = new ServerSocket(port)) {
            assertEquals(port, again.getLocalPort());
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> left = kamonThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            left = kamonThreads();
        }
        assertEquals(List.of(), left);
    }

    private static List<String> kamonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.toLowerCase(java.util.Locale.ROOT).matches(".*(kamon|http-dispatcher|hiccup).*"))
                .sorted().toList();
    }

    @Test
    void shouldRefuseABadMetricsPortInOneLine() throws IOException {
        Run r = MemoryCommandTest.run("run", RunCommandTest.TINY, "--out", dir.resolve("x").toString(),
                "--metrics-port", "70000");
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: --metrics-port: 70000 is out of range (1 to 65535, 0: off)"), r.errLines());
        try (ServerSocket taken = new ServerSocket(0)) {
            Run t = MemoryCommandTest.run("run", RunCommandTest.TINY, "--out", dir.resolve("y").toString(),
                    "--metrics-port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, t.exit());
            assertEquals(1, t.errLines().size(), t.err());
            assertTrue(t.errLines().get(0).startsWith("contigsim: --metrics-port: " + taken.getLocalPort()
                    + " cannot be bound"), t.err());
        }
        assertTrue(Files.notExists(dir.resolve("y.partial")), "nothing started");
    }
}
