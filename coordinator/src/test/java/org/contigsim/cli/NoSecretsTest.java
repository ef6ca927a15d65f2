package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.contigsim.k8s.Kubectl;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No secret material in the image or the manifests (docs/security.md): k8s/ and the Dockerfile
 * hold no Secret with data, no PEM block and no password-like literal, and the sources the image
 * is built from hold no key store or key file. The scan is also tried on planted secrets, so it
 * can fail.
 */
class NoSecretsTest {
    private static final Path ROOT = Path.of("..");
    /** What the image is built from (Dockerfile COPY). */
    private static final List<String> IMAGE_SOURCES = List.of("kernel", "workloads", "node", "coordinator", "benchmarks");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----");
    /** A name that says it holds a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)[\\w.-]*(password|passwd|passphrase|secret|token|credential|api[-_]?key|private[-_]?key)[\\w.-]*");
    /** {@code NAME = value} or {@code NAME: value} in any text, the value a literal (not $VAR, ${...}, $(...) or a path). */
    private static final Pattern ASSIGNED = Pattern.compile("(?i)(?<![\\w.-])(" + SECRET_NAME.pattern()
            + ")[\"']?\\s*[:=]\\s*[\"']?(?![$/{\\s\"']|$)(\\S+)");
    /** Keys whose values name a secret rather than hold one. */
    private static final Set<String> REFERENCES = Set.of("secretName", "secretKeyRef", "secretRef");
    private static final Set<String> KEY_FILES = Set.of(".p12", ".pfx", ".jks", ".jceks", ".keystore", ".pem",
            ".key", ".crt", ".cer", ".der");

    @Test
    void manifestsAndDockerfileHoldNoSecrets() throws IOException {
        List<String> findings = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile"), ROOT.resolve(".dockerignore")));
        try (Stream<Path> k8s = Files.walk(ROOT.resolve("k8s"))) {
            k8s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        assertTrue(files.size() > 10, "k8s/ was found: " + files);
        for (Path f : files) {
            findings.addAll(scan(ROOT.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void whatKubectlAppliesHoldsNoSecrets() throws IOException {
        Kubectl.assumeKustomize();
        List<String> findings = new ArrayList<>();
        int rendered = 0;
        // what kubectl applies, overlays included
        try (Stream<Path> dirs = Files.walk(ROOT.resolve("k8s"))) {
            for (Path k : dirs.filter(p -> p.endsWith("kustomization.yaml")).sorted().toList()) {
                for (Map<String, Object> r : Kubectl.kustomize(k.getParent())) {
                    findings.addAll(secretResource(ROOT.relativize(k).toString(), r));
                    rendered++;
                }
            }
        }
        assertTrue(rendered > 10, "k8s/ was rendered: " + rendered + " resources");
        assertEquals(List.of(), findings);
    }

    @Test
    void theImageIsBuiltFromNoKeyMaterial() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : IMAGE_SOURCES) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module))) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !ROOT.resolve(module).relativize(p).startsWith("target"))
                        .filter(p -> KEY_FILES.stream().anyMatch(ext -> p.getFileName().toString().endsWith(ext)))
                        .forEach(p -> found.add(ROOT.relativize(p).toString()));
            }
        }
        assertEquals(List.of(), found, "key stores or keys where the Dockerfile copies from");
        // and none made later gets into the build context
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        for (String pattern : List.of("**/*.p12", "**/*.jks", "**/*.pem", "**/*.key", "**/password")) {
            assertTrue(ignored.contains(pattern), ".dockerignore leaves out " + pattern);
        }
    }

    @Test
    void theScanFindsPlantedSecrets() {
        List<Map.Entry<String, String>> planted = List.of(
                Map.entry("a.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  tls.key: aHVudGVyMg==\n"),
                Map.entry("b.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  anything: hunter2\n"),
                Map.entry("c.yaml", "data: |\n  -----BEGIN PRIVATE KEY-----\n  MIIB\n  -----END PRIVATE KEY-----\n"),
                Map.entry("d.yaml", "env:\n  - name: KEYSTORE_PASSWORD\n    value: hunter2\n"),
                Map.entry("Dockerfile", "ENV SSL_KEY_STORE_PASSWORD=hunter2\n"),
                Map.entry("e.yaml", "api_key: abc123\n"),
                Map.entry("f.conf", "pekko.remote.artery.ssl.config-ssl-engine.key-store-password = \"changeme\"\n"));
        for (Map.Entry<String, String> p : planted) {
            List<String> found = scan(p.getKey(), p.getValue());
            assertTrue(!found.isEmpty() && found.stream().noneMatch(f -> f.contains("not YAML")),
                    "found in:\n" + p.getValue() + found);
        }
        List<Map.Entry<String, String>> harmless = List.of(
                Map.entry("a.yaml", "volumes:\n  - name: tls\n    secret:\n      secretName: contigsim-tls\n"),
                Map.entry("b.yaml", "env:\n  - name: KEYSTORE_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: x, key: password}\n"),
                Map.entry("c.conf", "api-token-path = ${?CONTIGSIM_K8S_API_TOKEN_PATH}\ntoken-file: /var/run/secrets/token\n"),
                Map.entry("d.yaml", "# kubectl create secret generic contigsim-tls --from-file=password\nkind: Job\n"));
        for (Map.Entry<String, String> h : harmless) {
            assertEquals(List.of(), scan(h.getKey(), h.getValue()), h.getValue());
        }
    }

    /** What looks like secret material in one file's text. */
    static List<String> scan(String name, String text) {
        List<String> out = new ArrayList<>();
        Matcher pem = PEM.matcher(text);
        if (pem.find()) {
            out.add(name + ": a PEM block (" + pem.group() + ")");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ASSIGNED.matcher(lines[i]);
            if (m.find() && !REFERENCES.contains(m.group(1))) {
                out.add(name + ":" + (i + 1) + ": " + m.group(1) + " has a literal value");
            }
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            try {
                for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                    walk(name, doc, out);
                }
            } catch (RuntimeException e) {
                out.add(name + ": not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return out;
    }

    /** Secrets with data, and env entries whose name says secret and whose value is a literal. */
    private static void walk(String name, Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("kind") instanceof String kind) {
                @SuppressWarnings("unchecked")
                Map<String, Object> resource = (Map<String, Object>) m;
                out.addAll(secretResource(name, resource));
            }
            if (m.get("name") instanceof String n && m.get("value") != null && SECRET_NAME.matcher(n).matches()) {
                out.add(name + ": env " + n + " has a literal value");
            }
            m.values().forEach(v -> walk(name, v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(name, v, out));
        }
    }

    private static List<String> secretResource(String name, Map<String, Object> resource) {
        if ("Secret".equals(resource.get("kind")) && (resource.get("data") != null || resource.get("stringData") != null)) {
            return List.of(name + ": a Secret with data");
        }
        return List.of();
    }
}
