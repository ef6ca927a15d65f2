package org.contigsim.host;

import org.contigsim.nic.RegionLayout;

/**
 * What became of an {@link Assignment.Allocate}: the registered buffer's layout as the NIC sees
 * it, or null when the host could not provide the memory, and its smallest physically contiguous
 * chunk and its number of physically contiguous chunks (0 when it failed).
 */
public record BufferOutcome(long jobId, long atNanos, RegionLayout layout, long minChunkBytes, int chunks) {
    public boolean allocated() {
        return layout != null;
    }
}
