package org.contigsim.coordinator;

/**
 * Student's t distribution, for confidence intervals of the mean of a few replicas. The
 * distribution function comes from the regularized incomplete beta function (continued fraction,
 * as in Numerical Recipes), the quantile from bisection on it. StrictMath throughout, so every JVM
 * computes the same bits.
 */
final class StudentT {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    private StudentT() {
    }

    /** P(T &le; t) for T with {@code df} degrees of freedom. */
    static double cdf(double t, int df) {
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The {@code p} quantile: the t with P(T &le; t) = p. */
    static double quantile(double p, int df) {
        if (!(p > 0 && p < 1) || df < 1) {
            throw new IllegalArgumentException("quantile " + p + " of t with " + df + " degrees of freedom");
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** I_x(a, b). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = StrictMath.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * StrictMath.log(x)
                + b * StrictMath.log1p(-x));
        // the continued fraction converges fast only below (a+1)/(a+b+2); above, use the symmetry
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** The incomplete beta continued fraction by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (StrictMath.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 1000; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = 1 / (StrictMath.abs(d) < tiny ? tiny : d);
            c = 1 + even / c;
            c = StrictMath.abs(c) < tiny ? tiny : c;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = 1 / (StrictMath.abs(d) < tiny ? tiny : d);
            c = 1 + odd / c;
            c = StrictMath.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (StrictMath.abs(step - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7). */
    static double lnGamma(double x) {
        if (x < 0.5) {
            // reflection: Γ(x) Γ(1-x) = π / sin(πx)
            return StrictMath.log(StrictMath.PI / StrictMath.sin(StrictMath.PI * x)) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * StrictMath.log(2 * StrictMath.PI) + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
    }
}
