package org.contigsim.scenario;

/**
 * When a job whose buffers could not all be had, or were not contiguous enough, tries again
 * ({@code jobs.retry}). The n-th failed attempt is followed by at least
 * {@code backoffNanos * backoffFactor^(n-1)} before the next; jobs.max-wait applies as well.
 *
 * @param maxAttempts failed attempts after which a job fails, 0..1000000 (0: no limit)
 * @param backoffNanos simulated nanoseconds a job waits after its first failed attempt, 0..365d
 * @param backoffFactor how the wait grows with every further failed attempt, 1..1000 (1: constant)
 */
public record RetrySpec(int maxAttempts, long backoffNanos, double backoffFactor) {
    /** Every epoch, without limit: the rule before retries could be configured. */
    public static final RetrySpec EVERY_EPOCH = new RetrySpec(0, 0, 1);
}
