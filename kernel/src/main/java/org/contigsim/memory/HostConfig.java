package org.contigsim.memory;

import java.util.List;

/**
 * Everything that fixes a simulated host's memory at boot: its size and NUMA layout, the kernel
 * version and the kernel command line and sysctls that matter for contiguity. Defaults are the
 * kernel's defaults.
 *
 * @param memoryBytes total RAM, a whole number of 4 KiB pages, split evenly over the nodes
 * @param nodes NUMA nodes (node 0 holds DMA and DMA32)
 * @param kernel fallback path to follow
 * @param movableBytes {@code movablecore=}: memory taken from the top of the nodes into ZONE_MOVABLE
 * @param cmaBytes a CMA area of this size at the top of node 0's Normal zone (0: none)
 * @param hugetlb boot-time hugetlb reservations ({@code hugepagesz=/hugepages=})
 * @param protectOrders per order, free blocks that may only serve requests of exactly that order
 *     (the "protect larger order pages from breaking up" RFC); all zeros: off
 * @param minFreeKbytes {@code vm.min_free_kbytes}; 0 computes the kernel's default
 * @param watermarkScaleFactor {@code vm.watermark_scale_factor} (1/10000 of the zone)
 * @param watermarkBoostFactor {@code vm.watermark_boost_factor}
 * @param extfragThreshold {@code vm.extfrag_threshold}
 * @param compactionProactiveness {@code vm.compaction_proactiveness} (0 turns proactive compaction off)
 * @param directCompaction whether a failed order &gt; 0 allocation compacts before giving up
 * @param reserveMemmap keep 64 bytes per page ({@code struct page}) out of the buddy allocator, as boot does
 * @param migrateNanosPerPage simulated cost of migrating one 4 KiB page (unmap, copy, remap)
 * @param scanNanosPerPage simulated cost of one page examined by a compaction scanner
 */
public record HostConfig(
        long memoryBytes,
        int nodes,
        KernelVersion kernel,
        long movableBytes,
        long cmaBytes,
        List<HugetlbReservation> hugetlb,
        long[] protectOrders,
        long minFreeKbytes,
        int watermarkScaleFactor,
        int watermarkBoostFactor,
        int extfragThreshold,
        int compactionProactiveness,
        boolean directCompaction,
        boolean reserveMemmap,
        long migrateNanosPerPage,
        long scanNanosPerPage) {

    /** Largest host the model addresses: PFNs are 32-bit signed ints. */
    public static final long MAX_MEMORY_BYTES = 4L << 40;
    /** RAM below the 4 GiB PCI hole on x86-64. */
    public static final long LOW_RAM_BYTES = 3L << 30;
    public static final long DMA_BYTES = 16L << 20;
    public static final long FOUR_GIB = 4L << 30;

    public HostConfig {
        hugetlb = List.copyOf(hugetlb);
        protectOrders = protectOrders == null ? new long[Pages.NR_ORDERS] : protectOrders.clone();
        if (memoryBytes <= 0 || memoryBytes % Pages.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("memory " + memoryBytes + " B is not a positive whole number of 4 KiB pages");
        }
        if (memoryBytes > MAX_MEMORY_BYTES) {
            throw new IllegalArgumentException("memory " + memoryBytes + " B is more than the model addresses (4 TiB)");
        }
        if (memoryBytes < 2 * DMA_BYTES) {
            throw new IllegalArgumentException("memory must be at least 32 MiB");
        }
        if (nodes < 1 || nodes > 64) {
            throw new IllegalArgumentException("nodes must be 1..64, not " + nodes);
        }
        if (movableBytes < 0 || cmaBytes < 0 || movableBytes + cmaBytes >= memoryBytes / 2) {
            throw new IllegalArgumentException("movablecore and CMA together must be less than half of memory");
        }
        if (protectOrders.length != Pages.NR_ORDERS) {
            throw new IllegalArgumentException("protect_orders needs one count per order 0..10");
        }
    }

    /** A host with the kernel's defaults. */
    public static HostConfig defaults(long memoryBytes) {
        return builder(memoryBytes).build();
    }

    public static Builder builder(long memoryBytes) {
        return new Builder(memoryBytes);
    }

    /** Kernel defaults, changed one setting at a time. */
    public static final class Builder {
        private long memoryBytes;
        private int nodes = 1;
        private KernelVersion kernel = KernelVersion.V6_15;
        private long movableBytes;
        private long cmaBytes;
        private List<HugetlbReservation> hugetlb = List.of();
        private long[] protectOrders;
        private long minFreeKbytes;
        private int watermarkScaleFactor = 10;
        private int watermarkBoostFactor = 15000;
        private int extfragThreshold = 500;
        private int compactionProactiveness = 20;
        private boolean directCompaction = true;
        private boolean reserveMemmap = true;
        // a 4 KiB copy is ~1 us with unmap, TLB flush and remap; a scanner step a few ns
        private long migrateNanosPerPage = 1000;
        private long scanNanosPerPage = 2;

        private Builder(long memoryBytes) {
            this.memoryBytes = memoryBytes;
        }

        public Builder memoryBytes(long v) { memoryBytes = v; return this; }
        public Builder nodes(int v) { nodes = v; return this; }
        public Builder kernel(KernelVersion v) { kernel = v; return this; }
        public Builder movableBytes(long v) { movableBytes = v; return this; }
        public Builder cmaBytes(long v) { cmaBytes = v; return this; }
        public Builder hugetlb(List<HugetlbReservation> v) { hugetlb = v; return this; }
        public Builder protectOrders(long[] v) { protectOrders = v; return this; }
        public Builder minFreeKbytes(long v) { minFreeKbytes = v; return this; }
        public Builder watermarkScaleFactor(int v) { watermarkScaleFactor = v; return this; }
        public Builder watermarkBoostFactor(int v) { watermarkBoostFactor = v; return this; }
        public Builder extfragThreshold(int v) { extfragThreshold = v; return this; }
        public Builder compactionProactiveness(int v) { compactionProactiveness = v; return this; }
        public Builder directCompaction(boolean v) { directCompaction = v; return this; }
        public Builder reserveMemmap(boolean v) { reserveMemmap = v; return this; }
        public Builder migrateNanosPerPage(long v) { migrateNanosPerPage = v; return this; }
        public Builder scanNanosPerPage(long v) { scanNanosPerPage = v; return this; }

        public HostConfig build() {
            return new HostConfig(memoryBytes, nodes, kernel, movableBytes, cmaBytes, hugetlb, protectOrders,
                    minFreeKbytes, watermarkScaleFactor, watermarkBoostFactor, extfragThreshold,
                    compactionProactiveness, directCompaction, reserveMemmap, migrateNanosPerPage, scanNanosPerPage);
        }
    }

    /**
     * A boot-time hugetlb reservation: {@code count} pages of {@code pageBytes} (2 MiB from the
     * buddy allocator right after boot; 1 GiB and larger "gigantic" pages from the boot allocator,
     * top-down, before the buddy allocator ever sees that memory).
     */
    public record HugetlbReservation(long pageBytes, int count) {
        public HugetlbReservation {
            if (pageBytes < (2L << 20) || Long.bitCount(pageBytes) != 1) {
                throw new IllegalArgumentException("hugetlb page size must be a power of two of at least 2 MiB");
            }
            if (count < 0) {
                throw new IllegalArgumentException("hugetlb page count must not be negative");
            }
        }

        public int order() {
            return Long.numberOfTrailingZeros(pageBytes) - Pages.PAGE_SHIFT;
        }
    }
}
