package org.contigsim.script;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations in scripts, with the command line's syntax: a non-negative number,
 * optionally with a fraction, then a unit. Sizes: {@code B}, {@code KiB MiB GiB TiB} or
 * {@code K M G T} (powers of 1024), case-insensitive; a bare number is bytes. Durations:
 * {@code ns us ms s m h d}; a bare number is seconds. Errors are IllegalArgumentExceptions whose
 * message the parser prefixes with the place.
 */
final class Units {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    private Units() {
    }

    static long bytes(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        long unit = m.matches() ? sizeUnit(m.group(2)) : -1;
        if (unit < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 4096, 4KiB, 2MiB, 1GiB)");
        }
        return exact(text, new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), "a whole number of bytes");
    }

    static long nanos(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        long unit = m.matches() ? timeUnit(m.group(2)) : -1;
        if (unit < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 90s, 30m, 6h, 2d)");
        }
        return exact(text, new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), "a whole number of nanoseconds");
    }

    private static long exact(String text, BigDecimal v, String what) {
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    private static long sizeUnit(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                return 1;
            case "k":
            case "kib":
                return 1L << 10;
            case "m":
            case "mib":
                return 1L << 20;
            case "g":
            case "gib":
                return 1L << 30;
            case "t":
            case "tib":
                return 1L << 40;
            default:
                return -1;
        }
    }

    private static long timeUnit(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns":
                return 1;
            case "us":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "":
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            case "d":
                return 86_400_000_000_000L;
            default:
                return -1;
        }
    }

    /** A byte count in the largest binary unit that represents it exactly ({@code 2MiB}, {@code 12KiB}, {@code 100B}). */
    static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return bytes + "B";
    }
}
