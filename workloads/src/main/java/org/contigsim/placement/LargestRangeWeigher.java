package org.contigsim.placement;

/**
 * {@code largest-range}: larger offers first (the offered bytes): under alloc_contig_pages, the
 * hosts with the largest aligned ranges, the most likely to succeed.
 */
public record LargestRangeWeigher() implements HostWeigher {
    @Override
    public String label() {
        return "largest-range";
    }

    @Override
    public double weigh(Candidate host, long need) {
        return host.offeredBytes();
    }
}
