package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.contigsim.runtime.ChildJvms;

/**
 * A run whose JVM is killed mid-way leaves only DIR.partial with its checkpoint, never a DIR;
 * {@code contigsim run --resume DIR.partial}, and a coordinator started again with the same
 * scenario, seed and --out, each finish it with the results of an unbroken run.
 */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void shouldFinishAKilledRunWithTheResultsOfAnUnbrokenOne() throws Exception {
        Path scenario = dir.resolve("longer-tiny.conf");
        // tiny for longer, so that the kill lands well inside the run
        Files.writeString(scenario, Files.readString(Path.of(RunCommandTest.TINY)).replace("duration = 4m",
                "duration = 20m").replace("# Tiny", "# Longer tiny"));
        Path out = dir.resolve("run");
        Path partial = dir.resolve("run.partial");
        Path journal = partial.resolve("checkpoint").resolve("journal.bin");
        Process run = new ProcessBuilder(ChildJvms.javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenario.toString(), "--seed", "6", "--out", out.toString(), "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(journal) && Files.size(journal) > 2000)) {
                assertTrue(run.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("killed.log")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint after 2 minutes");
                run.waitFor(20, TimeUnit.MILLISECONDS);
            }
        } finally {
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(out), "a killed run never leaves a DIR that looks complete");
        assertFalse(Files.exists(partial.resolve("results.json")));

        // the same checkpoint, picked up by a restarted coordinator (a Kubernetes Job's next pod)
        Path again = dir.resolve("again");
        copyTree(partial, dir.resolve("again.partial"));
        int port = ChildJvms.freePort();
        Process node = new ProcessBuilder(ChildJvms.javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "node", "--seed-nodes", "pekko://contigsim@127.0.0.1:" + port, "--port", "0",
                "--watch-stdin").redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        try {
            Run coordinator = MemoryCommandTest.run("coordinator", scenario.toString(), "--seed", "6", "--expect-nodes",
                    "1", "--port", Integer.toString(port), "--out", again.toString(), "-q");
            assertEquals(0, coordinator.exit(), coordinator.err());
            assertEquals(List.of("contigsim: resuming the run in " + dir.resolve("again.partial") + " from its checkpoint"),
                    coordinator.errLines().stream().filter(l -> l.startsWith("contigsim:")).toList());
        } finally {
            node.getOutputStream().close();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }

        Run resumed = MemoryCommandTest.run("run", "--resume", partial.toString(), "-q");
        assertEquals(0, resumed.exit(), resumed.err());
        assertFalse(Files.exists(partial), "renamed once complete");
        assertFalse(Files.exists(out.resolve("checkpoint")), "a complete DIR holds no checkpoint");

        Path clean = dir.resolve("clean");
        Run unbroken = MemoryCommandTest.run("run", scenario.toString(), "--seed", "6", "--out", clean.toString(), "-q");
        assertEquals(0, unbroken.exit(), unbroken.err());
        for (String f : RunCommandTest.DETERMINISTIC) {
            assertEquals(Files.readString(clean.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        for (String f : RunCommandTest.DETERMINISTIC) {
            assertEquals(Files.readString(clean.resolve(f)), Files.readString(again.resolve(f)), "coordinator " + f);
        }
        JsonNode events = new ObjectMapper().readTree(out.resolve("metadata.json").toFile()).at("/faults/events");
        assertEquals("resumed", events.get(0).get("event").asText());
        assertTrue(events.get(0).get("epochs_from_checkpoint").asInt() >= 5);
        assertEquals("hosts_rebuilt", events.get(1).get("event").asText());
        assertEquals(4, events.get(1).get("hosts").asInt());
        assertTrue(events.get(1).get("host_epochs_replayed").asInt() >= 4 * events.get(0).get("epochs_from_checkpoint")
                .asInt(), "a new JVM's hosts replay every journaled epoch");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void shouldRefuseWhatIsNotACheckpointInOneLine() throws IOException {
        Files.createDirectories(dir.resolve("empty.partial"));
        Run none = MemoryCommandTest.run("run", "--resume", dir.resolve("empty.partial").toString());
        assertEquals(Main.EXIT_USAGE, none.exit());
        assertEquals(1, none.errLines().size(), none.err());
        assertTrue(none.err().startsWith("contigsim: --resume: ") && none.err().contains("holds no checkpoint"), none.err());

        Run notPartial = MemoryCommandTest.run("run", "--resume", dir.toString());
        assertEquals(List.of("contigsim: --resume: " + dir + " is not a DIR.partial directory"), notPartial.errLines());

        Run both = MemoryCommandTest.run("run", RunCommandTest.TINY, "--resume", dir.resolve("empty.partial").toString());
        assertEquals(List.of("contigsim: --resume: not with a SCENARIO (the checkpoint holds the run's scenario)"),
                both.errLines());
        Run seed = MemoryCommandTest.run("run", "--resume", dir.resolve("empty.partial").toString(), "--seed", "3");
        assertEquals(List.of("contigsim: --resume: not with --seed (the checkpoint holds the run's settings)"),
                seed.errLines());
        Run nothing = MemoryCommandTest.run("run");
        assertEquals(Main.EXIT_USAGE, nothing.exit());
        assertEquals(1, nothing.errLines().size(), nothing.err());
    }
}
