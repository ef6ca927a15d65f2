package org.contigsim.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void shouldReadSizesInBinaryUnits() {
        assertEquals(4096, Units.bytes("4096"));
        assertEquals(4096, Units.bytes("4KiB"));
        assertEquals(2L << 20, Units.bytes("2m"));
        assertEquals(3L << 29, Units.bytes("1.5GiB"));
        assertEquals(1L << 40, Units.bytes("1 TiB"));
    }

    @Test
    void shouldReadDurations() {
        assertEquals(500_000_000L, Units.nanos("500ms"));
        assertEquals(90_000_000_000L, Units.nanos("90"));
        assertEquals(6 * 3_600_000_000_000L, Units.nanos("6h"));
        assertEquals(5_400_000_000_000L, Units.nanos("1.5h"));
    }

    @Test
    void shouldSayWhatIsWrongWithABadValue() {
        assertEquals("'8GB': use binary units (KiB, MiB, GiB, TiB), not GB",
                assertThrows(IllegalArgumentException.class, () -> Units.bytes("8GB")).getMessage());
        assertEquals("'-1' is negative", assertThrows(IllegalArgumentException.class, () -> Units.bytes("-1")).getMessage());
        assertEquals("'0.5' is not a whole number of bytes",
                assertThrows(IllegalArgumentException.class, () -> Units.bytes("0.5")).getMessage());
        assertEquals("'2 weeks' has an unknown unit 'weeks' (use ms, s, m, h or d)",
                assertThrows(IllegalArgumentException.class, () -> Units.nanos("2 weeks")).getMessage());
        assertEquals("'99999999999TiB' is too large",
                assertThrows(IllegalArgumentException.class, () -> Units.bytes("99999999999TiB")).getMessage());
    }

    @Test
    void shouldFormatInTheLargestExactUnit() {
        assertEquals("8GiB", Units.format(8L << 30));
        assertEquals("12KiB", Units.format(12 * 1024));
        assertEquals("100B", Units.format(100));
        assertEquals("0B", Units.format(0));
    }
}
