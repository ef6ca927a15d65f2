package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.contigsim.host.ClusterConfig;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the Dockerfile's essentials are read instead of built: a
 * Maven build stage, a Java 17 runtime, a non-root user the manifests agree with, the CLI as
 * entrypoint and the ports of the application config.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..");

    /** Instructions with continuation lines joined and comments dropped. */
    static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && cur.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
            } else {
                out.add(cur.append(t).toString());
                cur.setLength(0);
            }
        }
        return out;
    }

    /** The instructions of the last stage (the image that runs). */
    static List<String> finalStage(List<String> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    @Test
    void buildsWithMavenAndRunsOnAJava17Runtime() throws IOException {
        List<String> all = instructions();
        List<String> froms = all.stream().filter(i -> i.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "multi-stage: build, then runtime");
        assertTrue(froms.get(0).matches("FROM maven:3\\.9-eclipse-temurin-17 AS build"), froms.get(0));
        assertEquals("FROM eclipse-temurin:17-jre", froms.get(1));
        assertTrue(all.stream().anyMatch(i -> i.startsWith("RUN mvn ") && i.contains(" package")),
                "the jar is built in the first stage");
        String pom = Files.readString(ROOT.resolve("coordinator/pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.contains("pekko-discovery-kubernetes-api_2.13")
                && pom.contains("pekko-management-cluster-bootstrap_2.13"), "the jar carries Pekko Management");
        List<String> run = finalStage(all);
        assertTrue(run.contains("COPY --from=build /src/coordinator/target/contigsim.jar /app/contigsim.jar"), run.toString());
    }

    @Test
    void runsTheCliAsTheNonRootUserOfTheManifests() throws IOException {
        List<String> run = finalStage(instructions());
        List<String> users = run.stream().filter(i -> i.startsWith("USER ")).toList();
        assertEquals(1, users.size());
        String uid = users.get(0).substring(5).split(":")[0];
        assertTrue(uid.matches("\\d+"), "numeric uid, which runAsNonRoot can check: " + uid);
        assertNotEquals("0", uid);
        for (JsonNode r : KubernetesManifestsTest.render("base")) {
            JsonNode ctx = r.at("/spec/template/spec/securityContext");
            if (!ctx.isMissingNode()) {
                assertEquals(uid, ctx.path("runAsUser").asText(), r.at("/metadata/name").asText());
            }
        }
        List<String> entry = run.stream().filter(i -> i.startsWith("ENTRYPOINT ")).toList();
        assertEquals(1, entry.size());
        JsonNode argv = new ObjectMapper().readTree(entry.get(0).substring("ENTRYPOINT ".length()));
        assertEquals(List.of("java", "-jar", "/app/contigsim.jar"),
                List.of(argv.get(0).asText(), argv.get(1).asText(), argv.get(2).asText()));
        assertEquals(3, argv.size(), "the CLI's arguments come from the container args");
    }

    @Test
    void exposesTheApplicationPorts() throws IOException {
        Set<Integer> exposed = new TreeSet<>();
        for (String i : finalStage(instructions())) {
            if (i.startsWith("EXPOSE ")) {
                for (String p : i.substring(7).trim().split("\\s+")) {
                    exposed.add(Integer.parseInt(p.replace("/tcp", "")));
                }
            }
        }
        var config = ClusterConfig.kubernetes("10.1.2.3", ClusterConfig.KUBERNETES_PORT, List.of("node"));
        assertEquals(new TreeSet<>(List.of(config.getInt("pekko.remote.artery.canonical.port"),
                config.getInt("pekko.management.http.port"), 9095)), exposed);
    }

    @Test
    void theBuildContextLeavesOutBuildOutput() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        assertTrue(ignored.contains("**/target"));
        assertTrue(ignored.contains("results"));
    }
}
