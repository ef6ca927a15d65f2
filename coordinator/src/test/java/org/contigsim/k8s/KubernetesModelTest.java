package org.contigsim.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every manifest in k8s/ (the base and each overlay as {@code kubectl kustomize} renders them,
 * skipped where kubectl is not on PATH; the results reader), read into the Kubernetes
 * API's own object model (fabric8): a field the API does not have (a typo such as
 * {@code readinesProbe}, a field at the wrong level) or a value of the wrong type fails here
 * instead of at {@code kubectl apply}. KubernetesManifestsTest checks what the fields say.
 */
class KubernetesModelTest {
    private static final Path K8S = Path.of("..", "k8s");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The kinds k8s/ may use, by apiVersion and kind; another kind fails the test until added here. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class));

    static Stream<String> kustomizations() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> "overlays/" + d.getFileName()).sorted().forEach(dirs::add);
        }
        return dirs.stream();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyRenderedResourceIsAValidKubernetesObject(String kustomization) {
        Kubectl.assumeKustomize();
        List<Map<String, Object>> resources = Kubectl.kustomize(K8S.resolve(kustomization));
        assertTrue(resources.size() >= 8, kustomization + " renders a whole experiment");
        for (Map<String, Object> r : resources) {
            HasMetadata object = read(r);
            assertNotNull(object.getMetadata().getName(), kustomization + ": a " + r.get("kind") + " without a name");
        }
    }

    @Test
    void theResultsReaderIsAValidPod() throws IOException {
        for (Object doc : Kubectl.loadAll(Files.readString(K8S.resolve("results-reader.yaml")))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) doc;
            assertEquals(Pod.class, read(r).getClass());
        }
    }

    @Test
    void aMisspelledOrMisplacedFieldIsFound() {
        Map<String, Object> typo = Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "p"),
                "spec", Map.of("containers", List.of(Map.of("name", "c", "image", "i",
                        "readinesProbe", Map.of("httpGet", Map.of("path", "/ready", "port", 7626))))));
        AssertionError e = assertThrows(AssertionError.class, () -> read(typo));
        assertTrue(e.getMessage().contains("readinesProbe"), e.getMessage());
        Map<String, Object> wrongType = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "s"),
                "spec", Map.of("ports", List.of(Map.of("port", "not-a-number"))));
        assertThrows(RuntimeException.class, () -> MAPPER.convertValue(wrongType, Service.class));
    }

    /** The resource as its fabric8 class, failing on any field the model does not know. */
    private static HasMetadata read(Map<String, Object> resource) {
        String key = resource.get("apiVersion") + "/" + resource.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(key);
        assertNotNull(type, "k8s/ uses " + key + ", which this test does not know");
        HasMetadata object = MAPPER.convertValue(resource, type);
        String name = key + " " + object.getMetadata().getName();
        unknownFields(object, name);
        return object;
    }

    /** fabric8 keeps fields its model lacks in additionalProperties rather than failing: walk and look. */
    private static void unknownFields(Object node, String path) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) value;
                if (extra != null && !extra.isEmpty()) {
                    throw new AssertionError(path + ": fields the Kubernetes API does not have: " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + ": " + e, e);
        }
    }
}
