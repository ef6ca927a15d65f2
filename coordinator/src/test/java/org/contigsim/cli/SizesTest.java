package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.contigsim.runtime.UsageException;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "4096, 4096",
        "12345, 12345",
        "12345B, 12345",
        "4KiB, 4096",
        "4k, 4096",
        "4 KiB, 4096",
        "512MiB, 536870912",
        "512m, 536870912",
        "8GiB, 8589934592",
        "8gib, 8589934592",
        "8G, 8589934592",
        "1TiB, 1099511627776",
        "1T, 1099511627776",
        "1.5GiB, 1610612736",
        "0.5KiB, 512",
        "' 2MiB ', 2097152",
    })
    void parsesBytes(String text, long expected) {
        assertEquals(expected, Sizes.parseBytes("--memory", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "GiB", "-1", "-4KiB", "1.5", "0.3KiB", "4KB", "4MB", "4XiB",
        "1..5G", "1e3", "4 Ki B", "9999999TiB", "99999999999999999999"})
    void rejectsBadSizes(String text) {
        UsageException e = assertThrows(UsageException.class, () -> Sizes.parseBytes("--memory", text));
        assertTrue(e.getMessage().startsWith("--memory: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void nullIsMissing() {
        UsageException e = assertThrows(UsageException.class, () -> Sizes.parseBytes("--memory", null));
        assertTrue(e.getMessage().startsWith("--memory: missing"), e.getMessage());
    }

    @Test
    void parsesPages() {
        assertEquals(4096, Sizes.parsePages("--memory", "4KiB"));
        assertEquals(8L << 30, Sizes.parsePages("--memory", "8GiB"));
        assertEquals(8192, Sizes.parsePages("--memory", "8192"));
    }

    @Test
    void pagesMustBeWholePages() {
        UsageException e = assertThrows(UsageException.class, () -> Sizes.parsePages("--memory", "8.5KiB"));
        assertEquals("--memory: '8.5KiB' is not a whole number of 4 KiB pages", e.getMessage());
        assertThrows(UsageException.class, () -> Sizes.parsePages("--memory", "4095"));
        assertThrows(UsageException.class, () -> Sizes.parsePages("--memory", "2KiB"));
    }

    @Test
    void pagesMustBePositive() {
        UsageException e = assertThrows(UsageException.class,
                () -> Sizes.parsePages("scenario.conf:12: steps[3].size", "0"));
        assertTrue(e.getMessage().startsWith("scenario.conf:12: steps[3].size: '0' "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0B",
        "1, 1B",
        "12345, 12345B",
        "4096, 4KiB",
        "6144, 6KiB",
        "536870912, 512MiB",
        "1610612736, 1536MiB",
        "8589934592, 8GiB",
        "1099511627776, 1TiB",
        "-4096, -4KiB",
    })
    void formats(long bytes, String expected) {
        assertEquals(expected, Sizes.format(bytes));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4095, 4096, 12345, 1L << 20, 3L << 30, 1L << 40, 7L << 40, Long.MAX_VALUE >> 12})
    void formatRoundTrips(long bytes) {
        assertEquals(bytes, Sizes.parseBytes("x", Sizes.format(bytes)));
    }
}
