package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with mutual authentication (--tls, docs/security.md) on real members on
 * 127.0.0.1: members holding the cluster's certificate form a cluster; a member with a certificate
 * the cluster does not trust, and a member speaking plain tcp, never join.
 */
class ClusterTlsTest {
    /** Generous: two cores shared by several JVMs. */
    private static final Duration FORM = Duration.ofSeconds(60);
    /**
     * How long intruders are given to get in. A refusal leaves no event to wait for, so this is a
     * bounded wait for something that must not happen; with join attempts every 2 s
     * (seed-node-timeout below) each intruder tries several times within it.
     */
    private static final Duration INTRUSION_WINDOW = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;
    static ClusterTls cluster;
    static ClusterTls stranger;

    private final List<ActorTestKit> members = new ArrayList<>();

    @BeforeAll
    static void material() {
        Path clusterDir = Keytool.member(tmp.resolve("cluster"), "contigsim-cluster", "cluster-secret");
        // the stranger even trusts the cluster's certificate: only the cluster's side can turn it away
        Path strangerDir = Keytool.member(tmp.resolve("stranger"), "stranger", "stranger-secret", clusterDir);
        cluster = ClusterTls.read(clusterDir);
        stranger = ClusterTls.read(strangerDir);
    }

    /**
     * All at once, with room: an intruder that never joined leaves only after its join attempts and
     * the leave phase time out, which on a loaded machine took more than the test kit's 10 s.
     */
    @AfterEach
    void stop() {
        members.forEach(kit -> kit.system().terminate());
        members.forEach(kit -> ActorTestKit.shutdown(kit.system(), Duration.ofSeconds(60), true));
    }

    private ActorTestKit member(ClusterTls tls, List<String> seeds) {
        Config member = ClusterConfig.member("127.0.0.1", 0, List.of(HostShards.ROLE), seeds);
        Config config = ConfigFactory.parseString("pekko.cluster.seed-node-timeout = 2s")
                .withFallback(tls == null ? member : tls.config().withFallback(member));
        ActorTestKit kit = ActorTestKit.create(ClusterConfig.SYSTEM, config);
        members.add(kit);
        return kit;
    }

    private static Address address(ActorTestKit kit) {
        return Cluster.get(kit.system()).selfMember().address();
    }

    @Test
    void membersWithTheClusterCertificateFormAClusterThatOthersCannotJoin() {
        ActorTestKit first = member(cluster, List.of());
        assertEquals("tls-tcp", first.system().settings().config().getString("pekko.remote.artery.transport"));
        Cluster.get(first.system()).manager().tell(Join.create(address(first)));
        ActorTestKit second = member(cluster, List.of(address(first).toString()));
        TestProbe<SelfUp> up = second.createTestProbe();
        Cluster.get(second.system()).subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
        up.receiveMessage(FORM);
        assertEquals(2, Cluster.get(first.system()).state().members().size());

        // the first member reports any membership change of the intruders' addresses
        ActorTestKit withStranger = member(stranger, List.of(address(first).toString()));
        ActorTestKit plain = member(null, List.of(address(first).toString()));
        assertEquals("tcp", plain.system().settings().config().getString("pekko.remote.artery.transport"));
        Set<Address> intruders = Set.of(address(withStranger), address(plain));
        TestProbe<ClusterEvent.MemberEvent> seen = first.createTestProbe();
        Cluster.get(first.system()).subscriptions().tell(Subscribe.create(
                first.spawn(only(intruders, seen)), ClusterEvent.MemberEvent.class));
        seen.expectNoMessage(INTRUSION_WINDOW);

        for (ActorTestKit intruder : List.of(withStranger, plain)) {
            MemberStatus status = Cluster.get(intruder.system()).selfMember().status();
            assertFalse(status == MemberStatus.up() || status == MemberStatus.joining()
                    || status == MemberStatus.weaklyUp(), "intruder is " + status);
        }
        assertEquals(2, Cluster.get(first.system()).state().members().size());
        assertTrue(Cluster.get(first.system()).state().getUnreachable().isEmpty());
    }

    /** Forwards the membership events of {@code addresses} only. */
    private static Behavior<ClusterEvent.MemberEvent> only(Set<Address> addresses, TestProbe<ClusterEvent.MemberEvent> to) {
        return Behaviors.receiveMessage(e -> {
            if (addresses.contains(e.member().address())) {
                to.ref().tell(e);
            }
            return Behaviors.same();
        });
    }

    /**
     * Mutual authentication itself: a client whose certificate the cluster does not trust is
     * turned away by the member's side of the handshake, although it trusts the member.
     */
    @Test
    void aMemberRefusesAClientCertificateItDoesNotTrust() throws Exception {
        ActorTestKit first = member(cluster, List.of());
        int port = address(first).getPort().get();
        try (SSLSocket trusted = connect(cluster, port)) {
            assertEquals("CN=contigsim-cluster",
                    trusted.getSession().getPeerPrincipal().getName(), "the cluster's certificate is accepted");
        }
        try (SSLSocket refused = connect(stranger, port)) {
            refused.setSoTimeout((int) FORM.toMillis());
            try {
                InputStream in = refused.getInputStream();
                int read = in.read();
                assertEquals(-1, read, "a trusted connection would wait for Artery's header, not send data");
            } catch (SocketTimeoutException e) {
                fail("the member kept the connection of a certificate it does not trust");
            } catch (SSLException | SocketException e) {
                // the member's alert (bad_certificate / certificate_unknown) or its closing the connection
            }
        } catch (SSLException e) {
            // refused during the handshake itself
        }
    }

    private static SSLSocket connect(ClusterTls tls, int port) throws Exception {
        char[] password = tls.password().toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(tls.keyStore(), password), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(tls.trustStore(), password));
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    @Test
    void theLayerTurnsOnTlsWithMutualAuthenticationAndHidesThePassword() {
        Config c = cluster.config().withFallback(ClusterConfig.member("127.0.0.1", 0, List.of(), List.of()));
        assertEquals("tls-tcp", c.getString("pekko.remote.artery.transport"));
        Config engine = c.getConfig("pekko.remote.artery.ssl.config-ssl-engine");
        assertTrue(engine.getBoolean("require-mutual-authentication"));
        assertEquals("TLSv1.3", engine.getString("protocol"));
        assertTrue(Path.of(engine.getString("key-store")).isAbsolute());
        assertEquals(cluster.keyStore().toString(), engine.getString("key-store"));
        assertEquals(cluster.trustStore().toString(), engine.getString("trust-store"));
        assertEquals("cluster-secret", engine.getString("key-store-password"), "the file's line break is not part of it");
        assertFalse(cluster.toString().contains("cluster-secret"));
        // without --tls nothing changes: local runs stay on plain tcp
        assertEquals("tcp", ClusterConfig.member("127.0.0.1", 0, List.of(), List.of())
                .getString("pekko.remote.artery.transport"));
    }

    @Test
    void badMaterialIsNamedBeforeAnythingStarts() throws IOException {
        Path good = cluster.dir();
        assertBad(tmp.resolve("nowhere"), "nowhere is not a directory");

        Path noTrust = copy(good, "no-trust");
        Files.delete(noTrust.resolve(ClusterTls.TRUST_STORE));
        assertBad(noTrust, ClusterTls.TRUST_STORE + " is missing");

        Path noPassword = copy(good, "no-password");
        Files.delete(noPassword.resolve(ClusterTls.PASSWORD));
        assertBad(noPassword, ClusterTls.PASSWORD + " is missing");

        Path wrong = copy(good, "wrong-password");
        Files.writeString(wrong.resolve(ClusterTls.PASSWORD), "guess\n");
        assertBad(wrong, ClusterTls.KEY_STORE + ": wrong password");

        Path garbage = copy(good, "garbage");
        Files.writeString(garbage.resolve(ClusterTls.KEY_STORE), "-----BEGIN NONSENSE-----\n");
        assertBad(garbage, ClusterTls.KEY_STORE + " is not a PKCS12 key store");

        Path certOnly = copy(good, "certificate-only");
        Files.copy(good.resolve(ClusterTls.TRUST_STORE), certOnly.resolve(ClusterTls.KEY_STORE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertBad(certOnly, ClusterTls.KEY_STORE + " holds no private key");

        Path keyAsTrust = copy(good, "empty-password");
        Files.writeString(keyAsTrust.resolve(ClusterTls.PASSWORD), "\n", StandardCharsets.UTF_8);
        assertBad(keyAsTrust, ClusterTls.PASSWORD + " must hold the password on one line");
    }

    private static void assertBad(Path dir, String expected) {
        ClusterTls.BadMaterial e = assertThrows(ClusterTls.BadMaterial.class, () -> ClusterTls.read(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().contains("cluster-secret"), "never the password: " + e.getMessage());
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        for (String f : List.of(ClusterTls.KEY_STORE, ClusterTls.TRUST_STORE, ClusterTls.PASSWORD)) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        return to;
    }
}
