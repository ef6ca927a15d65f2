package org.contigsim.cli;

import org.contigsim.base.Units;
import org.contigsim.runtime.UsageException;

/**
 * Durations given to command-line flags, in {@link Units}' syntax (a bare number is seconds).
 * Errors are {@link UsageException}s whose message names the flag.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Parses a duration into nanoseconds.
     *
     * @param flagOrField the flag or field the text came from, used as the error message prefix
     * @throws UsageException if the text is not a duration, is negative, or is too large
     */
    public static long parseNanos(String flagOrField, String text) {
        try {
            return Units.nanos(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flagOrField + ": " + e.getMessage());
        }
    }
}
