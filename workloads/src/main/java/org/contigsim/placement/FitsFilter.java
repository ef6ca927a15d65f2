package org.contigsim.placement;

/**
 * {@code fits}: the host offers at least what the buffer needs (an aligned range as large as the
 * buffer's power-of-two window, enough free huge pages, or enough available memory).
 */
public record FitsFilter() implements HostFilter {
    @Override
    public String label() {
        return "fits";
    }

    @Override
    public boolean accepts(Candidate host, long need) {
        return host.offeredBytes() >= need;
    }
}
