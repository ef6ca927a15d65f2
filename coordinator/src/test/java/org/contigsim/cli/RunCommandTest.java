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
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code contigsim run} end to end, including real child JVMs for {@code --jvms 3}. */
class RunCommandTest {
    static final String TINY = "../workloads/scenarios/tiny.conf";
    static final List<String> DETERMINISTIC = List.of("results.json", "epochs.csv", "jobs.csv", "hosts.csv",
            "scenario.conf", "report.html", "buddyinfo/host-00000.txt", "buddyinfo/host-00003.txt");

    @TempDir
    Path dir;

    @Test
    void shouldWriteByteIdenticalResultsFromOneJvmAndFromThree() throws IOException {
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        Run a = MemoryCommandTest.run("run", TINY, "--seed", "9", "--out", one.toString(), "-q");
        assertEquals(0, a.exit(), a.err());
        Run b = MemoryCommandTest.run("run", TINY, "--seed", "9", "--out", three.toString(), "--jvms", "3", "-q");
        assertEquals(0, b.exit(), b.err());
        assertEquals("", a.out() + b.out(), "stdout stays clean");
        for (String f : DETERMINISTIC) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(three.resolve(f)), f);
        }
        assertFalse(Files.exists(dir.resolve("three.partial")), "renamed once complete");

        ObjectMapper json = new ObjectMapper();
        JsonNode m1 = json.readTree(one.resolve("metadata.json").toFile());
        JsonNode m3 = json.readTree(three.resolve("metadata.json").toFile());
        assertEquals(1, m1.get("jvms").asInt());
        assertEquals(1, m1.get("cluster_members").asInt());
        assertEquals(3, m3.get("jvms").asInt());
        assertEquals(3, m3.get("cluster_members").asInt());
        assertEquals(3, m3.get("hosts_per_member").size(), "hosts spread over every member");
        int hosts = 0;
        for (JsonNode n : m3.get("hosts_per_member")) {
            hosts += n.asInt();
        }
        assertEquals(4, hosts);
        assertTrue(m3.get("wall_seconds").asDouble() > 0);
        JsonNode results = json.readTree(three.resolve("results.json").toFile());
        assertEquals("tiny", results.get("scenario").asText());
        assertTrue(results.get("epochs_executed").asInt() >= 8);
        assertFalse(Files.readString(three.resolve("results.json")).contains("127.0.0.1"), "no addresses in results");

        String report = Files.readString(three.resolve("report.html"));
        assertTrue(report.startsWith("<!DOCTYPE html>") && report.strip().endsWith("</html>"));
        assertTrue(report.split("<svg ", -1).length - 1 >= 3, "at least three charts");
        assertFalse(report.contains("<script"), "no script");
        assertFalse(org.contigsim.report.ChartsTest.withoutNamespaces(report).matches("(?s).*(https?:|src=|href=).*"),
                "nothing loaded from anywhere");
    }

    @Test
    void shouldRefuseAnExistingResultsDirectory() throws IOException {
        Path out = Files.createDirectory(dir.resolve("taken"));
        Run r = MemoryCommandTest.run("run", TINY, "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: --out: " + out + " already exists (choose another --out, remove it, or add "
                + "--force)"), r.errLines());
    }

    @Test
    void shouldReplaceAnOldResultsDirectoryWithForceOnceTheNewOneIsComplete() throws IOException {
        Path out = Files.createDirectory(dir.resolve("old"));
        Files.writeString(out.resolve("results.json"), "{}\n");
        Files.writeString(out.resolve("stale.txt"), "from an earlier run");
        Run r = MemoryCommandTest.run("run", TINY, "--out", out.toString(), "--force", "-q");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(out.resolve("stale.txt")));
        assertTrue(Files.exists(out.resolve("results.json")));
        assertFalse(Files.exists(dir.resolve("old.replaced")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "17"})
    void shouldRefuseJvmCountsOutOfRange(String jvms) {
        Run r = MemoryCommandTest.run("run", TINY, "--jvms", jvms, "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: --jvms: " + jvms + " is out of range (1 to 16)"), r.errLines());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void shouldReportABadScenarioInOneLineBeforeStartingAnything() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), "hosts = -5\nduration = 1m\n");
        Run r = MemoryCommandTest.run("run", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: " + bad + ":1: hosts: -5 is out of range (1 to 100000)"), r.errLines());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("x.partial")));
        Run missing = MemoryCommandTest.run("run", dir.resolve("none.conf").toString());
        assertEquals(List.of("contigsim: " + dir.resolve("none.conf") + ": no such file"), missing.errLines());
    }

    @Test
    void shouldValidateWithoutRunning() throws IOException {
        Run ok = MemoryCommandTest.run("validate", TINY);
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("", ok.out() + ok.err());
        Run printed = MemoryCommandTest.run("validate", TINY, "--print");
        assertTrue(printed.out().contains("hosts = 4"), printed.out());
        Path bad = Files.writeString(dir.resolve("bad.conf"), "hosts = 4\nduration = 1m\njobs { bufer = 1GiB }\n");
        Run r = MemoryCommandTest.run("validate", bad.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size());
        assertTrue(r.errLines().get(0).startsWith("contigsim: " + bad + ":3: jobs.bufer: unknown key"), r.err());
    }

    @Test
    void shouldCheckMemberFlags() {
        Run r = MemoryCommandTest.run("node", "--seed-nodes", "akka://x@h:1");
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: --seed-nodes: 'akka://x@h:1' is not a member address like "
                + "pekko://contigsim@127.0.0.1:25520"), r.errLines());
        Run none = MemoryCommandTest.run("node");
        assertEquals(2, none.exit());
        assertEquals(1, none.errLines().size());
        Run port = MemoryCommandTest.run("coordinator", TINY, "--expect-nodes", "2", "--port", "70000");
        assertEquals(List.of("contigsim: --port: 70000 is out of range (0 to 65535)"), port.errLines());
    }
}
