package org.contigsim.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test helper that renders k8s/ with {@code kubectl kustomize}: every resource of the
 * multi-document output, and kubectl's own message when a kustomization is wrong. Also the
 * kustomize behaviour the large overlay relies on (it patches the RoleBinding's subject).
 */
class KubectlTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsKubectl() {
        Kubectl.assumeKustomize();
    }

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
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: s}
                spec: {replicas: 2, template: {spec: {containers: [{name: c, args: [x, "1"]}]}}}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                subjects: [{kind: ServiceAccount, name: sa, namespace: one}]
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
                        path: /spec/template/spec/containers/0/args/1
                        value: "8"
                      - op: add
                        path: /spec/template/spec/containers/0/args/-
                        value: "y"
                """); // quoted: kustomize reads patch values as YAML 1.1, where a bare y is true
        write("over/b.conf", "b = 2\n");
        List<Map<String, Object>> out = Kubectl.kustomize(dir.resolve("over"));
        assertEquals(3, out.size(), out.toString());
        Map<String, Object> sts = Kubectl.find(out, "StatefulSet", "s");
        assertEquals(Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "c", "args", List.of("x", "8", "y")))))), sts.get("spec"));
        assertEquals("two", ((Map<?, ?>) sts.get("metadata")).get("namespace"));
        assertEquals(Map.of("a.conf", "b = 2\n"), Kubectl.find(out, "ConfigMap", "cm").get("data"));
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "sa", "namespace", "one")),
                Kubectl.find(out, "RoleBinding", "rb").get("subjects"),
                "the namespace transformer leaves a binding's subject alone: the large overlay patches it itself");
    }

    @Test
    void aWrongKustomizationFailsWithKubectlsMessage() throws IOException {
        write("p/kustomization.yaml", """
                resources: [d.yaml]
                patches:
                  - target: {kind: Job, name: j}
                    patch: |-
                      - op: replace
                        path: /spec/nothing/deeper
                        value: 1
                """);
        write("p/d.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kubectl.kustomize(dir.resolve("p")));
        assertTrue(e.getMessage().contains("kustomize " + dir.resolve("p") + ": exit 1: ")
                && e.getMessage().contains("/spec/nothing/deeper"), e.getMessage());
    }
}
