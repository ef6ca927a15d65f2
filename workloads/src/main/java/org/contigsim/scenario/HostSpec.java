package org.contigsim.scenario;

import java.util.Objects;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;

/**
 * The machine every simulated host of a scenario is.
 *
 * @param memoryBytes RAM in bytes, a whole number of 4 KiB pages, split evenly over the nodes
 * @param nodes NUMA nodes, 1..64
 * @param kernel whose page allocator fallback path the host follows
 * @param nic the NIC model, one of the shipped profiles ({@link DeviceProfile#names()})
 */
public record HostSpec(long memoryBytes, int nodes, KernelVersion kernel, DeviceProfile nic) {

    public HostSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nic, "nic");
    }
}
