package org.contigsim.workload;

import org.contigsim.base.Rng;
import org.contigsim.base.Units;

/**
 * A random size (file sizes, process sizes, registration sizes, bytes read per second), in
 * bytes, sampled from the host's {@link Rng}. Written as a size ({@code 64MiB}, the same as
 * {@code fixed(64MiB)}), {@code uniform(MIN, MAX)}, {@code exponential(MEAN)} or
 * {@code lognormal(MEDIAN, SIGMA)}; {@link #toString()} gives that text back, canonically.
 *
 * <p>A fixed size draws nothing from the stream, so making a size fixed never shifts the other
 * random choices of a host; the other shapes draw the same number of values on every sample
 * (uniform and exponential one, lognormal two), so a sample never depends on earlier ones.
 */
public sealed interface Distribution {
    /** Upper bound of every size a distribution is written with: more than any modelled host. */
    long MAX_BYTES = 1L << 40;

    /** One sample, in bytes (never negative). */
    double sample(Rng rng);

    /** The expected value, in bytes. */
    double mean();

    /** The same shape scaled to {@code mean} (how a host too small for the written mean uses it). */
    Distribution withMean(double mean);

    /** Always {@code bytes}. */
    record Fixed(double bytes) implements Distribution {
        @Override
        public double sample(Rng rng) {
            return bytes;
        }

        @Override
        public double mean() {
            return bytes;
        }

        @Override
        public Distribution withMean(double mean) {
            return mean == bytes ? this : new Fixed(mean);
        }

        @Override
        public String toString() {
            return size(bytes);
        }
    }

    /** Uniform in {@code [min, max)}. */
    record Uniform(double min, double max) implements Distribution {
        @Override
        public double sample(Rng rng) {
            return min + (max - min) * rng.nextDouble();
        }

        @Override
        public double mean() {
            return (min + max) / 2;
        }

        @Override
        public Distribution withMean(double mean) {
            double scale = mean / mean();
            return scale == 1 ? this : new Uniform(min * scale, max * scale);
        }

        @Override
        public String toString() {
            return "uniform(" + size(min) + ", " + size(max) + ")";
        }
    }

    /** Exponential with the given mean: many small values and a long tail, as process sizes are. */
    record Exponential(double mean) implements Distribution {
        @Override
        public double sample(Rng rng) {
            return rng.nextExponential(mean);
        }

        @Override
        public Distribution withMean(double m) {
            return m == mean ? this : new Exponential(m);
        }

        @Override
        public String toString() {
            return "exponential(" + size(mean) + ")";
        }
    }

    /**
     * Lognormal: {@code median * e^(sigma * Z)} for a standard normal Z (Box-Muller from two
     * uniforms, with {@link StrictMath} so every JVM draws the same value). File sizes on real
     * file systems are close to lognormal.
     */
    record LogNormal(double median, double sigma) implements Distribution {
        @Override
        public double sample(Rng rng) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double z = StrictMath.sqrt(-2 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
            return median * StrictMath.exp(sigma * z);
        }

        @Override
        public double mean() {
            return median * StrictMath.exp(sigma * sigma / 2);
        }

        @Override
        public Distribution withMean(double mean) {
            double scale = mean / mean();
            return scale == 1 ? this : new LogNormal(median * scale, sigma);
        }

        @Override
        public String toString() {
            return "lognormal(" + size(median) + ", " + Numbers.plain(sigma) + ")";
        }
    }

    /** The largest sigma a lognormal may have: e^(10 Z) already spans more than any memory. */
    double MAX_SIGMA = 10;

    /**
     * Reads a size distribution whose sizes lie in {@code [minBytes, maxBytes]}. IllegalArgumentException
     * with a message saying what is wrong with the text (callers prefix the key or FILE:LINE).
     */
    static Distribution parseSize(String text, long minBytes, long maxBytes) {
        return DistributionText.parse(text, minBytes, maxBytes);
    }

    /** A size as distributions write it: whole bytes in the largest exact unit. */
    private static String size(double bytes) {
        return Units.format((long) bytes);
    }
}
