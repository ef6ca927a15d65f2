package org.contigsim.host;

import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.procfs.ProcDump;

/**
 * Everything a host entity needs to boot, so it can be (re)created on any member from this
 * alone: its id, the run seed its random streams derive from, its hardware and background load.
 *
 * @param hostClass the scenario's name for this kind of host ({@code default} unless classes are given)
 * @param host the machine: RAM, NUMA nodes, kernel, NIC and the sysctls its block sets
 * @param background the background workload's spec: a preset name or its canonical text
 *     ({@code org.contigsim.workload.Workloads.fromSpec})
 * @param policy how RDMA buffers are obtained, and the boot settings that takes
 * @param start the /proc dump the host boots into; null for a freshly booted host
 */
public record HostSetup(int hostId, long runSeed, String hostClass, HostSpec host, String background,
        BufferPolicy policy, ProcDump start) {
}
