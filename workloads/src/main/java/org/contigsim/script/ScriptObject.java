package org.contigsim.script;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.contigsim.base.Units;
import org.contigsim.memory.Pages;

/** One HOCON object of a memory script and its key path, with typed getters that fail with a location. */
final class ScriptObject {
    /** The script's name, for values whose origin names no file. */
    private final String fileName;
    final ConfigObject o;
    final String path;

    ScriptObject(String fileName, ConfigObject o, String path) {
        this.fileName = fileName;
        this.o = o;
        this.path = path;
    }

    /** The object {@code v}, the element {@code p} of a list, or an error saying what was {@code expected}. */
    static ScriptObject element(String fileName, ConfigValue v, String p, String expected) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw new ScriptException(new Script.Where(fileOf(v.origin(), fileName), lineOf(v.origin()), p)
                    .error("expected " + expected + ", got " + typeName(v)));
        }
        return new ScriptObject(fileName, (ConfigObject) v, p);
    }

    /** The file a value comes from ({@code fileName} when its origin names none). */
    static String fileOf(ConfigOrigin o, String fileName) {
        return o != null && o.filename() != null ? o.filename() : fileName;
    }

    static int lineOf(ConfigOrigin o) {
        return o == null || o.lineNumber() < 1 ? 1 : o.lineNumber();
    }

    private static String typeName(ConfigValue v) {
        return v.valueType().name().toLowerCase(Locale.ROOT);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Script.Where where() {
        return new Script.Where(fileOf(o.origin(), fileName), lineOf(o.origin()), path);
    }

    Script.Where where(String key) {
        ConfigValue v = o.get(key);
        ConfigOrigin origin = v != null ? v.origin() : o.origin();
        return new Script.Where(fileOf(origin, fileName), lineOf(origin), child(key));
    }

    ScriptException error(String key, String message) {
        return new ScriptException(where(key).error(message));
    }

    ScriptException missing(String key, String hint) {
        return new ScriptException(new Script.Where(fileOf(o.origin(), fileName), lineOf(o.origin()), child(key))
                .error("missing" + (hint == null ? "" : " (" + hint + ")")));
    }

    boolean has(String key) {
        return o.containsKey(key);
    }

    /** Keys in file order (line, then name), so the first problem reported is the first in the file. */
    List<String> sortedKeys() {
        List<String> keys = new ArrayList<>(o.keySet());
        keys.sort(Comparator.comparingInt((String k) -> lineOf(o.get(k).origin())).thenComparing(k -> k));
        return keys;
    }

    void allowOnly(List<String> allowed, String what) {
        for (String k : sortedKeys()) {
            if (!allowed.contains(k)) {
                throw error(k, "unknown key in " + what + " (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private ConfigValue value(String key, ConfigValueType... types) {
        ConfigValue v = o.get(key);
        if (v == null) {
            throw missing(key, null);
        }
        for (ConfigValueType t : types) {
            if (v.valueType() == t) {
                return v;
            }
        }
        List<String> names = new ArrayList<>();
        for (ConfigValueType t : types) {
            names.add(t == ConfigValueType.OBJECT ? "an " + t.name().toLowerCase(Locale.ROOT)
                    : "a " + t.name().toLowerCase(Locale.ROOT));
        }
        throw error(key, "expected " + String.join(" or ", names) + ", got " + typeName(v));
    }

    ScriptObject object(String key) {
        return new ScriptObject(fileName, (ConfigObject) value(key, ConfigValueType.OBJECT), child(key));
    }

    ConfigList list(String key) {
        return (ConfigList) value(key, ConfigValueType.LIST);
    }

    String string(String key) {
        return (String) value(key, ConfigValueType.STRING).unwrapped();
    }

    /** A string or a number as written (so {@code kernel = 6.15} reads "6.15"). */
    String scalarText(String key) {
        ConfigValue v = value(key, ConfigValueType.STRING, ConfigValueType.NUMBER);
        return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render();
    }

    boolean bool(String key) {
        ConfigValue v = value(key, ConfigValueType.BOOLEAN, ConfigValueType.STRING);
        if (v.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) v.unwrapped();
        }
        String s = (String) v.unwrapped();
        switch (s) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw error(key, "'" + s + "' is not a boolean (true or false)");
        }
    }

    long integer(String key, long min, long max) {
        String text = scalarText(key);
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw error(key, "'" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw error(key, n + " is outside " + min + ".." + (max == Long.MAX_VALUE ? "" : Long.toString(max)));
        }
        return n;
    }

    double fraction(String key) {
        String text = scalarText(key);
        double f;
        try {
            f = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw error(key, "'" + text + "' is not a number");
        }
        if (!(f > 0 && f <= 1)) {
            throw error(key, text + " is not a fraction in (0, 1]");
        }
        return f;
    }

    long bytes(String key) {
        String text = scalarText(key);
        try {
            return Units.bytes(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A size that is a whole number of 4 KiB pages (positive when {@code positive}), in bytes. */
    long pagesBytes(String key, boolean positive) {
        long b = bytes(key);
        if (b % Pages.PAGE_SIZE != 0) {
            throw error(key, "'" + scalarText(key) + "' is not a whole number of 4 KiB pages");
        }
        if (positive && b == 0) {
            throw error(key, "'" + scalarText(key) + "' must be at least one 4 KiB page");
        }
        return b;
    }

    /** A huge page size: a power of two of at least 2 MiB. */
    long hugePageBytes(String key) {
        long b = bytes(key);
        if (b < (2L << 20) || Long.bitCount(b) != 1) {
            throw error(key, "'" + scalarText(key) + "' is not a huge page size (a power of two of at least 2MiB)");
        }
        return b;
    }

    long duration(String key) {
        String text = scalarText(key);
        try {
            return Units.nanos(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }
}
