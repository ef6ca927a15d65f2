package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.contigsim.scenario.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps and replicas run without actors on the tiny scenario: the layout, comparison.json and its determinism. */
class SweepTest {
    static final Path TINY = Path.of("../workloads/scenarios/tiny.conf").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> RUN_FILES = List.of("results.json", "epochs.csv", "jobs.csv", "hosts.csv",
            "report.html", "scenario.conf", "buddyinfo/host-00000.txt");

    @TempDir
    Path dir;

    /** The tiny scenario, shortened to keep the tests quick, with {@code text} added. */
    private RunPlan plan(String text) throws IOException {
        Path file = dir.resolve("plan.conf");
        Files.writeString(file, "include \"" + TINY + "\"\nwarmup = 1m\nduration = 2m\n" + text);
        return RunPlan.read(file);
    }

    private Path run(RunPlan plan, long seed, String out) throws IOException {
        Path d = Files.createDirectories(dir.resolve(out));
        Sweep.run(plan, seed, d, Runner.direct());
        return d;
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> fields(JsonNode o) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void shouldRunEveryVariantIntoItsOwnDirectoryAndCompareThemWithTheSameSeed() throws IOException {
        RunPlan plan = plan("sweep { jobs.policy = [contig-range, buddy] }\n");
        Path out = run(plan, 5, "a");
        for (String variant : List.of("jobs.policy=contig-range", "jobs.policy=buddy")) {
            for (String f : RUN_FILES) {
                assertTrue(Files.isRegularFile(out.resolve(variant).resolve(f)), variant + "/" + f);
            }
        }
        assertTrue(Files.readString(out.resolve("jobs.policy=buddy/scenario.conf")).contains("policy = \"buddy\""));

        JsonNode comparison = read(out.resolve("comparison.json"));
        assertEquals(2, comparison.size());
        List<Integer> arrived = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode e = comparison.get(i);
            assertEquals(List.of("variant", "results"), fields(e));
            String policy = i == 0 ? "contig-range" : "buddy";
            assertEquals(JSON.createObjectNode().put("jobs.policy", policy), e.get("variant"));
            JsonNode results = e.get("results");
            assertEquals(List.of("jobs", "wait_seconds", "throughput_mib_s", "fragmentation", "compaction"),
                    fields(results));
            JsonNode run = read(out.resolve("jobs.policy=" + policy + "/results.json"));
            assertEquals(5, run.get("seed").asLong(), "every variant runs with the plan's seed");
            for (Figure f : Figure.ALL) {
                assertEquals(run.at(f.path()), results.at(f.path()), policy + " " + f.path());
            }
            JsonNode count = results.at("/jobs/submitted");
            assertTrue(count.isInt(), results.toString());
            arrived.add(count.asInt());
        }
        assertEquals(arrived.get(0), arrived.get(1), "common random numbers: the same jobs arrive");
        assertNotEquals(comparison.get(0).get("results"), comparison.get(1).get("results"), "the policy matters");

        String html = Files.readString(out.resolve("comparison.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
        assertTrue(html.contains("jobs.policy=buddy"));
        assertTrue(html.split("<svg ", -1).length - 1 >= 6, "a chart per main figure");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(org.contigsim.report.ChartsTest.withoutNamespaces(html).matches("(?s).*(https?:|src=|href=).*"),
                "nothing loaded from anywhere");

        Path again = run(plan, 5, "b");
        for (String f : List.of("comparison.json", "comparison.html", "jobs.policy=buddy/results.json")) {
            assertEquals(Files.readString(out.resolve(f)), Files.readString(again.resolve(f)), f);
        }
    }

    @Test
    void shouldRunReplicasWithDerivedSeedsAndGiveMeansWithIntervals() throws IOException {
        Path out = run(plan("replicas = 3\n"), 5, "r");
        List<Long> seeds = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            JsonNode run = read(out.resolve("replica-" + r).resolve("results.json"));
            seeds.add(run.get("seed").asLong());
            waits.add(run.at("/wait_seconds/p95").asDouble());
        }
        assertEquals(List.of(5L, Sweep.replicaSeed(5, 1), Sweep.replicaSeed(5, 2)), seeds);
        assertEquals(3, seeds.stream().distinct().count());

        JsonNode comparison = read(out.resolve("comparison.json"));
        assertEquals(1, comparison.size());
        assertEquals(JSON.createObjectNode(), comparison.get(0).get("variant"), "no sweep: nothing set");
        JsonNode p95 = comparison.get(0).at("/results/wait_seconds/p95");
        assertEquals(List.of("mean", "ci95_low", "ci95_high", "n"), fields(p95));
        assertEquals(3, p95.get("n").asInt());
        assertEquals((waits.get(0) + waits.get(1) + waits.get(2)) / 3, p95.get("mean").asDouble(), 1e-6);
        Interval expected = Interval.of(waits.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(expected.low(), p95.get("ci95_low").asDouble(), 1e-6);
        assertEquals(expected.high(), p95.get("ci95_high").asDouble(), 1e-6);
        assertTrue(p95.get("ci95_low").asDouble() <= p95.get("mean").asDouble());
        assertTrue(p95.get("mean").asDouble() <= p95.get("ci95_high").asDouble());
        assertTrue(Files.readString(out.resolve("comparison.html")).contains("95% confidence interval"));
    }

    @Test
    void shouldPutEachReplicaUnderItsVariant() throws IOException {
        Path out = dir.resolve("layout");
        Files.createDirectories(out);
        List<String> ran = new ArrayList<>();
        // only the layout matters here: small idle hosts run in no time
        RunPlan plan = plan("replicas = 2\nsweep.hosts = [4, 3]\nbackground = idle\nhost.memory = 128MiB\n");
        Sweep.run(plan, 9, out, (scenario, seed, d, progress) -> {
            ran.add(out.relativize(d) + " " + scenario.hosts() + " " + progress);
            return Runner.direct().run(scenario, seed, d, progress);
        });
        long s1 = Sweep.replicaSeed(9, 1);
        assertEquals(List.of("hosts=4/replica-0 4 run 1 of 4: hosts=4, replica 0, seed 9",
                "hosts=4/replica-1 4 run 2 of 4: hosts=4, replica 1, seed " + s1,
                "hosts=3/replica-0 3 run 3 of 4: hosts=3, replica 0, seed 9",
                "hosts=3/replica-1 3 run 4 of 4: hosts=3, replica 1, seed " + s1), ran);
        JsonNode comparison = read(out.resolve("comparison.json"));
        assertEquals(3, comparison.get(1).get("variant").get("hosts").asInt());
        assertTrue(comparison.get(1).get("variant").get("hosts").isInt(), "numbers stay numbers");
    }

    @Test
    void shouldSearchTheCapacityAndReportEveryProbe() throws IOException {
        // large buffers and long jobs, so that host count matters (on this model: 6 and 7 hosts miss, 8 meet)
        RunPlan plan = plan("jobs { buffer = 128MiB, bytes = 1TiB, max-wait = 2m }\n"
                + "capacity { min-hosts = 6, max-hosts = 8, wait = 1m, fraction = 0.9 }\n");
        Path out = run(plan, 1, "c");
        JsonNode results = read(out.resolve("results.json"));
        assertEquals(List.of("scenario", "seed", "capacity"), fields(results));
        JsonNode cap = results.get("capacity");
        assertEquals(List.of("hosts", "target", "replicas", "probes"), fields(cap));
        JsonNode probes = cap.get("probes");
        assertEquals(6, probes.get(0).get("hosts").asInt(), "the smallest count first");
        assertEquals(0.9, cap.at("/target/fraction").asDouble());
        assertEquals(60.0, cap.at("/target/wait_seconds").asDouble());
        Integer answer = cap.get("hosts").isNull() ? null : cap.get("hosts").asInt();
        Integer smallestMet = null;
        for (JsonNode p : probes) {
            assertEquals(List.of("hosts", "fraction", "met", "jobs", "served"), fields(p));
            int hosts = p.get("hosts").asInt();
            assertTrue(Files.isRegularFile(out.resolve("hosts=" + hosts).resolve("results.json")), "probe " + hosts);
            assertEquals(p.get("met").asBoolean(), p.get("fraction").asDouble() >= 0.99);
            assertTrue(p.get("served").asInt() <= p.get("jobs").asInt());
            if (p.get("met").asBoolean() && (smallestMet == null || hosts < smallestMet)) {
                smallestMet = hosts;
            }
        }
        assertEquals(smallestMet, answer, "the answer is the fewest hosts a probe met the target with");
        JsonNode comparison = read(out.resolve("comparison.json"));
        assertEquals(probes.size(), comparison.size());
        int previous = 0;
        for (JsonNode e : comparison) {
            assertTrue(e.get("variant").get("hosts").asInt() > previous, "probes by host count");
            previous = e.get("variant").get("hosts").asInt();
        }
        assertTrue(Files.readString(out.resolve("comparison.html")).contains("<h2>Capacity</h2>"));
    }
}
