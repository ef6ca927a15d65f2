package org.contigsim.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes on the command line and in scenario files.
 *
 * <p>Accepted: a non-negative number, optionally with a fraction, then optionally a unit:
 * {@code B}, or the binary units {@code KiB MiB GiB TiB} or their short forms {@code K M G T}
 * (same powers of 1024), case-insensitive, e.g. {@code 4096}, {@code 4KiB}, {@code 512MiB},
 * {@code 8g}, {@code 1.5GiB}. Decimal SI units ({@code KB}, {@code MB}...) are rejected because
 * they are ambiguous. Errors are {@link UsageException}s whose message names the flag or field.
 */
public final class Sizes {
    /** The simulated page frame: 4 KiB. */
    public static final long PAGE_SIZE = 4096;

    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    private Sizes() {
    }

    /**
     * Parses a size in bytes.
     *
     * @param flagOrField the flag or field the text came from, used as the error message prefix
     *                    (e.g. {@code --memory}, {@code scenario.conf:12: steps[3].size})
     * @throws UsageException if the text is not a size or not a whole number of bytes
     */
    public static long parseBytes(String flagOrField, String text) {
        if (text == null || text.isBlank()) {
            throw new UsageException(flagOrField + ": missing size (examples: 4096, 4KiB, 512MiB, 8GiB)");
        }
        String trimmed = text.strip();
        Matcher m = SIZE.matcher(trimmed);
        if (!m.matches()) {
            if (trimmed.startsWith("-")) {
                throw new UsageException(flagOrField + ": '" + text + "' is negative");
            }
            throw new UsageException(flagOrField + ": '" + text
                    + "' is not a size (examples: 4096, 4KiB, 512MiB, 8GiB, 1.5TiB)");
        }
        long unit = unit(flagOrField, text, m.group(2));
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() != 0 && bytes.stripTrailingZeros().scale() > 0) {
            throw new UsageException(flagOrField + ": '" + text + "' is not a whole number of bytes");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new UsageException(flagOrField + ": '" + text + "' is too large");
        }
    }

    /**
     * Parses a size that must be a positive whole number of 4 KiB pages, and returns it in
     * <em>bytes</em>.
     *
     * @throws UsageException if the text is not a size, is zero, or is not page-aligned
     */
    public static long parsePages(String flagOrField, String text) {
        long bytes = parseBytes(flagOrField, text);
        if (bytes == 0) {
            throw new UsageException(flagOrField + ": '" + text + "' must be at least one 4 KiB page");
        }
        if (bytes % PAGE_SIZE != 0) {
            throw new UsageException(flagOrField + ": '" + text + "' is not a whole number of 4 KiB pages");
        }
        return bytes;
    }

    /**
     * Formats a byte count in the largest unit that represents it exactly:
     * {@code 8GiB}, {@code 512MiB}, {@code 4KiB}, {@code 12345B}, {@code 0B}.
     */
    public static String format(long bytes) {
        if (bytes != 0) {
            if (bytes % TIB == 0) {
                return bytes / TIB + "TiB";
            }
            if (bytes % GIB == 0) {
                return bytes / GIB + "GiB";
            }
            if (bytes % MIB == 0) {
                return bytes / MIB + "MiB";
            }
            if (bytes % KIB == 0) {
                return bytes / KIB + "KiB";
            }
        }
        return bytes + "B";
    }

    private static long unit(String flagOrField, String text, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                return 1;
            case "k":
            case "kib":
                return KIB;
            case "m":
            case "mib":
                return MIB;
            case "g":
            case "gib":
                return GIB;
            case "t":
            case "tib":
                return TIB;
            case "kb":
            case "mb":
            case "gb":
            case "tb":
                throw new UsageException(flagOrField + ": '" + text + "': use binary units (KiB, MiB, GiB, TiB), not "
                        + unit);
            default:
                throw new UsageException(flagOrField + ": '" + text + "' has an unknown unit '" + unit
                        + "' (use B, KiB, MiB, GiB or TiB)");
        }
    }
}
