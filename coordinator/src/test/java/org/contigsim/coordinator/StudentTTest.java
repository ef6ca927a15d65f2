package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The t quantiles behind the replicas' confidence intervals, against SciPy's {@code t.ppf} and closed forms. */
class StudentTTest {

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
    void shouldGiveTheTwoSided95PercentQuantiles(int df, double expected) {
        assertEquals(expected, StudentT.quantile(0.975, df), 1e-9);
        assertEquals(-expected, StudentT.quantile(0.025, df), 1e-9);
    }

    @Test
    void shouldGiveOtherQuantilesAndTheDistributionFunction() {
        assertEquals(6.313751514675037, StudentT.quantile(0.95, 1), 1e-9);
        assertEquals(2.997951566868529, StudentT.quantile(0.99, 7), 1e-9);
        assertEquals(3.16927267261695, StudentT.quantile(0.995, 10), 1e-9);
        assertEquals(0.5, StudentT.cdf(0, 5), 1e-15);
        assertEquals(0.75, StudentT.cdf(1, 1), 1e-12, "Cauchy: 1/2 + atan(1)/pi");
        assertEquals(0.9082482904638631, StudentT.cdf(2, 2), 1e-12, "1/2 + t / (2 sqrt(2 + t^2))");
        assertEquals(1 - 0.9082482904638631, StudentT.cdf(-2, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.975, 0));
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
