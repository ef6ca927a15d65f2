package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member configuration with seed nodes and with Cluster Bootstrap through the Kubernetes API. */
class ClusterConfigTest {
    @Test
    void kubernetesMembersBootstrapThroughTheApi() {
        Config c = ClusterConfig.kubernetes("10.1.2.3", ClusterConfig.KUBERNETES_PORT, List.of(HostShards.ROLE));
        assertTrue(ClusterConfig.bootstrapped(c));
        // ClusterBootstrap starts Management and itself only when listed under exactly this name
        assertEquals(List.of("org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap"),
                c.getStringList("pekko.extensions"));
        assertEquals(List.of(), c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals("10.1.2.3", c.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(25520, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals("10.1.2.3", c.getString("pekko.management.http.hostname"), "contact point at the pod IP");
        assertEquals(ClusterConfig.MANAGEMENT_PORT, c.getInt("pekko.management.http.port"));
        // health checks and the contact point only: no membership over HTTP, nothing that changes it
        assertEquals("", c.getString("pekko.management.http.routes.cluster-management"));
        assertTrue(c.getBoolean("pekko.management.http.route-providers-read-only"));
        assertEquals("kubernetes-api",
                c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        assertEquals("app=%s", c.getString("pekko.discovery.kubernetes-api.pod-label-selector"));
        assertEquals(ClusterConfig.SERVICE_NAME,
                c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                c.getString("pekko.discovery.kubernetes-api.api-ca-path"));
        // the Split Brain Resolver stays, keeping the oldest of any role and downing it when alone, so
        // that node members outlive a lost coordinator; the rest of contigsim-cluster.conf stays
        assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
                c.getString("pekko.cluster.downing-provider-class"));
        assertEquals("keep-oldest", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals("", c.getString("pekko.cluster.split-brain-resolver.keep-oldest.role"));
        assertTrue(c.getBoolean("pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone"));
        assertEquals("none", c.getString("pekko.cluster.sharding.passivation.strategy"));
        assertTrue(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"), "a downed node member ends its pod's process");
    }

    @Test
    void theCoordinatorExitsThroughItsOwnMain() {
        Config c = ClusterConfig.kubernetes("10.1.2.3", 25520, List.of("coordinator"));
        assertFalse(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"));
        assertEquals(List.of("coordinator"), c.getStringList("pekko.cluster.roles"));
    }

    @Test
    void theServiceAccountFilesCanBePointedElsewhere() {
        // what a test outside a pod does (its own CA and token), layered on top
        Config c = ConfigFactory.parseMap(Map.of(
                        "pekko.discovery.kubernetes-api.api-ca-path", "/tmp/test-ca.crt",
                        "pekko.discovery.kubernetes-api.api-token-path", "/tmp/test-token"))
                .withFallback(ClusterConfig.kubernetes("127.0.0.1", 0, List.of(HostShards.ROLE)));
        assertEquals("/tmp/test-ca.crt", c.getString("pekko.discovery.kubernetes-api.api-ca-path"));
        assertEquals("/tmp/test-token", c.getString("pekko.discovery.kubernetes-api.api-token-path"));
        // and through the environment (CONTIGSIM_K8S_API_CA_PATH, ...), as a forked JVM would get it
        Config env = ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "contigsim-kubernetes.conf")
                .withFallback(ConfigFactory.parseMap(Map.of("CONTIGSIM_K8S_API_CA_PATH", "/tmp/ca.crt",
                        "CONTIGSIM_K8S_API_TOKEN_PATH", "/tmp/token", "CONTIGSIM_REQUIRED_CONTACT_POINTS", "5")))
                .resolve(); // a root key stands in for the environment variable of the same name
        assertEquals("/tmp/ca.crt", env.getString("pekko.discovery.kubernetes-api.api-ca-path"));
        assertEquals("/tmp/token", env.getString("pekko.discovery.kubernetes-api.api-token-path"));
        assertEquals(5, env.getInt("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
    }

    @Test
    void seedNodeMembersDoNotBootstrap() {
        Config c = ClusterConfig.member("127.0.0.1", 0, List.of(HostShards.ROLE), List.of());
        assertFalse(ClusterConfig.bootstrapped(c));
        assertFalse(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"));
    }
}
