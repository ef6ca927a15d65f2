package org.contigsim.host;

/**
 * Everything a host entity needs to boot, so it can be (re)created on any member from this
 * alone: its id, the run seed its random streams derive from, its hardware and background load.
 *
 * @param memoryBytes RAM, a whole number of 4 KiB pages
 * @param kernel allocator fallback rules, "6.1" or "6.15"
 * @param nic device profile name (org.contigsim.nic.DeviceProfile)
 * @param background background workload name (org.contigsim.workload.Workloads)
 * @param policy how RDMA buffers are obtained: {@code contig-range} (alloc_contig_pages, one
 *     aligned range), {@code buddy} (the largest buddy blocks the free lists give, up to 4 MiB,
 *     without direct compaction) or {@code compaction} (the same, compacting directly when a
 *     block of the wanted order is missing)
 */
public record HostSetup(int hostId, long runSeed, long memoryBytes, int nodes, String kernel, String nic,
        String background, String policy) {
}
