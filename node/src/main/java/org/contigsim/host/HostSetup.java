package org.contigsim.host;

import org.contigsim.buffer.BufferPolicy;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.procfs.ProcDump;

/**
 * Everything a host entity needs to boot, so it can be (re)created on any member from this
 * alone: its id, the run seed its random streams derive from, its hardware and background load.
 *
 * @param hostClass the scenario's name for this kind of host ({@code default} unless classes are given)
 * @param memoryBytes RAM, a whole number of 4 KiB pages
 * @param kernel allocator fallback rules
 * @param nic the NIC's device profile
 * @param background the background workload's spec: a preset name or its canonical text
 *     ({@code org.contigsim.workload.Workloads.fromSpec})
 * @param policy how RDMA buffers are obtained, and the boot settings that takes
 * @param start the /proc dump the host boots into; null for a freshly booted host
 */
public record HostSetup(int hostId, long runSeed, String hostClass, long memoryBytes, int nodes, KernelVersion kernel,
        DeviceProfile nic, String background, BufferPolicy policy, ProcDump start) {
}
