package org.contigsim.scenario;

/**
 * Nanoseconds written back in the duration syntax of {@link org.contigsim.base.Units#nanos}:
 * the largest unit that holds the value exactly, so {@code Units.nanos(format(n)) == n}.
 */
final class DurationText {
    private static final String[] UNITS = {"d", "h", "m", "s", "ms", "us"};
    private static final long[] NANOS = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
        1_000_000_000L, 1_000_000L, 1_000L};

    private DurationText() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (nanos % NANOS[i] == 0) {
                return nanos / NANOS[i] + UNITS[i];
            }
        }
        return nanos + "ns";
    }
}
