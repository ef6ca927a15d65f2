package org.contigsim.scenario;

import java.util.Objects;

/**
 * The machine every simulated host of a scenario is.
 *
 * @param memoryBytes RAM in bytes, a whole number of 4 KiB pages, split evenly over the nodes
 * @param nodes NUMA nodes, 1..64
 * @param kernel whose page allocator fallback path the host follows: {@code "6.1"} or {@code "6.15"}
 *     (a {@link org.contigsim.memory.KernelVersion} label)
 * @param nic the NIC model, a name from {@link org.contigsim.nic.DeviceProfile#names()}
 */
public record HostSpec(long memoryBytes, int nodes, String kernel, String nic) {

    public HostSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nic, "nic");
    }
}
