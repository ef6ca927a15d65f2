package org.contigsim.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomize subset renders as kubectl kustomize would, and refuses what it does not implement. */
class KustomizeTest {
    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void anOverlayReplacesTheConfigMapPatchesAndMovesTheNamespace() throws IOException {
        write("base/kustomization.yaml", """
                namespace: one
                resources: [sts.yaml]
                configMapGenerator:
                  - name: cm
                    files: [a.conf]
                generatorOptions: {disableNameSuffixHash: true}
                """);
        write("base/a.conf", "a = 1\n");
        write("base/sts.yaml", """
                kind: StatefulSet
                metadata: {name: s}
                spec: {replicas: 2, args: [x, "1"]}
                ---
                kind: RoleBinding
                metadata: {name: rb}
                subjects: [{kind: ServiceAccount, name: sa}]
                """);
        write("over/kustomization.yaml", """
                namespace: two
                resources: [../base]
                configMapGenerator:
                  - name: cm
                    behavior: replace
                    files: [a.conf=b.conf]
                generatorOptions: {disableNameSuffixHash: true}
                patches:
                  - target: {kind: StatefulSet, name: s}
                    patch: |-
                      - op: replace
                        path: /spec/args/1
                        value: "8"
                      - op: add
                        path: /spec/args/-
                        value: y
                """);
        write("over/b.conf", "b = 2\n");
        List<Map<String, Object>> out = Kustomize.render(dir.resolve("over"));
        Map<String, Object> sts = Kustomize.find(out, "StatefulSet", "s");
        assertEquals(Map.of("replicas", 2, "args", List.of("x", "8", "y")), sts.get("spec"));
        assertEquals("two", ((Map<?, ?>) sts.get("metadata")).get("namespace"));
        assertEquals(Map.of("a.conf", "b = 2\n"), Kustomize.find(out, "ConfigMap", "cm").get("data"));
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "sa", "namespace", "one")),
                Kustomize.find(out, "RoleBinding", "rb").get("subjects"),
                "set by the base; the overlay leaves a non-default subject namespace alone");
    }

    @Test
    void unsupportedFeaturesFailTheRendering() throws IOException {
        write("k/kustomization.yaml", "namePrefix: x-\nresources: []\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir.resolve("k")));
        assertTrue(e.getMessage().contains("namePrefix is not supported"), e.getMessage());
        write("h/kustomization.yaml", "configMapGenerator: [{name: c, files: [a]}]\n");
        write("h/a", "x");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir.resolve("h")), "hash suffixes");
    }

    @Test
    void aPatchOfAMissingPathFails() throws IOException {
        write("p/kustomization.yaml", """
                resources: [d.yaml]
                patches:
                  - target: {kind: Job, name: j}
                    patch: |-
                      - op: replace
                        path: /spec/nothing
                        value: 1
                """);
        write("p/d.yaml", "kind: Job\nmetadata: {name: j}\nspec: {}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir.resolve("p")));
        assertTrue(e.getMessage().contains("/spec/nothing"), e.getMessage());
    }
}
