package org.contigsim.base;

/**
 * SplitMix64: a small, fast generator whose output depends only on its seed, on every JVM.
 * One stream per simulated entity, seeded from (run seed, entity id) with {@link #seedFor}.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A well-mixed seed for entity {@code id} of run {@code runSeed}. */
    public static long seedFor(long runSeed, long id) {
        return mix(mix(runSeed) ^ (id * 0x9E3779B97F4A7C15L));
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        return Math.floorMod(nextLong() >>> 1, bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Exponentially distributed with the given mean (for Poisson arrivals). */
    public double nextExponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
