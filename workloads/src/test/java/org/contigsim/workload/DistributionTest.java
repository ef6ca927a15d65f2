package org.contigsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.contigsim.base.Rng;

/** Size distributions: their text, their checks, and seeded samples with the right moments. */
class DistributionTest {
    private static final long MIB = 1 << 20;
    private static final int N = 200_000;

    private static Distribution parse(String text) {
        return Distribution.parseSize(text, 1, Distribution.MAX_BYTES);
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Distribution.parseSize(text, 4096, 1L << 30))
                .getMessage();
    }

    @Test
    void shouldReadEveryFormAndWriteItBackCanonically() {
        assertEquals(new Distribution.Fixed(64 * MIB), parse("64MiB"));
        assertEquals(new Distribution.Fixed(64 * MIB), parse(" fixed( 67108864 ) "));
        assertEquals(new Distribution.Uniform(4096, MIB), parse("uniform(4KiB,1MiB)"));
        assertEquals(new Distribution.Exponential(64 * MIB), parse("exponential(64MiB)"));
        assertEquals(new Distribution.LogNormal(MIB, 1.5), parse("lognormal(1MiB, 1.5)"));
        for (String canonical : new String[] {"64MiB", "uniform(4KiB, 1MiB)", "exponential(64MiB)",
            "lognormal(1MiB, 1.5)", "lognormal(1000B, 0)", "0B"}) {
            assertEquals(canonical, Distribution.parseSize(canonical, 0, Distribution.MAX_BYTES).toString());
        }
        assertEquals("64MiB", parse("fixed(64MiB)").toString());
    }

    @Test
    void shouldSayWhatIsWrongWithTheText() {
        assertEquals("'often' is not a size (expected a size, fixed(SIZE), uniform(MIN, MAX), exponential(MEAN) or "
                + "lognormal(MEDIAN, SIGMA); examples: 4096, 4KiB, 512MiB, 8GiB, 1.5TiB)", error("often"));
        assertEquals("'poisson(1MiB)': unknown distribution 'poisson' (expected a size, fixed(SIZE), uniform(MIN, MAX), "
                + "exponential(MEAN) or lognormal(MEDIAN, SIGMA))", error("poisson(1MiB)"));
        assertEquals("'uniform(1MiB)': expected uniform(MIN, MAX)", error("uniform(1MiB)"));
        assertEquals("'uniform(2MiB, 1MiB)': the maximum is below the minimum", error("uniform(2MiB, 1MiB)"));
        assertEquals("'exponential(1MB)': '1MB': use binary units (KiB, MiB, GiB, TiB), not MB", error("exponential(1MB)"));
        assertEquals("'exponential(2GiB)': 2GiB is out of range (4KiB to 1GiB)", error("exponential(2GiB)"));
        assertEquals("1KiB is out of range (4KiB to 1GiB)", error("1KiB"));
        assertEquals("'lognormal(1MiB, wide)': sigma 'wide' is not a number", error("lognormal(1MiB, wide)"));
        assertEquals("'lognormal(1MiB, 11)': sigma 11 is out of range (0 to 10)", error("lognormal(1MiB, 11)"));
    }

    @Test
    void shouldNotDrawForAFixedSize() {
        Rng a = new Rng(5);
        Rng b = new Rng(5);
        assertEquals(4096.0, new Distribution.Fixed(4096).sample(a));
        assertEquals(b.nextLong(), a.nextLong(), "a fixed size leaves the stream where it was");
    }

    @Test
    void shouldSampleTheSameValuesFromTheSameSeed() {
        for (Distribution d : new Distribution[] {parse("uniform(4KiB, 1GiB)"), parse("exponential(64MiB)"),
            parse("lognormal(1MiB, 2)")}) {
            assertEquals(Arrays.toString(samples(d, 3, 50)), Arrays.toString(samples(d, 3, 50)));
            assertTrue(!Arrays.equals(samples(d, 3, 50), samples(d, 4, 50)), d + " differs between seeds");
        }
    }

    @Test
    void shouldHaveTheMeansTheyAreWrittenWith() {
        assertMean(parse("uniform(1MiB, 3MiB)"), 2 * MIB, 0.01);
        assertMean(parse("exponential(64MiB)"), 64 * MIB, 0.01);
        Distribution lognormal = parse("lognormal(1MiB, 1)");
        assertEquals(MIB * Math.exp(0.5), lognormal.mean(), 1e-6);
        assertMean(lognormal, lognormal.mean(), 0.02);
        double[] s = samples(lognormal, 9, N);
        Arrays.sort(s);
        assertEquals(MIB, s[N / 2], MIB * 0.02, "the median is the written one");
    }

    @Test
    void shouldKeepSamplesWithinTheirBounds() {
        for (double v : samples(parse("uniform(4KiB, 8KiB)"), 1, 10_000)) {
            assertTrue(v >= 4096 && v < 8192, "uniform sample " + v);
        }
        for (double v : samples(parse("exponential(4KiB)"), 1, 10_000)) {
            assertTrue(v >= 0, "exponential sample " + v);
        }
    }

    @Test
    void shouldScaleToAnotherMeanKeepingTheShape() {
        assertEquals(new Distribution.Exponential(MIB), parse("exponential(64MiB)").withMean(MIB));
        assertEquals(new Distribution.Uniform(MIB / 2, MIB * 3 / 2), parse("uniform(1MiB, 3MiB)").withMean(MIB));
        Distribution ln = parse("lognormal(4MiB, 1)").withMean(MIB);
        assertEquals(MIB, ln.mean(), 1e-6);
        assertEquals(1.0, ((Distribution.LogNormal) ln).sigma());
        Distribution same = parse("exponential(64MiB)");
        assertTrue(same == same.withMean(64 * MIB), "the same mean is the same distribution");
    }

    private static void assertMean(Distribution d, double expected, double tolerance) {
        double sum = 0;
        for (double v : samples(d, 11, N)) {
            sum += v;
        }
        assertEquals(expected, sum / N, expected * tolerance, d.toString());
    }

    private static double[] samples(Distribution d, long seed, int n) {
        Rng rng = new Rng(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = d.sample(rng);
        }
        return s;
    }
}
