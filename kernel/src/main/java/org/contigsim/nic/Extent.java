package org.contigsim.nic;

/**
 * One physically contiguous piece of a registered buffer (a DMA scatterlist entry): its bus
 * address and length in bytes. A buffer is a list of extents in virtual-address order.
 */
public record Extent(long address, long bytes) {
    public Extent {
        if (address < 0 || bytes <= 0) {
            throw new IllegalArgumentException("extent needs a non-negative address and a positive length");
        }
    }

    public long end() {
        return address + bytes;
    }
}
