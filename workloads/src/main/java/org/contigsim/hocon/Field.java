package org.contigsim.hocon;

import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import org.contigsim.base.Labelled;
import org.contigsim.base.Units;

/**
 * One scalar of a scenario, run plan or script, as written in the file or as its default, with typed readings that
 * fail with the value's location. Numbers may be written bare or quoted ({@code hosts = "16"}), as
 * everywhere in contigsim's HOCON, so every reading starts from the text.
 */
public final class Field {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final Location at;
    private final String text;
    /** How an error quotes the value: strings in quotes, so {@code found "many"} reads as a string. */
    private final String quoted;
    private final boolean isDefault;

    private Field(Location at, String text, String quoted, boolean isDefault) {
        this.at = at;
        this.text = text;
        this.quoted = quoted;
        this.isDefault = isDefault;
    }

    /** The value {@code v}, which must be a string, a number or a boolean; {@code expected} names what it should be. */
    public static Field of(ConfigValue v, Location at, String expected) {
        if (v.valueType() == ConfigValueType.STRING) {
            String s = (String) v.unwrapped();
            return new Field(at, s.strip(), ConfigUtil.quoteString(s), false);
        }
        if (v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.BOOLEAN) {
            return new Field(at, v.render(), v.render(), false);
        }
        throw at.problem("expected " + expected + ", found " + describe(v));
    }

    /** The default {@code text} of a key that the file leaves out. */
    public static Field ofDefault(String text, Location at) {
        return new Field(at, text, ConfigUtil.quoteString(text), true);
    }

    /** A value as error messages show what was found: strings quoted, containers by their kind. */
    public static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> ConfigUtil.quoteString((String) v.unwrapped());
            case NUMBER, BOOLEAN -> v.render();
            case NULL -> "null";
            case LIST -> "a list";
            case OBJECT -> "an object";
        };
    }

    public String text() {
        return text;
    }

    /** Where the value is written (for a default: the file and the key, without a line). */
    public Location at() {
        return at;
    }

    /** The value as type errors show it: a string in quotes. */
    public String quoted() {
        return quoted;
    }

    /** Where the value is written: a file name in it is relative to that file. */
    public Location location() {
        return at;
    }

    /** The value as range errors show it; a default says so, since the file does not show it. */
    public String shown() {
        return isDefault ? "default " + text : text;
    }

    public InputException error(String message) {
        return at.problem(message);
    }

    public InputException outOfRange(String from, String to) {
        return error(shown() + " is out of range (" + from + " to " + to + ")");
    }

    public long whole(long min, long max) {
        if (!WHOLE.matcher(text).matches()) {
            throw error("expected a whole number, found " + quoted);
        }
        BigInteger n = new BigInteger(text);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw outOfRange(Long.toString(min), Long.toString(max));
        }
        return n.longValueExact();
    }

    /** A finite decimal number in {@code [min, max]}; {@code -0} reads as 0 so equal files give equal records. */
    public double decimal(double min, double max) {
        if (!DECIMAL.matcher(text).matches()) {
            throw error("expected a number, found " + quoted);
        }
        double d = Double.parseDouble(text) + 0.0;
        if (d < min || d > max) {
            throw outOfRange(plain(min), plain(max));
        }
        return d;
    }

    /** A switch: {@code true}/{@code false}, bare or quoted, or {@code yes}/{@code no}, {@code on}/{@code off}. */
    public boolean bool() {
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, found " + quoted);
        };
    }

    public long bytes() {
        try {
            return Units.bytes(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    public long nanos() {
        try {
            return Units.nanos(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The value when it is one of {@code known}; {@code what} names the kind of thing for the error. */
    public String oneOf(List<String> known, String what) {
        if (!known.contains(text)) {
            throw error(quoted + " is not " + what + " (known: " + String.join(", ", known) + ")");
        }
        return text;
    }

    /**
     * The value as one of the closed set {@code known}, looked up by its label; {@code what} names
     * the kind of thing, and the error lists the set's labels.
     */
    public <T extends Labelled> T oneOf(T[] known, String what) {
        return Labelled.find(text, known).orElseThrow(() -> error(quoted + " is not " + what + " (known: "
                + String.join(", ", Labelled.labels(known)) + ")"));
    }

    private static String plain(double d) {
        return new BigDecimal(d).stripTrailingZeros().toPlainString();
    }
}
