package org.contigsim.k8s;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.contigsim.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --discovery kubernetes} end to end, without Kubernetes: a fake API server answers the pod
 * list over TLS with a certificate made here, a node and a coordinator in two JVMs of their own
 * (the API address comes from environment variables, as in a pod) find each other through it, form
 * the cluster with Cluster Bootstrap on loopback and run a scenario to the same results as a run in
 * one JVM.
 */
class KubernetesDiscoveryTest {
    private static final String NAMESPACE = "contigsim-test";
    private static final String TOKEN = "service-account-token-for-the-test";
    private static final String PASSWORD = "test-only";

    @TempDir
    Path dir;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** What the API server lists now: pods come and go. */
    private final AtomicReference<String> podList = new AtomicReference<>();
    /** Pods that must be listed before a cluster forms (the manifests' node replicas + 1). */
    private int contactPoints = 2;
    private final List<Process> members = new ArrayList<>();
    private HttpsServer api;

    @AfterEach
    void stop() {
        members.forEach(Process::destroyForcibly);
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void membersFoundThroughTheKubernetesApiRunAScenarioToTheSameResults() throws Exception {
        Path keystore = certificate();
        int nodeManagement = freePort();
        int coordinatorManagement = freePort();
        startApi(keystore);
        podList.set(pods(coordinatorManagement, nodeManagement));
        Files.writeString(dir.resolve("token"), TOKEN);
        Files.writeString(dir.resolve("namespace"), NAMESPACE);

        Path out = dir.resolve("k8s-run");
        start("node", nodeManagement, "node", "--discovery", "kubernetes", "--port", "0");
        Process coordinator = start("coordinator", coordinatorManagement, "coordinator",
                "../workloads/scenarios/tiny.conf", "--expect-nodes", "1", "--discovery", "kubernetes",
                "--port", "0", "--out", out.toString(), "-q");

        boolean ended = coordinator.waitFor(180, TimeUnit.SECONDS);
        assertTrue(ended, "the coordinator did not finish in 3 minutes; its log:\n" + log("coordinator"));
        assertEquals(Main.EXIT_OK, coordinator.exitValue(), "coordinator exit code; its log:\n" + log("coordinator")
                + "\nnode log:\n" + log("node"));
        assertTrue(!requests.isEmpty(), "the members never asked the API server for pods");
        for (String r : requests) {
            assertEquals("GET /api/v1/namespaces/" + NAMESPACE + "/pods?labelSelector=app=contigsim Bearer " + TOKEN, r);
        }

        Path reference = dir.resolve("one-jvm");
        int code = Main.run(new String[] {"run", "../workloads/scenarios/tiny.conf", "--out", reference.toString(),
                "-q"}, new PrintStream(OutputStream.nullOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Main.EXIT_OK, code);
        assertArrayEquals(Files.readAllBytes(reference.resolve("results.json")), Files.readAllBytes(out.resolve("results.json")),
                "results.json of the bootstrapped cluster differs from a run in one JVM");
    }

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool; the members trust it as the API's CA. */
    private Path certificate() throws Exception {
        Path keystore = dir.resolve("api.p12");
        keytool("-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=kubernetes", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "api", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("ca.crt").toString());
        return keystore;
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }

    /**
     * A coordinator pod lost in the middle of a run: the node members down it and keep their
     * hosts, the Job's next coordinator pod joins them, resumes from the checkpoint on the
     * (shared) results directory, and no host has to run an epoch again. Two node members: in a
     * cluster of two the Split Brain Resolver never downs a lone oldest member (either side could
     * be the lone one), so the manifests run at least two node pods.
     */
    @Test
    void aLostCoordinatorIsReplacedAndResumesWithoutReplayingAHost() throws Exception {
        Path keystore = certificate();
        int node0 = freePort();
        int node1 = freePort();
        int firstManagement = freePort();
        int secondManagement = freePort();
        contactPoints = 3;
        startApi(keystore);
        podList.set(pods(firstManagement, node0, node1));
        Files.writeString(dir.resolve("token"), TOKEN);
        Files.writeString(dir.resolve("namespace"), NAMESPACE);
        Path scenario = dir.resolve("longer-tiny.conf");
        Files.writeString(scenario, Files.readString(Path.of("../workloads/scenarios/tiny.conf"))
                .replace("duration = 4m", "duration = 20m"));
        Path out = dir.resolve("run");
        Path journal = dir.resolve("run.partial").resolve("checkpoint").resolve("journal.bin");
        String[] coordinatorArgs = {"coordinator", scenario.toString(), "--expect-nodes", "2", "--discovery",
            "kubernetes", "--port", "0", "--out", out.toString(), "-q"};

        start("node", node0, "node", "--discovery", "kubernetes", "--port", "0");
        start("node-1", node1, "node", "--discovery", "kubernetes", "--port", "0");
        Process first = start("coordinator-1", firstManagement, coordinatorArgs);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.exists(journal) && Files.size(journal) > 2000)) {
            assertTrue(first.isAlive(), "the first coordinator ended early:\n" + log("coordinator-1"));
            assertTrue(System.nanoTime() < deadline, "no checkpoint after 3 minutes:\n" + log("coordinator-1"));
            first.waitFor(20, TimeUnit.MILLISECONDS);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        podList.set(pods(secondManagement, node0, node1)); // the Job's next pod replaces the lost one
        Process second = start("coordinator-2", secondManagement, coordinatorArgs);

        assertTrue(second.waitFor(240, TimeUnit.SECONDS), "the second coordinator did not finish:\n" + log("coordinator-2"));
        assertEquals(Main.EXIT_OK, second.exitValue(), log("coordinator-2") + "\nnode log:\n" + log("node"));
        assertTrue(log("coordinator-2").contains("resuming the run in"), log("coordinator-2"));
        JsonNode events = new ObjectMapper().readTree(out.resolve("metadata.json").toFile()).at("/faults/events");
        assertEquals("resumed", events.get(0).get("event").asText());
        assertEquals("hosts_rebuilt", events.get(1).get("event").asText());
        assertEquals(4, events.get(1).get("hosts").asInt());
        assertEquals(0, events.get(1).get("host_epochs_replayed").asInt(), "the hosts outlived the coordinator");

        Path reference = dir.resolve("one-jvm");
        int code = Main.run(new String[] {"run", scenario.toString(), "--out", reference.toString(), "-q"},
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Main.EXIT_OK, code);
        assertArrayEquals(Files.readAllBytes(reference.resolve("results.json")), Files.readAllBytes(out.resolve("results.json")),
                "results.json of the resumed run differs from a run in one JVM");
    }

    /**
     * The API server's answer: a coordinator and node members as running pods on 127.0.0.1, told
     * apart by their management ports.
     */
    private static String pods(int coordinatorManagement, int... nodeManagement) {
        StringBuilder items = new StringBuilder(pod("contigsim-coordinator-x7k2p", coordinatorManagement));
        for (int i = 0; i < nodeManagement.length; i++) {
            items.append(',').append(pod("contigsim-node-" + i, nodeManagement[i]));
        }
        return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[" + items + "]}";
    }

    private static String pod(String name, int managementPort) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + NAMESPACE + "\",\"labels\":{\"app\":\"contigsim\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"contigsim\",\"ports\":["
                + "{\"name\":\"remoting\",\"containerPort\":25520,\"protocol\":\"TCP\"},"
                + "{\"name\":\"management\",\"containerPort\":" + managementPort + ",\"protocol\":\"TCP\"}]}]},"
                + "\"status\":{\"phase\":\"Running\",\"podIP\":\"127.0.0.1\","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
    }

    /** Serves the pod list to requests with the service account's token; anything else is refused. */
    private void startApi(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        api = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        api.setHttpsConfigurator(new HttpsConfigurator(tls));
        api.createContext("/", exchange -> answer(exchange, podList.get()));
        api.start();
    }

    private void answer(HttpExchange exchange, String podList) throws IOException {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "?"
                + exchange.getRequestURI().getQuery() + " " + auth;
        requests.add(request);
        boolean allowed = auth.equals("Bearer " + TOKEN);
        byte[] body = (allowed ? podList : "{\"kind\":\"Status\",\"code\":401}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** A member in a JVM of its own, configured the way a pod is: through the environment and files. */
    private Process start(String name, int managementPort, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(api.getAddress().getPort()));
        env.put("CONTIGSIM_K8S_API_CA_PATH", dir.resolve("ca.crt").toString());
        env.put("CONTIGSIM_K8S_API_TOKEN_PATH", dir.resolve("token").toString());
        env.put("CONTIGSIM_K8S_NAMESPACE_PATH", dir.resolve("namespace").toString());
        env.put("CONTIGSIM_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("CONTIGSIM_REQUIRED_CONTACT_POINTS", Integer.toString(contactPoints));
        Process p = pb.start();
        members.add(p);
        return p;
    }

    private String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(none)";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
