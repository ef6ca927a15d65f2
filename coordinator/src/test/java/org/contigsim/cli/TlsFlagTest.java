package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.contigsim.host.ClusterTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.contigsim.runtime.ClusterRun;

/**
 * {@code --tls DIR} on run, coordinator and node: bad material is one line naming the flag, exit
 * 2, before anything starts; good material runs the cluster over TLS, child JVMs included.
 */
class TlsFlagTest {
    @TempDir
    static Path tmp;
    static Path good;

    /** As docs/security.md says: a self-signed key pair, its certificate as the trust store, the password file. */
    @BeforeAll
    static void material() throws IOException {
        good = Files.createDirectories(tmp.resolve("good"));
        String pw = "run-secret";
        keytool("-genkeypair", "-alias", "contigsim", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=contigsim", "-storetype", "PKCS12", "-keystore", good.resolve("keystore.p12").toString(),
                "-storepass", pw);
        keytool("-exportcert", "-rfc", "-alias", "contigsim", "-keystore", good.resolve("keystore.p12").toString(),
                "-storepass", pw, "-file", tmp.resolve("contigsim.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "contigsim", "-file", tmp.resolve("contigsim.crt").toString(),
                "-storetype", "PKCS12", "-keystore", good.resolve("truststore.p12").toString(), "-storepass", pw);
        Files.writeString(good.resolve("password"), pw + "\n", StandardCharsets.UTF_8);
    }

    private static void keytool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
            assertEquals(0, p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path variant(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : List.of(ClusterTls.KEY_STORE, ClusterTls.TRUST_STORE, ClusterTls.PASSWORD)) {
            Files.copy(good.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static List<String> command(String which, Path tls, Path out) {
        return switch (which) {
            case "run" -> List.of("run", RunCommandTest.TINY, "--out", out.toString(), "--tls", tls.toString());
            case "coordinator" -> List.of("coordinator", RunCommandTest.TINY, "--expect-nodes", "1", "--port", "0",
                    "--out", out.toString(), "--tls", tls.toString());
            default -> List.of("node", "--seed-nodes", "pekko://contigsim@127.0.0.1:25520", "--port", "0",
                    "--tls", tls.toString());
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "coordinator", "node"})
    void badMaterialIsOneLineNamingTheFlag(String which) throws IOException {
        Path wrongPassword = variant("wrong-password-" + which);
        Files.writeString(wrongPassword.resolve(ClusterTls.PASSWORD), "guess\n");
        Path notAKeyStore = variant("not-a-keystore-" + which);
        Files.writeString(notAKeyStore.resolve(ClusterTls.KEY_STORE), "hello\n");
        Path noTrustStore = variant("no-truststore-" + which);
        Files.delete(noTrustStore.resolve(ClusterTls.TRUST_STORE));
        List<List<String>> cases = List.of(
                List.of(tmp.resolve("nowhere").toString(), "is not a directory"),
                List.of(noTrustStore.toString(), ClusterTls.TRUST_STORE + " is missing"),
                List.of(wrongPassword.toString(), ClusterTls.KEY_STORE + ": wrong password"),
                List.of(notAKeyStore.toString(), ClusterTls.KEY_STORE + " is not a PKCS12 key store"));
        for (List<String> c : cases) {
            Path out = tmp.resolve("out-" + which);
            Run r = MemoryCommandTest.run(command(which, Path.of(c.get(0)), out).toArray(String[]::new));
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            String line = r.errLines().get(0);
            assertTrue(line.startsWith("contigsim: --tls: ") && line.contains(c.get(1)), line);
            assertFalse(line.contains("run-secret"), "never the password");
            assertEquals("", r.out());
            assertFalse(Files.exists(out) || Files.exists(ClusterRun.partialOf(out)), "nothing written");
        }
    }

    /**
     * The run's child JVM is given --tls: without it the child could not join (ClusterTlsTest) and
     * the run would wait for it, hence the generous guard rather than a hanging build.
     */
    @Test
    void aRunOverTlsGivesItsChildrenTheFlag() throws IOException {
        Path tls = tmp.resolve("tls");
        Run r = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> MemoryCommandTest.run("run",
                RunCommandTest.TINY, "--seed", "4", "--out", tls.toString(), "--jvms", "2", "--tls", good.toString(), "-q"));
        assertEquals(0, r.exit(), r.err());
        JsonNode metadata = new ObjectMapper().readTree(tls.resolve("metadata.json").toFile());
        assertEquals(2, metadata.get("cluster_members").asInt(), "the child joined over TLS");
        assertTrue(Files.isRegularFile(tls.resolve("results.json")));
        assertFalse(Files.readString(tls.resolve("metadata.json")).contains("run-secret"));
    }
}
