package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contigsim.host.ClusterConfig;
import org.contigsim.k8s.Kubectl;
import org.contigsim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Renders k8s/ (base and overlays) with {@code kubectl kustomize} and checks that the
 * manifests agree with each other and with the application: labels and selectors, ports, probes,
 * discovery settings, RBAC, security and the scenario, read as YAML trees (Jackson nodes).
 * {@link org.contigsim.k8s.KubernetesModelTest} checks the same resources against the Kubernetes
 * API's object model. The tests that render are skipped where kubectl is not on PATH.
 */
class KubernetesManifestsTest {
    static final Path K8S = Path.of("..", "k8s");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values the kubelet would put into $(VAR) references of the container args. */
    private static final Map<String, String> FIELD_VALUES = Map.of(
            "status.podIP", "10.1.2.3", "metadata.name", "contigsim-coordinator-x7k2p",
            "metadata.labels['job-name']", "contigsim-coordinator");

    @TempDir
    Path tmp;

    /** {@code kubectl kustomize k8s/KUSTOMIZATION}; skips the calling test where kubectl is not on PATH. */
    static List<JsonNode> render(String kustomization) {
        Kubectl.assumeKustomize();
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, Object> r : Kubectl.kustomize(K8S.resolve(kustomization))) {
            out.add(JSON.valueToTree(r));
        }
        return out;
    }

    static JsonNode only(List<JsonNode> resources, String kind) {
        List<JsonNode> found = resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new java.util.TreeMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        Map<String, String> want = strings(selector);
        Map<String, String> have = strings(labels);
        return !want.isEmpty() && want.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    /** The kubernetes member configuration the application would run with, with the manifest's env. */
    static Config memberConfig(JsonNode container, String role) {
        Map<String, Object> env = new java.util.HashMap<>();
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.get("name").asText(), e.get("value").asText());
            }
        }
        Config layer = ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "contigsim-kubernetes.conf")
                .withFallback(ConfigFactory.parseMap(env)).resolve(); // root keys stand in for the environment
        // the environment substitutions as the pod's JVM would see them, the rest as ClusterConfig builds it
        String contactPoints = "pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr";
        return ClusterConfig.kubernetes("10.1.2.3", ClusterConfig.KUBERNETES_PORT, List.of(role))
                .withValue(contactPoints, layer.getValue(contactPoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/large", "overlays/tls"})
    void workloadsAgreeWithTheApplicationConfig(String kustomization) throws IOException {
        List<JsonNode> all = render(kustomization);
        JsonNode sts = only(all, "StatefulSet");
        JsonNode job = only(all, "Job");
        JsonNode service = only(all, "Service");
        String namespace = only(all, "Namespace").at("/metadata/name").asText();
        for (JsonNode r : all) {
            if (!r.path("kind").asText().equals("Namespace")) {
                assertEquals(namespace, r.at("/metadata/namespace").asText(), r.at("/metadata/name") + " namespace");
            }
        }
        int replicas = sts.at("/spec/replicas").asInt();
        assertTrue(replicas >= 1);
        assertTrue(selects(sts.at("/spec/selector/matchLabels"), sts.at("/spec/template/metadata/labels")),
                "StatefulSet selector matches its pods");
        assertEquals(service.at("/metadata/name").asText(), sts.at("/spec/serviceName").asText());
        assertEquals("None", service.at("/spec/clusterIP").asText(), "headless");

        for (JsonNode workload : List.of(sts, job)) {
            JsonNode pod = workload.at("/spec/template");
            String what = workload.at("/kind").asText();
            assertTrue(selects(service.at("/spec/selector"), pod.at("/metadata/labels")), "the Service selects the " + what);
            JsonNode container = pod.at("/spec/containers/0");
            boolean coordinator = what.equals("Job");
            Config config = memberConfig(container, coordinator ? "coordinator" : "node");

            // discovery: pods carry the label the kubernetes-api lookup selects on
            Config bootstrap = config.getConfig("pekko.management.cluster.bootstrap.contact-point-discovery");
            assertEquals("kubernetes-api", bootstrap.getString("discovery-method"));
            String selector = String.format(config.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
                    bootstrap.getString("service-name"));
            String[] kv = selector.split("=");
            assertEquals(kv[1], pod.at("/metadata/labels/" + kv[0]).asText(), what + " pods found by " + selector);
            assertEquals(replicas + 1, bootstrap.getInt("required-contact-point-nr"),
                    what + ": every member (nodes and the coordinator) is a required contact point");

            // ports: named as the config and the Service expect
            Map<String, Integer> ports = new java.util.HashMap<>();
            for (JsonNode p : container.path("ports")) {
                ports.put(p.get("name").asText(), p.get("containerPort").asInt());
            }
            int management = config.getInt("pekko.management.http.port");
            assertEquals(ClusterConfig.MANAGEMENT_PORT, management);
            assertEquals(management, ports.get(bootstrap.getString("port-name")), what + " management port");
            assertEquals(config.getInt("pekko.remote.artery.canonical.port"), ports.get("remoting"), what + " Artery port");
            assertEquals(9095, ports.get("metrics"), what + " metrics port");
            for (JsonNode sp : service.at("/spec/ports")) {
                assertEquals(sp.get("port").asInt(), ports.get(sp.get("targetPort").asText()), "Service port " + sp);
            }
            JsonNode annotations = pod.at("/metadata/annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText());
            assertEquals(ports.get("metrics"), annotations.path("prometheus.io/port").asInt(), what + " scrape port");

            // probes on the management port, at Pekko Management's health-check paths
            assertEquals("/" + config.getString("pekko.management.health-checks.readiness-path"),
                    container.at("/readinessProbe/httpGet/path").asText(), what);
            assertEquals("/" + config.getString("pekko.management.health-checks.liveness-path"),
                    container.at("/livenessProbe/httpGet/path").asText(), what);
            assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
            assertEquals("/alive", container.at("/livenessProbe/httpGet/path").asText());
            assertEquals(management, container.at("/readinessProbe/httpGet/port").asInt(), what);
            assertEquals(management, container.at("/livenessProbe/httpGet/port").asInt(), what);

            checkSecurityAndResources(pod.at("/spec"), what);

            // the args are a valid command line for the CLI and use the ports above
            Object command = parse(args(container), what);
            if (coordinator) {
                CoordinatorCommand c = (CoordinatorCommand) command;
                assertEquals(Members.Discovery.KUBERNETES, c.discovery);
                assertEquals(replicas, c.expectNodes, "--expect-nodes is the node replicas");
                assertEquals(ports.get("remoting"), c.port);
                assertEquals("10.1.2.3", c.hostname);
                checkScenario(all, pod.at("/spec"), container, c.scenarioFile, namespace);
                assertTrue(c.out.startsWith(mountPath(pod.at("/spec"), container, "persistentVolumeClaim")),
                        "results on the volume: " + c.out);
            } else {
                NodeCommand n = (NodeCommand) command;
                assertEquals(Members.Discovery.KUBERNETES, n.discovery);
                assertEquals(ports.get("remoting"), n.port);
                assertEquals("10.1.2.3", n.hostname);
            }
            assertEquals(coordinator, !config.getBoolean("pekko.coordinated-shutdown.exit-jvm"),
                    "node members exit when shut down; the coordinator's main exits with the run's code");
            assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
                    config.getString("pekko.cluster.downing-provider-class"));

            checkRbac(all, pod.at("/spec/serviceAccountName").asText(), namespace);
        }
    }

    private static void checkSecurityAndResources(JsonNode podSpec, String what) {
        assertTrue(podSpec.at("/securityContext/runAsNonRoot").asBoolean(), what + " runAsNonRoot");
        assertNotEquals(0, podSpec.at("/securityContext/runAsUser").asInt(0), what + " non-root uid");
        for (JsonNode c : podSpec.path("containers")) {
            for (String kind : List.of("requests", "limits")) {
                for (String res : List.of("cpu", "memory")) {
                    assertFalse(c.at("/resources/" + kind + "/" + res).asText().isEmpty(), what + " " + kind + "." + res);
                }
            }
        }
    }

    private static void checkRbac(List<JsonNode> all, String serviceAccount, String namespace) {
        JsonNode sa = only(all, "ServiceAccount");
        assertEquals(serviceAccount, sa.at("/metadata/name").asText(), "pods use the service account");
        JsonNode role = only(all, "Role");
        JsonNode binding = only(all, "RoleBinding");
        Set<String> verbs = new HashSet<>();
        for (JsonNode rule : role.path("rules")) {
            boolean core = false;
            for (JsonNode g : rule.path("apiGroups")) {
                core |= g.asText().isEmpty();
            }
            boolean pods = false;
            for (JsonNode r : rule.path("resources")) {
                pods |= r.asText().equals("pods");
            }
            if (core && pods) {
                rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            }
        }
        assertTrue(verbs.containsAll(Set.of("get", "list", "watch")), "Role grants pods get/list/watch: " + verbs);
        assertEquals("Role", binding.at("/roleRef/kind").asText());
        assertEquals(role.at("/metadata/name").asText(), binding.at("/roleRef/name").asText());
        boolean bound = false;
        for (JsonNode s : binding.path("subjects")) {
            bound |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(serviceAccount)
                    && s.path("namespace").asText().equals(namespace);
        }
        assertTrue(bound, "the RoleBinding binds the pods' service account in " + namespace);
    }

    /** The coordinator's SCENARIO is a key of the mounted ConfigMap, and ScenarioParser accepts it. */
    private void checkScenario(List<JsonNode> all, JsonNode podSpec, JsonNode container, Path scenarioFile,
            String namespace) throws IOException {
        String mount = mountPath(podSpec, container, "configMap");
        assertEquals(Path.of(mount), scenarioFile.getParent());
        String configMap = null;
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.has("configMap")) {
                configMap = v.at("/configMap/name").asText();
            }
        }
        JsonNode cm = only(all, "ConfigMap");
        assertEquals(configMap, cm.at("/metadata/name").asText());
        JsonNode text = cm.at("/data/" + scenarioFile.getFileName());
        assertFalse(text.isMissingNode(), "the ConfigMap holds " + scenarioFile.getFileName());
        Path file = tmp.resolve(namespace + ".conf");
        Files.writeString(file, text.asText(), StandardCharsets.UTF_8);
        Scenario scenario = ScenarioFiles.load(file, "contigsim coordinator");
        assertTrue(scenario.hosts() >= only(all, "StatefulSet").at("/spec/replicas").asInt(),
                "at least one simulated host per node member");
    }

    private static String mountPath(JsonNode podSpec, JsonNode container, String volumeType) {
        String volume = null;
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.has(volumeType)) {
                volume = v.get("name").asText();
            }
        }
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.get("name").asText().equals(volume)) {
                return m.get("mountPath").asText();
            }
        }
        throw new AssertionError("no " + volumeType + " volume mounted");
    }

    /** The container args with $(VAR) replaced as the kubelet would; every VAR must be in the env. */
    static List<String> args(JsonNode container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode e : container.path("env")) {
            String value = e.has("value") ? e.get("value").asText()
                    : FIELD_VALUES.get(e.at("/valueFrom/fieldRef/fieldPath").asText());
            assertNotNull(value, "env " + e);
            env.put(e.get("name").asText(), value);
        }
        List<String> out = new ArrayList<>();
        Pattern ref = Pattern.compile("\\$\\(([A-Z_]+)\\)");
        for (JsonNode a : container.path("args")) {
            Matcher m = ref.matcher(a.asText());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                assertTrue(env.containsKey(m.group(1)), "$(" + m.group(1) + ") is set in the env");
                m.appendReplacement(sb, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Parses the args with the real command line and returns the subcommand object. --metrics-port
     * (Kamon, added in parallel) is dropped if this build's command does not know it yet.
     */
    static Object parse(List<String> args, String what) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cl = Main.commandLine(sink, sink, Main.subcommands());
        List<String> a = new ArrayList<>(args);
        if (!cl.getSubcommands().get(a.get(0)).getCommandSpec().optionsMap().containsKey("--metrics-port")) {
            int i = a.indexOf("--metrics-port");
            if (i >= 0) {
                assertEquals("9095", a.get(i + 1));
                a.remove(i + 1);
                a.remove(i);
            }
        }
        CommandLine.ParseResult result = cl.parseArgs(a.toArray(String[]::new));
        assertTrue(result.hasSubcommand(), what);
        return result.subcommand().commandSpec().userObject();
    }

    @Test
    void theOverlayIsLargerThanTheBase() {
        List<JsonNode> base = render("base");
        List<JsonNode> large = render("overlays/large");
        assertTrue(only(large, "StatefulSet").at("/spec/replicas").asInt() > only(base, "StatefulSet").at("/spec/replicas").asInt());
        assertNotEquals(only(base, "ConfigMap").at("/data"), only(large, "ConfigMap").at("/data"), "its own scenario");
        assertNotEquals(only(base, "Namespace").at("/metadata/name"), only(large, "Namespace").at("/metadata/name"));
        assertEquals(kinds(base), kinds(large));
    }

    /**
     * The TLS overlay gives every member {@code --tls} on a read-only mount of the user's Secret,
     * whose keys are the files ClusterTls reads; the base stays on plain tcp; no key material and
     * no Secret resource come from k8s/ (the user creates it, as the overlay's comment shows).
     */
    @Test
    void theTlsOverlayMountsTheUsersSecretOnEveryMember() throws IOException {
        List<JsonNode> base = render("base");
        List<JsonNode> tls = render("overlays/tls");
        assertEquals(kinds(base), kinds(tls), "the base's resources, no more (no Secret)");
        for (JsonNode workload : List.of(only(tls, "StatefulSet"), only(tls, "Job"))) {
            String what = workload.at("/kind").asText();
            JsonNode podSpec = workload.at("/spec/template/spec");
            JsonNode container = podSpec.at("/containers/0");
            Object command = parse(args(container), what);
            Path dir = command instanceof NodeCommand n ? n.tls.dir : ((CoordinatorCommand) command).tls.dir;
            assertNotNull(dir, what + " is given --tls");
            String secret = null;
            for (JsonNode v : podSpec.path("volumes")) {
                if (v.has("secret")) {
                    secret = v.at("/secret/secretName").asText();
                    assertEquals(0440, v.at("/secret/defaultMode").asInt(), what + ": readable by its group (fsGroup) only");
                }
            }
            assertEquals("contigsim-tls", secret, what);
            assertEquals(Path.of(mountPath(podSpec, container, "secret")), dir, what + ": --tls is the Secret's mount");
            for (JsonNode m : container.path("volumeMounts")) {
                if (Path.of(m.path("mountPath").asText()).equals(dir)) {
                    assertTrue(m.path("readOnly").asBoolean(), what + " mounts it read-only");
                }
            }
        }
        for (JsonNode workload : List.of(only(base, "StatefulSet"), only(base, "Job"))) {
            assertFalse(args(workload.at("/spec/template/spec/containers/0")).contains("--tls"), "the base is plain tcp");
        }
        String howTo = Files.readString(K8S.resolve("overlays/tls/kustomization.yaml"), StandardCharsets.UTF_8);
        assertTrue(howTo.contains("secret generic contigsim-tls"), "the overlay says how to create its Secret");
        for (String file : List.of(org.contigsim.host.ClusterTls.KEY_STORE, org.contigsim.host.ClusterTls.TRUST_STORE,
                org.contigsim.host.ClusterTls.PASSWORD)) {
            assertTrue(Pattern.compile("--from-file=" + Pattern.quote(file) + "(\\s|$)").matcher(howTo).find(),
                    "the Secret gets " + file);
        }
    }

    private static Set<String> kinds(List<JsonNode> resources) {
        Set<String> out = new TreeSet<>();
        // the Namespace takes the overlay's name; everything else keeps the base's
        resources.stream().filter(r -> !r.path("kind").asText().equals("Namespace"))
                .forEach(r -> out.add(r.path("kind").asText() + "/" + r.at("/metadata/name").asText()));
        return out;
    }

    @Test
    void theResultsReaderMountsTheResultsVolume() throws IOException {
        JsonNode reader = JSON.valueToTree(new org.yaml.snakeyaml.Yaml().load(
                Files.readString(K8S.resolve("results-reader.yaml"), StandardCharsets.UTF_8)));
        checkSecurityAndResources(reader.at("/spec"), "results reader");
        String script = Files.readString(K8S.resolve("fetch-results.sh"));
        assertTrue(script.contains("pod/" + reader.at("/metadata/name").asText()));
        assertTrue(Files.isExecutable(K8S.resolve("fetch-results.sh")));
        List<JsonNode> base = render("base"); // the rest needs kubectl
        JsonNode pvc = only(base, "PersistentVolumeClaim");
        assertEquals(pvc.at("/metadata/name").asText(), reader.at("/spec/volumes/0/persistentVolumeClaim/claimName").asText());
        assertTrue(script.contains("job/" + only(base, "Job").at("/metadata/name").asText()));
    }

    @Test
    void theDashboardQueriesTheSimulationMetrics() throws IOException {
        JsonNode dash = JSON.readTree(K8S.resolve("dashboards/contigsim.json").toFile());
        StringBuilder queries = new StringBuilder();
        for (JsonNode panel : dash.path("panels")) {
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            panel.path("targets").forEach(t -> queries.append(t.path("expr").asText()).append('\n'));
        }
        for (String metric : List.of("contigsim_simulated_seconds", "contigsim_epochs_total", "contigsim_jobs{",
                "contigsim_job_wait_seconds", "contigsim_job_throughput_mib_s", "contigsim_unusable_index_order9",
                "contigsim_largest_contig_bytes", "contigsim_pages_migrated_total", "contigsim_hosts{", "jvm_")) {
            assertTrue(queries.toString().contains(metric), "a panel queries " + metric);
        }
        assertTrue(queries.toString().contains("by (outcome)"));
        assertTrue(queries.toString().contains("by (member)"));
    }
}
