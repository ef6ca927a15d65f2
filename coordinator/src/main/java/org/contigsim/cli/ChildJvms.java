package org.contigsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node members started as child JVMs of {@code contigsim run --jvms N}: the same {@code java}
 * binary and class path as this JVM, a bounded heap, loopback with an ephemeral port. Each child
 * watches its stdin, which this JVM holds open, and exits when it closes, so children never
 * outlive their parent, even one killed with SIGKILL. A shutdown hook stops them when this JVM
 * exits for any other reason.
 */
public final class ChildJvms implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::destroyAll, "contigsim-children-stop");

    private ChildJvms() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code count} node members joining {@code seedNode}; their output goes to {@code logDir}. */
    public static ChildJvms start(int count, String seedNode, long heapBytes, Path logDir) throws IOException {
        ChildJvms children = new ChildJvms();
        Files.createDirectories(logDir);
        try {
            for (int i = 1; i <= count; i++) {
                List<String> cmd = new ArrayList<>();
                cmd.add(javaBinary());
                cmd.add("-Xmx" + Math.max(64, heapBytes >> 20) + "m");
                cmd.add("-XX:+UseSerialGC");
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(Main.class.getName());
                cmd.add("node");
                cmd.add("--hostname");
                cmd.add("127.0.0.1");
                cmd.add("--port");
                cmd.add("0");
                cmd.add("--seed-nodes");
                cmd.add(seedNode);
                cmd.add("--watch-stdin");
                Path log = logDir.resolve("node-" + i + ".log");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                children.processes.add(pb.start());
            }
        } catch (IOException | RuntimeException e) {
            children.close();
            throw e;
        }
        return children;
    }

    /** The java binary running this JVM. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The first child that has exited, as "node JVM i exited with code c", or null when all run. */
    String firstExited() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                return "node JVM " + (i + 1) + " exited with code " + p.exitValue();
            }
        }
        return null;
    }

    /** Closes their stdin (they leave the cluster and exit), then waits; kills what remains. */
    @Override
    public void close() {
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // it is exiting anyway
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or has run
        }
    }

    private void destroyAll() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
    }
}
