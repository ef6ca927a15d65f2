package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The --discovery flag of node and coordinator: bad values are one usage line, exit code 2. */
class MembersTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void anUnknownDiscoveryIsAUsageError() {
        String[] r = run("node", "--discovery", "dns");
        assertEquals("2", r[0]);
        assertEquals("contigsim: --discovery: 'dns' is not one of seed-nodes, kubernetes", r[1]);
    }

    @Test
    void kubernetesDiscoveryTakesNoSeedNodes() {
        String[] r = run("node", "--discovery", "kubernetes", "--seed-nodes", "pekko://contigsim@127.0.0.1:25520");
        assertEquals("2", r[0]);
        assertTrue(r[1].startsWith("contigsim: --seed-nodes: not with --discovery kubernetes"), r[1]);
        r = run("coordinator", "x.conf", "--expect-nodes", "1", "--discovery", "kubernetes",
                "--seed-nodes", "pekko://contigsim@127.0.0.1:25520");
        assertEquals("2", r[0]);
        assertTrue(r[1].startsWith("contigsim: --seed-nodes: not with --discovery kubernetes"), r[1]);
    }

    @Test
    void seedNodesStayTheDefault() {
        String[] r = run("node");
        assertEquals("2", r[0]);
        assertTrue(r[1].startsWith("contigsim: --seed-nodes: required"), r[1]);
    }
}
