package org.contigsim.cli;

import org.contigsim.base.Units;
import org.contigsim.runtime.UsageException;

/**
 * Byte sizes given to command-line flags, in {@link Units}' syntax. Errors are
 * {@link UsageException}s whose message names the flag.
 */
public final class Sizes {
    /** The simulated page frame: 4 KiB. */
    public static final long PAGE_SIZE = 4096;

    private Sizes() {
    }

    /**
     * Parses a size in bytes.
     *
     * @param flagOrField the flag or field the text came from, used as the error message prefix
     * @throws UsageException if the text is not a size or not a whole number of bytes
     */
    public static long parseBytes(String flagOrField, String text) {
        try {
            return Units.bytes(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flagOrField + ": " + e.getMessage());
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

    /** A byte count in the largest unit that represents it exactly: {@code 8GiB}, {@code 4KiB}, {@code 12345B}. */
    public static String format(long bytes) {
        return Units.format(bytes);
    }
}
