package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.contigsim.coordinator.Runner;
import org.contigsim.scenario.RunPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.contigsim.runtime.ClusterRun;
import org.contigsim.runtime.RunFailure;

/** {@code contigsim run} and {@code validate} of a sweep, end to end. */
class PlanRunTest {
    static final Path TINY = Path.of(RunCommandTest.TINY).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path sweep;

    @BeforeEach
    void setUp() throws IOException {
        // the tiny scenario, shortened, under two buffer policies
        sweep = Files.writeString(dir.resolve("sweep.conf"), "include \"" + TINY + "\"\nname = sweep\nwarmup = 1m\n"
                + "duration = 2m\n\nsweep {\n  jobs.policy = [contig-range, buddy]\n}\n");
    }

    @Test
    void shouldRunEveryVariantLikeASingleRunAndPublishTheWholeDirectoryAtTheEnd() throws IOException {
        Path out = dir.resolve("out");
        Run r = MemoryCommandTest.run("run", sweep.toString(), "--seed", "3", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "stdout stays clean");
        assertTrue(r.err().contains("contigsim run: run 1 of 2: jobs.policy=contig-range, seed 3\n"), r.err());
        assertTrue(r.err().contains("contigsim run: run 2 of 2: jobs.policy=buddy, seed 3\n"), r.err());
        assertEquals(List.of("comparison.html", "comparison.json", "jobs.policy=buddy", "jobs.policy=contig-range"),
                list(out));
        for (String variant : List.of("jobs.policy=buddy", "jobs.policy=contig-range")) {
            for (String f : RunCommandTest.DETERMINISTIC.subList(0, 6)) {
                assertTrue(Files.isRegularFile(out.resolve(variant).resolve(f)), variant + "/" + f);
            }
            assertTrue(Files.isRegularFile(out.resolve(variant).resolve("metadata.json")), variant);
        }
        assertFalse(Files.exists(dir.resolve("out.partial")), "renamed once complete");

        // a variant's directory is what a single run of its scenario.conf gives
        Path variant = out.resolve("jobs.policy=buddy");
        Path single = dir.resolve("single");
        Run s = MemoryCommandTest.run("run", variant.resolve("scenario.conf").toString(), "--seed", "3", "--out",
                single.toString(), "-q");
        assertEquals(0, s.exit(), s.err());
        for (String f : List.of("results.json", "epochs.csv", "jobs.csv", "hosts.csv")) {
            assertEquals(Files.readString(variant.resolve(f)), Files.readString(single.resolve(f)), f);
        }
    }

    @Test
    void shouldLeaveNothingHalfWrittenWhenARunFails() throws IOException {
        Path out = Files.createDirectory(dir.resolve("old"));
        Files.writeString(out.resolve("results.json"), "an earlier run's");
        RunPlan plan = RunPlan.read(sweep);
        ClusterRun.Settings settings = new ClusterRun.Settings(3, out, 0, 1, List.of(), "127.0.0.1", 0, List.of(),
                true);
        int[] runs = {0};
        Runner failsSecond = (scenario, seed, d, progress) -> {
            if (++runs[0] == 2) {
                throw new RunFailure("the second run died");
            }
            return Runner.direct().run(scenario, seed, d, progress);
        };
        RunFailure e = assertThrows(RunFailure.class,
                () -> PlanRun.execute(plan, settings, new PrintWriter(new StringWriter()), failsSecond));
        assertEquals("the second run died", e.getMessage());
        assertEquals(List.of("results.json"), list(out), "the earlier results stay as they were");
        assertEquals("an earlier run's", Files.readString(out.resolve("results.json")));
        assertFalse(Files.exists(out.resolve("comparison.json")));
        assertTrue(Files.isDirectory(dir.resolve("old.partial").resolve("jobs.policy=contig-range")),
                "what was done stays in DIR.partial to look at, as for a single run; the next run replaces it");
    }

    @Test
    void shouldRefuseABadSweptValueBeforeStartingAnything() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), Files.readString(sweep).replace("buddy", "lottery"));
        Run r = MemoryCommandTest.run("run", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("contigsim: " + bad + ":7: sweep.jobs.policy: \"lottery\" is not a "
                + "buffer policy (known: "), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("x.partial")));
    }

    @Test
    void shouldValidateEveryVariantAndCountTheRuns() throws IOException {
        Run ok = MemoryCommandTest.run("validate", sweep.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("2 variants = 2 runs\n", ok.out());
        Run printed = MemoryCommandTest.run("validate", sweep.toString(), "--print");
        assertTrue(printed.out().startsWith("2 variants = 2 runs\n# jobs.policy=contig-range\nname = \"sweep\"\n"),
                printed.out());
        assertTrue(printed.out().contains("# jobs.policy=buddy\nname = \"sweep\"\n"), printed.out());
        assertTrue(printed.out().contains("  policy = \"buddy\"\n"), printed.out());
        Path replicas = Files.writeString(dir.resolve("r.conf"), Files.readString(sweep) + "replicas = 5\n");
        assertEquals("2 variants x 5 replicas = 10 runs\n", MemoryCommandTest.run("validate", replicas.toString()).out());
        Path capacity = Files.writeString(dir.resolve("c.conf"), "include \"" + TINY + "\"\nhosts = 16\n"
                + "capacity { wait = 1m, fraction = 0.99 }\n");
        assertEquals("capacity search over 2 to 16 hosts: at most 6 probes = at most 6 runs\n",
                MemoryCommandTest.run("validate", capacity.toString()).out());
    }

    @Test
    void shouldKeepCommandsThatRunOneScenarioToOne() {
        Run r = MemoryCommandTest.run("coordinator", sweep.toString(), "--expect-nodes", "1");
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: " + sweep + ":6: sweep: contigsim coordinator runs one scenario; sweeps, "
                + "replicas and capacity searches run with contigsim run"), r.errLines());
    }

    private static List<String> list(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
