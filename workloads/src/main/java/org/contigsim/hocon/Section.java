package org.contigsim.hocon;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One HOCON object of a scenario, run plan or memory script ({@code host}, {@code jobs}, a step or
 * the file itself) and its key path. A section the file leaves out is empty, so every key of it
 * takes its default.
 */
public final class Section {
    private final ConfigObject object;
    private final String path;
    /** The scenario file, for keys that have no origin of their own (missing or defaulted ones). */
    private final String file;

    private Section(ConfigObject object, String path, String file) {
        this.object = object;
        this.path = path;
        this.file = file;
    }

    public static Section root(ConfigObject root, String file) {
        return new Section(root, "", file);
    }

    /** The key path of {@code key}; a key that needs them gets quotes, so {@code "a.b"} is not read as a path. */
    public String child(String key) {
        String quoted = ConfigUtil.joinPath(key);
        return path.isEmpty() ? quoted : path + "." + quoted;
    }

    public boolean has(String key) {
        return object != null && object.containsKey(key);
    }

    private Location where(String key) {
        return Location.of(object.get(key).origin(), file, child(key));
    }

    /** Where this object is written (the file and its path, without a line when the file leaves it out). */
    public Location location() {
        return object == null ? new Location(file, 0, path) : Location.of(object.origin(), file, path);
    }

    /** Where {@code key} is written, or this object's place when the file leaves the key out. */
    public Location at(String key) {
        return has(key) ? where(key) : location();
    }

    /** Fails on the first key, in file order, that is not in {@code known}. */
    public void allowOnly(List<String> known) {
        if (object == null) {
            return;
        }
        List<String> sortedKnown = new ArrayList<>(known);
        sortedKnown.sort(null);
        for (String key : keysInFileOrder()) {
            if (!known.contains(key)) {
                throw where(key).problem("unknown key (known: " + String.join(", ", sortedKnown) + ")");
            }
        }
    }

    /** The nested object {@code key}; an empty section when the file leaves it out. */
    public Section section(String key) {
        if (!has(key)) {
            return new Section(null, child(key), file);
        }
        ConfigValue v = object.get(key);
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw where(key).problem("expected an object, found " + Field.describe(v));
        }
        return new Section((ConfigObject) v, child(key), file);
    }

    /** The scalar {@code key}, or {@code defaultText} when the file leaves it out. */
    public Field field(String key, String expected, String defaultText) {
        if (!has(key)) {
            return Field.ofDefault(defaultText, new Location(file, 0, child(key)));
        }
        return Field.of(object.get(key), where(key), expected);
    }

    /** The scalar {@code key}, which the file must give; {@code meaning} tells a reader what it is. */
    public Field required(String key, String expected, String meaning) {
        if (!has(key)) {
            throw new Location(file, 0, child(key)).problem("missing (" + meaning + ")");
        }
        return Field.of(object.get(key), where(key), expected);
    }

    /** This object's keys in file order; none when the file leaves the section out. */
    public List<String> keys() {
        return object == null ? List.of() : keysInFileOrder();
    }

    /**
     * The elements of the list {@code key}, each at its own line under the path {@code key[i]};
     * null when the file leaves the key out. {@code expected} says what the list should be.
     */
    public List<Element> list(String key, String expected) {
        if (!has(key)) {
            return null;
        }
        ConfigValue v = object.get(key);
        if (v.valueType() != ConfigValueType.LIST) {
            throw where(key).problem("expected " + expected + ", found " + Field.describe(v));
        }
        List<Element> out = new ArrayList<>();
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            out.add(new Element(list.get(i), child(key) + "[" + i + "]", file));
        }
        return out;
    }

    /** One element of a list ({@link #list}): a block or a scalar, at {@code path}. */
    public record Element(ConfigValue value, String path, String file) {
        public boolean isObject() {
            return value.valueType() == ConfigValueType.OBJECT;
        }

        /** The element as a block. */
        public Section section() {
            return new Section((ConfigObject) value, path, file);
        }

        /** The element as a block, or a problem saying it should be {@code expected}. */
        public Section section(String expected) {
            if (!isObject()) {
                throw Location.of(value.origin(), file, path).problem("expected " + expected + ", found "
                        + Field.describe(value));
            }
            return section();
        }

        /** The element as a scalar; {@code expected} names what it should be. */
        public Field field(String expected) {
            return Field.of(value, Location.of(value.origin(), file, path), expected);
        }
    }

    /** Whether {@code key} is given as an object (a block) rather than a value. */
    public boolean isObject(String key) {
        return has(key) && object.get(key).valueType() == ConfigValueType.OBJECT;
    }

    /** A problem with {@code key} as a whole: at its line, or without one when it is left out. */
    public InputException problem(String key, String message) {
        return (has(key) ? where(key) : new Location(file, 0, child(key))).problem(message);
    }

    /** Keys by line, then name, so the first problem reported is the first one in the file. */
    private List<String> keysInFileOrder() {
        List<String> keys = new ArrayList<>(object.keySet());
        keys.sort(Comparator.comparingInt((String k) -> lineOf(object.get(k).origin())).thenComparing(k -> k));
        return keys;
    }

    private static int lineOf(ConfigOrigin o) {
        return o == null ? 0 : o.lineNumber();
    }
}
