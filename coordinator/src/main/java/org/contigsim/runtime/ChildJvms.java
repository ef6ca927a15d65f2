package org.contigsim.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node members started as child JVMs of {@code contigsim run --jvms N}: the same {@code java}
 * binary and class path as this JVM, a bounded heap, loopback with a free port chosen here (so
 * this JVM knows each child's member address and can down it the moment its process dies). Each child
 * watches its stdin, which this JVM holds open, and exits when it closes, so children never
 * outlive their parent, even one killed with SIGKILL. A shutdown hook stops them when this JVM
 * exits for any other reason.
 */
public final class ChildJvms implements AutoCloseable {
    /**
     * The class a child member JVM runs ({@code contigsim node ...}): the CLI's entry point, named
     * rather than referenced so that the runtime does not depend on the CLI (MainTest checks it).
     */
    public static final String MEMBER_MAIN = "org.contigsim.cli.Main";

    private final List<Process> processes = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    /** Children whose end has been reported by {@link #newlyExited()}. */
    private final List<Integer> reported = new ArrayList<>();
    private final Thread hook = new Thread(this::destroyAll, "contigsim-children-stop");

    private ChildJvms() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code count} node members joining {@code seedNode}; their output goes to {@code logDir}. */
    public static ChildJvms start(int count, String seedNode, long heapBytes, Path logDir) throws IOException {
        return start(count, seedNode, heapBytes, logDir, List.of());
    }

    /** As above, each child given {@code memberArgs} too (such as {@code --tls DIR}). */
    public static ChildJvms start(int count, String seedNode, long heapBytes, Path logDir, List<String> memberArgs)
            throws IOException {
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
                cmd.add(MEMBER_MAIN);
                cmd.add("node");
                cmd.add("--hostname");
                cmd.add("127.0.0.1");
                int port = freePort();
                cmd.add("--port");
                cmd.add(Integer.toString(port));
                cmd.add("--seed-nodes");
                cmd.add(seedNode);
                cmd.add("--watch-stdin");
                cmd.addAll(memberArgs);
                Path log = logDir.resolve("node-" + i + ".log");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
                children.processes.add(pb.start());
                children.addresses.add("pekko://" + org.contigsim.host.ClusterConfig.SYSTEM + "@127.0.0.1:" + port);
            }
        } catch (IOException | RuntimeException e) {
            children.close();
            throw e;
        }
        return children;
    }

    /** The java binary running this JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A port nobody listens on now; the child binds it a moment later (a clash fails that child at start). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The member address of child {@code i} (1-based). */
    public String address(int i) {
        return addresses.get(i - 1);
    }

    /** Kills child {@code i} (1-based) with SIGKILL: no goodbye to the cluster, as a crashed machine. */
    public void kill(int i) {
        processes.get(i - 1).destroyForcibly();
    }

    /** Children (1-based) that have exited since the last call. */
    public List<Integer> newlyExited() {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= processes.size(); i++) {
            if (!processes.get(i - 1).isAlive() && !reported.contains(i)) {
                reported.add(i);
                out.add(i);
            }
        }
        return out;
    }

    /** How child {@code i} (1-based) ended. */
    public String exitOf(int i) {
        return "node JVM " + i + " exited with code " + processes.get(i - 1).exitValue();
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
