package org.contigsim.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line and in scenario files.
 *
 * <p>Accepted: a non-negative number, optionally with a fraction, then optionally a unit:
 * {@code ns us ms s m h d} (case-insensitive), e.g. {@code 500ms}, {@code 90s}, {@code 30m},
 * {@code 6h}, {@code 2d}, {@code 1.5h}. A bare number is seconds. Errors are
 * {@link UsageException}s whose message names the flag or field.
 */
public final class Durations {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    private Durations() {
    }

    /**
     * Parses a duration into nanoseconds.
     *
     * @param flagOrField the flag or field the text came from, used as the error message prefix
     * @throws UsageException if the text is not a duration, is negative, or is too large
     */
    public static long parseNanos(String flagOrField, String text) {
        if (text == null || text.isBlank()) {
            throw new UsageException(flagOrField + ": missing duration (examples: 500ms, 90s, 30m, 6h, 2d)");
        }
        String trimmed = text.strip();
        Matcher m = DURATION.matcher(trimmed);
        if (!m.matches()) {
            if (trimmed.startsWith("-")) {
                throw new UsageException(flagOrField + ": '" + text + "' is negative");
            }
            throw new UsageException(flagOrField + ": '" + text
                    + "' is not a duration (examples: 500ms, 90s, 30m, 6h, 2d)");
        }
        long unit = unit(flagOrField, text, m.group(2));
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (nanos.signum() != 0 && nanos.stripTrailingZeros().scale() > 0) {
            throw new UsageException(flagOrField + ": '" + text + "' is finer than a nanosecond");
        }
        try {
            return nanos.longValueExact();
        } catch (ArithmeticException e) {
            throw new UsageException(flagOrField + ": '" + text + "' is too long");
        }
    }

    private static long unit(String flagOrField, String text, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns":
                return 1;
            case "us":
                return US;
            case "ms":
                return MS;
            case "":
            case "s":
                return S;
            case "m":
                return M;
            case "h":
                return H;
            case "d":
                return D;
            default:
                throw new UsageException(flagOrField + ": '" + text + "' has an unknown unit '" + unit
                        + "' (use ms, s, m, h or d)");
        }
    }
}
