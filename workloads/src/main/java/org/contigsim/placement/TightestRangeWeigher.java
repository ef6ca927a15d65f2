package org.contigsim.placement;

/**
 * {@code tightest-range}: tighter fits first (minus what the offer leaves over the need):
 * carving the buffer out of the smallest range that holds it keeps the large ranges whole for
 * later, larger jobs.
 */
public record TightestRangeWeigher() implements HostWeigher {
    @Override
    public String label() {
        return "tightest-range";
    }

    @Override
    public double weigh(Candidate host, long need) {
        return -(double) (host.offeredBytes() - need);
    }
}
