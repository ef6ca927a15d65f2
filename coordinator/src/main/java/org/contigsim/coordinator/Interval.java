package org.contigsim.coordinator;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of one figure over a variant's replicas and its 95 % confidence interval, from
 * Student's t with n - 1 degrees of freedom: mean &plusmn; t(0.975, n-1) s / &radic;n, s the sample
 * standard deviation. Replicas differ only in their seeds, so they are independent draws. The
 * quantile comes from Apache Commons Statistics.
 *
 * @param n how many replicas gave the figure (an interval needs at least two)
 */
record Interval(double mean, double low, double high, int n) {

    static Interval of(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("an interval needs two values or more, not " + n);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double half = t975(n - 1) * StrictMath.sqrt(squares / (n - 1) / n);
        return new Interval(mean, mean - half, mean + half, n);
    }

    /** t(0.975, df): the upper end of the central 95 % of Student's t with {@code df} degrees of freedom. */
    static double t975(int df) {
        return TDistribution.of(df).inverseCumulativeProbability(0.975);
    }
}
