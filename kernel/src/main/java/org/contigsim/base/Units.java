package org.contigsim.base;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations as users write them, on the command line and in scenario and script
 * files: a non-negative number, optionally with a fraction, then optionally a unit.
 * <ul>
 *   <li>Sizes: {@code B}, the binary units {@code KiB MiB GiB TiB} or their short forms
 *       {@code K M G T} (the same powers of 1024), case-insensitive; a bare number is bytes.
 *       Decimal SI units ({@code KB}, {@code MB}...) are rejected as ambiguous.</li>
 *   <li>Durations: {@code ns us ms s m h d}; a bare number is seconds.</li>
 * </ul>
 * Errors are IllegalArgumentExceptions whose message says what is wrong with the text; callers
 * prefix the flag or {@code FILE:LINE: key}.
 */
public final class Units {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
    private static final String SIZE_EXAMPLES = "examples: 4096, 4KiB, 512MiB, 8GiB, 1.5TiB";
    private static final String DURATION_EXAMPLES = "examples: 500ms, 90s, 30m, 6h, 2d";

    private Units() {
    }

    /** A size in bytes. */
    public static long bytes(String text) {
        Matcher m = match(text, "size", SIZE_EXAMPLES);
        BigDecimal v = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(sizeUnit(text, m.group(2))));
        return exact(text, v, "is not a whole number of bytes", "is too large");
    }

    /** A duration in nanoseconds. */
    public static long nanos(String text) {
        Matcher m = match(text, "duration", DURATION_EXAMPLES);
        BigDecimal v = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(timeUnit(text, m.group(2))));
        return exact(text, v, "is finer than a nanosecond", "is too long");
    }

    /** A byte count in the largest binary unit that represents it exactly: {@code 8GiB}, {@code 12KiB}, {@code 100B}. */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return bytes + "B";
    }

    private static Matcher match(String text, String what, String examples) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing " + what + " (" + examples + ")");
        }
        String trimmed = text.strip();
        Matcher m = NUMBER_UNIT.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(trimmed.startsWith("-")
                    ? "'" + text + "' is negative"
                    : "'" + text + "' is not a " + what + " (" + examples + ")");
        }
        return m;
    }

    private static long exact(String text, BigDecimal v, String fractional, String tooLarge) {
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' " + fractional);
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' " + tooLarge);
        }
    }

    private static long sizeUnit(String text, String unit) {
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
            case "kb":
            case "mb":
            case "gb":
            case "tb":
                throw new IllegalArgumentException("'" + text + "': use binary units (KiB, MiB, GiB, TiB), not " + unit);
            default:
                throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit
                        + "' (use B, KiB, MiB, GiB or TiB)");
        }
    }

    private static long timeUnit(String text, String unit) {
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
                throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit
                        + "' (use ms, s, m, h or d)");
        }
    }
}
