package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replicas' confidence intervals: t quantiles against SciPy's {@code t.ppf}, and mean &plusmn; t s / &radic;n. */
class IntervalTest {

    @ParameterizedTest(name = "t(0.975, {0}) = {1}")
    @CsvSource({
        "1, 12.706204736174694",
        "2, 4.302652729749462",
        "3, 3.1824463052837078",
        "4, 2.7764451051977934",
        "9, 2.262157162798205",
        "19, 2.0930240544083087",
        "29, 2.045229642132703",
        "30, 2.0422724563012378",
        "120, 1.9799304050824402",
        "1000, 1.9623390808264083"
    })
    void shouldUseTheTwoSided95PercentQuantiles(int df, double expected) {
        assertEquals(expected, Interval.t975(df), 1e-12);
    }

    @Test
    void shouldPutTheIntervalAtTheMeanPlusMinusTTimesTheStandardError() {
        Interval i = Interval.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3, i.mean(), 1e-12);
        assertEquals(3 - 1.9632431614775572, i.low(), 1e-9, "t(0.975, 4) sqrt(2.5 / 5)");
        assertEquals(3 + 1.9632431614775572, i.high(), 1e-9);
        assertEquals(5, i.n());
        Interval two = Interval.of(new double[] {10, 11});
        assertEquals(10.5 - 6.353102368087349, two.low(), 1e-9, "t(0.975, 1) sqrt(0.5 / 2)");
        assertEquals(new Interval(7, 7, 7, 3), Interval.of(new double[] {7, 7, 7}), "no spread, no width");
        assertThrows(IllegalArgumentException.class, () -> Interval.of(new double[] {1}));
    }
}
