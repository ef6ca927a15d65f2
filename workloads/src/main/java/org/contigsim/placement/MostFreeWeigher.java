package org.contigsim.placement;

/**
 * {@code most-free}: more free memory first (the free bytes), spreading buffers over the hosts
 * with the most room, whatever their largest range.
 */
public record MostFreeWeigher() implements HostWeigher {
    @Override
    public String label() {
        return "most-free";
    }

    @Override
    public double weigh(Candidate host, long need) {
        return host.freeBytes();
    }
}
