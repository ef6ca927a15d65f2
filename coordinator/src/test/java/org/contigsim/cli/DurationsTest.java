package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.contigsim.runtime.UsageException;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "0s, 0",
        "500ms, 500000000",
        "90s, 90000000000",
        "90, 90000000000",
        "30m, 1800000000000",
        "6h, 21600000000000",
        "2d, 172800000000000",
        "1.5h, 5400000000000",
        "250us, 250000",
        "7ns, 7",
        "' 10 S ', 10000000000",
    })
    void parsesNanos(String text, long expected) {
        assertEquals(expected, Durations.parseNanos("--duration", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "s", "-1s", "-5", "10x", "1.5ns", "5 min", "1e3s", "999999999d"})
    void rejectsBadDurations(String text) {
        UsageException e = assertThrows(UsageException.class, () -> Durations.parseNanos("--duration", text));
        assertTrue(e.getMessage().startsWith("--duration: "), e.getMessage());
    }

    @Test
    void negativeSaysNegative() {
        UsageException e = assertThrows(UsageException.class, () -> Durations.parseNanos("--duration", "-3s"));
        assertEquals("--duration: '-3s' is negative", e.getMessage());
    }
}
