package org.contigsim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.contigsim.cli.Main;

/** Child node JVMs never outlive their parent, even one killed with SIGKILL mid-run. */
class ChildJvmsTest {
    @TempDir
    Path dir;

    @Test
    void shouldStopTheChildrenWhenTheParentIsKilled() throws Exception {
        Path out = dir.resolve("killed");
        Process parent = new ProcessBuilder(ChildJvms.javaBinary(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run",
                "../workloads/scenarios/quickstart.conf", "--jvms", "3", "--out", out.toString(), "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve("parent.log").toFile()).start();
        try {
            List<ProcessHandle> children = awaitChildren(parent, 2);
            parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
                assertTrue(!child.isAlive());
            }
            assertTrue(Files.isDirectory(dir.resolve("killed.partial")), "a killed run leaves only DIR.partial");
            assertTrue(!Files.exists(out));
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /** Waits (up to a minute) until the parent has started {@code n} child JVMs. */
    private static List<ProcessHandle> awaitChildren(Process parent, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = parent.children().toList();
            if (children.size() >= n) {
                return children;
            }
            assertTrue(parent.isAlive(), "the run ended before starting its children");
            parent.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertEquals(n, parent.children().count(), "children started");
        return parent.children().toList();
    }
}
