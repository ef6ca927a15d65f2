package org.contigsim.k8s;

import java.util.List;
import java.util.Map;

/** RFC 6902 {@code replace} and {@code add} on a YAML tree (mutable maps and lists), as kustomize applies them. */
final class JsonPatch {
    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> doc, Map<String, Object> op) {
        String kind = (String) op.get("op");
        String path = (String) op.get("path");
        Object value = op.get("value");
        String[] tokens = path.substring(1).split("/", -1);
        Object parent = doc;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]), path);
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (kind.equals("replace") && !map.containsKey(last)) {
                throw new IllegalArgumentException(path + ": nothing to replace");
            }
            if (!kind.equals("replace") && !kind.equals("add")) {
                throw new IllegalArgumentException(kind + ": unsupported operation");
            }
            map.put(last, value);
        } else if (parent instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if (kind.equals("add")) {
                list.add(last.equals("-") ? list.size() : index(last, list.size() + 1, path), value);
            } else if (kind.equals("replace")) {
                list.set(index(last, list.size(), path), value);
            } else {
                throw new IllegalArgumentException(kind + ": unsupported operation");
            }
        } else {
            throw new IllegalArgumentException(path + ": parent is not a mapping or list");
        }
    }

    private static Object child(Object node, String token, String path) {
        if (node instanceof Map<?, ?> m && m.containsKey(token)) {
            return m.get(token);
        }
        if (node instanceof List<?> l) {
            return l.get(index(token, l.size(), path));
        }
        throw new IllegalArgumentException(path + ": no " + token);
    }

    private static int index(String token, int size, String path) {
        int i = Integer.parseInt(token);
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException(path + ": index " + i + " out of range");
        }
        return i;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
