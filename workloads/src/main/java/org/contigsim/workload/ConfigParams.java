package org.contigsim.workload;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A background spec's parameters ({@link Workloads#fromSpec}). The spec is written by
 * {@link Background#spec()}, so errors here mean a hand-written or damaged spec: they are
 * IllegalArgumentExceptions naming the key path, without file positions.
 */
final class ConfigParams implements ParamSource {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ConfigObject object;
    private final String path;

    ConfigParams(ConfigObject object, String path) {
        this.object = object;
        this.path = path;
    }

    private String child(String key) {
        String quoted = ConfigUtil.joinPath(key);
        return path.isEmpty() ? quoted : path + "." + quoted;
    }

    private IllegalArgumentException error(String key, String message) {
        return new IllegalArgumentException("background spec: " + child(key) + ": " + message);
    }

    @Override
    public void allowOnly(List<String> known) {
        for (String key : new TreeSet<>(object.keySet())) {
            if (!known.contains(key)) {
                throw error(key, "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    @Override
    public boolean has(String key) {
        return object.containsKey(key);
    }

    @Override
    public ParamSource block(String key) {
        ConfigValue v = object.get(key);
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw error(key, "expected an object");
        }
        return new ConfigParams((ConfigObject) v, child(key));
    }

    /** The value's text: strings as written, numbers as rendered; anything else is an error. */
    private String text(String key, String expected) {
        ConfigValue v = object.get(key);
        if (v.valueType() == ConfigValueType.STRING) {
            return ((String) v.unwrapped()).strip();
        }
        if (v.valueType() == ConfigValueType.NUMBER) {
            return v.render();
        }
        throw error(key, "expected " + expected + ", found " + v.valueType().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public double number(String key, double defaultValue, double min, double max) {
        if (!has(key)) {
            return defaultValue;
        }
        String t = text(key, "a number");
        if (!DECIMAL.matcher(t).matches()) {
            throw error(key, "expected a number, found '" + t + "'");
        }
        double d = Double.parseDouble(t) + 0.0;
        if (d < min || d > max) {
            throw error(key, t + " is out of range (" + Numbers.plain(min) + " to " + Numbers.plain(max) + ")");
        }
        return d;
    }

    @Override
    public int whole(String key, int defaultValue, int min, int max) {
        if (!has(key)) {
            return defaultValue;
        }
        String t = text(key, "a whole number");
        if (!WHOLE.matcher(t).matches() || t.length() > 10 || Long.parseLong(t) < min || Long.parseLong(t) > max) {
            throw error(key, "expected a whole number from " + min + " to " + max + ", found '" + t + "'");
        }
        return Integer.parseInt(t);
    }

    @Override
    public String choice(String key, String defaultValue, List<String> known, String what) {
        if (!has(key)) {
            return defaultValue;
        }
        String t = text(key, what);
        if (!known.contains(t)) {
            throw error(key, "'" + t + "' is not " + what + " (known: " + String.join(", ", known) + ")");
        }
        return t;
    }

    @Override
    public Distribution sizes(String key, Distribution defaultValue, long minBytes, long maxBytes) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return Distribution.parseSize(text(key, "a size distribution"), minBytes, maxBytes);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("background spec: ") ? e : error(key, e.getMessage());
        }
    }

    @Override
    public FolioMix folios(String key, FolioMix defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return FolioMix.parse(text(key, "a folio mix"));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("background spec: ") ? e : error(key, e.getMessage());
        }
    }

    @Override
    public BackgroundTrace trace(String fileKey, String hashKey) {
        String file = text(fileKey, "a file name");
        if (!Path.of(file).isAbsolute()) {
            throw error(fileKey, "'" + file + "' is not an absolute path (a spec names its trace absolutely)");
        }
        if (!has(hashKey)) {
            throw error(hashKey, "missing (a spec gives the trace's SHA-256)");
        }
        String hash = text(hashKey, "a SHA-256");
        if (!SHA256.matcher(hash).matches()) {
            throw error(hashKey, "'" + hash + "' is not a SHA-256 (64 lower-case hex digits)");
        }
        return BackgroundTrace.load(file, hash);
    }

    @Override
    public RuntimeException problem(String message) {
        return new IllegalArgumentException("background spec: " + (path.isEmpty() ? "" : path + ": ") + message);
    }
}
