package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node member's JVM killed with SIGKILL in the middle of a run ({@code --kill-node-at-epoch}):
 * its hosts are rebuilt on the other members and every result file is byte-identical to a run
 * without the kill.
 */
class NodeLossTest {
    @TempDir
    Path dir;

    @Test
    void shouldGiveTheResultsOfARunWithoutTheKill() throws IOException {
        Path clean = dir.resolve("clean");
        Path killed = dir.resolve("killed");
        Run a = MemoryCommandTest.run("run", RunCommandTest.TINY, "--seed", "4", "--out", clean.toString(), "-q");
        assertEquals(0, a.exit(), a.err());
        Run b = MemoryCommandTest.run("run", RunCommandTest.TINY, "--seed", "4", "--out", killed.toString(),
                "--jvms", "3", "--kill-node-at-epoch", "4", "-q");
        assertEquals(0, b.exit(), b.err());
        for (String f : files(clean)) {
            assertEquals(Files.readString(clean.resolve(f)), Files.readString(killed.resolve(f)), f);
        }

        JsonNode faults = new ObjectMapper().readTree(killed.resolve("metadata.json").toFile()).get("faults");
        List<String> events = new ArrayList<>();
        faults.get("events").forEach(e -> events.add(e.get("event").asText()));
        assertEquals(List.of("killed", "downed", "hosts_lost", "hosts_rebuilt"), events);
        JsonNode kill = faults.get("events").get(0);
        assertEquals(1, kill.get("jvm").asInt());
        assertEquals(4, kill.get("at_epoch").asInt());
        JsonNode lost = faults.get("events").get(2);
        assertEquals(kill.get("member").asText(), lost.get("member").asText());
        assertTrue(lost.get("hosts").asInt() >= 1, "tiny's 4 hosts spread over all 3 members");
        assertEquals(lost.get("hosts").asInt(), faults.get("events").get(3).get("hosts").asInt());
        assertTrue(faults.get("recovery_seconds").asDouble() > 0);
        JsonNode perMember = new ObjectMapper().readTree(killed.resolve("metadata.json").toFile()).get("hosts_per_member");
        assertFalse(perMember.has(kill.get("member").asText()), "no host ends on the killed member");
    }

    @Test
    void shouldRefuseAKillWithoutAChildJvmInOneLine() {
        Run r = MemoryCommandTest.run("run", RunCommandTest.TINY, "--kill-node-at-epoch", "2", "--out",
                dir.resolve("x").toString());
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertEquals(List.of("contigsim: --kill-node-at-epoch: needs --jvms 2 or more (a child node JVM to kill)"),
                r.errLines());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("x.partial")));
    }

    @Test
    void shouldSayWhenTheRunEndedBeforeTheEpochToKill() {
        Run r = MemoryCommandTest.run("run", RunCommandTest.TINY, "--jvms", "2", "--kill-node-at-epoch", "500", "--out",
                dir.resolve("late").toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("contigsim: warning: --kill-node-at-epoch 500: the run had ")
                && l.endsWith("; nothing was killed")), r.err());
    }

    /** Every result file (metadata.json aside: wall time and members are not results). */
    private static List<String> files(Path run) throws IOException {
        try (Stream<Path> walk = Files.walk(run)) {
            List<String> out = walk.filter(Files::isRegularFile).map(p -> run.relativize(p).toString())
                    .filter(f -> !f.equals("metadata.json") && !f.startsWith("logs")).sorted().toList();
            assertTrue(out.containsAll(List.of("results.json", "epochs.csv", "jobs.csv", "hosts.csv", "report.html")),
                    out.toString());
            return out;
        }
    }
}
