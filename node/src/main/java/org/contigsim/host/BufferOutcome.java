package org.contigsim.host;

import org.contigsim.nic.RegionLayout;

/**
 * What became of an {@link Assignment.Allocate}: the registered buffer's layout as the NIC sees
 * it, or null when the host could not provide the memory.
 */
public record BufferOutcome(long jobId, long atNanos, RegionLayout layout) {
    public boolean allocated() {
        return layout != null;
    }
}
