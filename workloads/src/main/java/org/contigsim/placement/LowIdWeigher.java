package org.contigsim.placement;

/** {@code low-id}: lower host ids first (minus the id), which alone is first fit. */
public record LowIdWeigher() implements HostWeigher {
    @Override
    public String label() {
        return "low-id";
    }

    @Override
    public double weigh(Candidate host, long need) {
        return -host.hostId();
    }
}
