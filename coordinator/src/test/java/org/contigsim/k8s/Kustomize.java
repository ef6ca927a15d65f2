package org.contigsim.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code kubectl kustomize} for the subset of kustomize that k8s/ uses, so the manifests can be
 * rendered and checked where no kubectl is installed: {@code resources} (files and directories),
 * {@code namespace}, {@code configMapGenerator} (files, behavior create/replace/merge) with
 * {@code generatorOptions.disableNameSuffixHash}, and {@code patches} holding JSON 6902 operations
 * (replace, add) with a kind/name target. Anything else in a kustomization fails the rendering
 * rather than being silently ignored, so a manifest using more must extend this first.
 */
public final class Kustomize {
    private static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "namespace", "resources",
            "configMapGenerator", "generatorOptions", "patches");
    /** Kinds the namespace transformer leaves without a namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private Kustomize() {
    }

    /** The resources that {@code kubectl kustomize DIR} prints, as YAML trees, in file order. */
    public static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> k = asMap(loadAll(dir.resolve("kustomization.yaml")).get(0), "kustomization");
        for (String key : k.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: " + key + " is not supported by this renderer");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : list(k.get("resources"))) {
            Path p = dir.resolve((String) r).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                for (Object doc : loadAll(p)) {
                    if (doc != null) {
                        out.add(asMap(doc, p.toString()));
                    }
                }
            }
        }
        generateConfigMaps(dir, k, out);
        for (Object p : list(k.get("patches"))) {
            applyPatch(asMap(p, "patches"), out);
        }
        if (k.get("namespace") != null) {
            setNamespace((String) k.get("namespace"), out);
        }
        return out;
    }

    private static void generateConfigMaps(Path dir, Map<String, Object> k, List<Map<String, Object>> out) {
        List<Object> generators = list(k.get("configMapGenerator"));
        if (generators.isEmpty()) {
            return;
        }
        Map<String, Object> options = asMap(k.getOrDefault("generatorOptions", Map.of()), "generatorOptions");
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": name suffix hashes are not supported by this renderer");
        }
        for (Object g : generators) {
            Map<String, Object> gen = asMap(g, "configMapGenerator");
            String name = (String) gen.get("name");
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object f : list(gen.get("files"))) {
                String spec = (String) f;
                int eq = spec.indexOf('=');
                String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
                data.put(key, read(dir.resolve(eq < 0 ? spec : spec.substring(eq + 1))));
            }
            String behavior = (String) gen.getOrDefault("behavior", "create");
            Map<String, Object> existing = find(out, "ConfigMap", name);
            switch (behavior) {
                case "create" -> {
                    if (existing != null) {
                        throw new IllegalArgumentException("ConfigMap " + name + " exists already");
                    }
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("apiVersion", "v1");
                    cm.put("kind", "ConfigMap");
                    cm.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                    cm.put("data", data);
                    out.add(cm);
                }
                case "replace", "merge" -> {
                    if (existing == null) {
                        throw new IllegalArgumentException("ConfigMap " + name + " to " + behavior + " does not exist");
                    }
                    Map<String, Object> merged = behavior.equals("merge")
                            ? new LinkedHashMap<>(asMap(existing.get("data"), "data")) : new LinkedHashMap<>();
                    merged.putAll(data);
                    existing.put("data", merged);
                }
                default -> throw new IllegalArgumentException("configMapGenerator behavior " + behavior);
            }
        }
    }

    private static void applyPatch(Map<String, Object> patch, List<Map<String, Object>> out) {
        Map<String, Object> target = asMap(patch.get("target"), "target");
        Map<String, Object> resource = find(out, (String) target.get("kind"), (String) target.get("name"));
        if (resource == null) {
            throw new IllegalArgumentException("patch target " + target + " not found");
        }
        Object ops = new Yaml(new SafeConstructor(new LoaderOptions())).load((String) patch.get("patch"));
        if (!(ops instanceof List<?> opList)) {
            throw new IllegalArgumentException("only JSON 6902 patches (a list of operations) are supported");
        }
        for (Object o : opList) {
            JsonPatch.apply(resource, asMap(o, "patch operation"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void setNamespace(String ns, List<Map<String, Object>> out) {
        for (Map<String, Object> r : out) {
            Map<String, Object> meta = (Map<String, Object>) r.get("metadata");
            if (r.get("kind").equals("Namespace")) {
                meta.put("name", ns);
            } else if (!CLUSTER_SCOPED.contains((String) r.get("kind"))) {
                meta.put("namespace", ns);
            }
            if (r.get("kind").equals("RoleBinding") || r.get("kind").equals("ClusterRoleBinding")) {
                // kustomize's default (setRoleBindingSubjects: defaultOnly) moves only service
                // accounts without a namespace or in "default"; k8s/ patches the others explicitly
                for (Object s : list(r.get("subjects"))) {
                    Map<String, Object> subject = (Map<String, Object>) s;
                    Object sns = subject.get("namespace");
                    if ("ServiceAccount".equals(subject.get("kind")) && (sns == null || sns.equals("default"))) {
                        subject.put("namespace", ns);
                    }
                }
            }
        }
    }

    /** The resource of that kind and name, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        for (Map<String, Object> r : resources) {
            if (kind.equals(r.get("kind")) && name.equals(((Map<String, Object>) r.get("metadata")).get("name"))) {
                return r;
            }
        }
        return null;
    }

    public static List<Object> loadAll(Path file) {
        List<Object> docs = new ArrayList<>();
        for (Object d : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            docs.add(d);
        }
        return docs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(what + ": not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
