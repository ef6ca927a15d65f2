package org.contigsim.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests of k8s/ as {@code kubectl kustomize DIR} renders them (kubectl's built-in
 * kustomize), read as YAML trees. Build and CI machines have kubectl; elsewhere a test calls
 * {@link #assumeKustomize()} first and is skipped, saying why.
 */
public final class Kubectl {
    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {
    }

    /** The kubectl executable on PATH, or null. */
    static Path onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "kubectl");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips the calling test where kubectl is not on PATH. */
    public static void assumeKustomize() {
        assumeTrue(onPath() != null, "kubectl is not on PATH: the k8s/ manifests are rendered by 'kubectl kustomize'");
    }

    /** The resources that {@code kubectl kustomize dir} prints, in its order. */
    public static List<Map<String, Object>> kustomize(Path dir) {
        Path kubectl = onPath();
        if (kubectl == null) {
            throw new IllegalStateException("kubectl is not on PATH (call assumeKustomize() first)");
        }
        String yaml = run(List.of(kubectl.toString(), "kustomize", dir.toString()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : loadAll(yaml)) {
            if (doc != null) {
                out.add(asMap(doc));
            }
        }
        return out;
    }

    /** The resource of that kind and name, or null. */
    public static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        for (Map<String, Object> r : resources) {
            if (kind.equals(r.get("kind")) && r.get("metadata") instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                return r;
            }
        }
        return null;
    }

    /** Every document of a YAML text (a null for an empty one). */
    public static List<Object> loadAll(String yaml) {
        List<Object> docs = new ArrayList<>();
        for (Object d : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            docs.add(d);
        }
        return docs;
    }

    /** Runs the command and gives its standard output; fails on a non-zero exit or after the timeout, with its stderr. */
    private static String run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
            p.getOutputStream().close(); // nothing on its standard input
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        // both pipes are drained as the process writes, so neither can fill up and block it
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer after " + TIMEOUT_SECONDS + " s");
            }
            String out = stdout.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String err = stderr.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + err.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalStateException("kubectl kustomize printed a document that is not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }
}
