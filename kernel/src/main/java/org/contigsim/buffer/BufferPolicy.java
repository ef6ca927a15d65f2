package org.contigsim.buffer;

import java.util.Arrays;
import java.util.List;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Pages;

/**
 * How a host obtains the RDMA buffers jobs ask for, with the kernel settings that policy needs
 * at boot. The six policies are the approaches to large contiguous regions a kernel offers:
 * <ul>
 *   <li>{@code buddy}: the largest buddy blocks the free lists give (order 10, 4 MiB, at most),
 *       without direct compaction, as a driver's page-by-page allocation gets them;</li>
 *   <li>{@code compaction}: the same, but a missing order is compacted for directly, and
 *       kcompactd compacts proactively at {@link #proactiveness};</li>
 *   <li>{@code contig-range}: {@code alloc_contig_pages} (what a {@code MAP_CONTIG} mapping
 *       would use): one aligned range, movable pages migrated out of the way;</li>
 *   <li>{@code hugetlb-boot}: pages of {@link #hugePageBytes} reserved at boot
 *       ({@code hugepagesz=/hugepages=}) before fragmentation exists; a buffer takes whole huge
 *       pages from that pool, and the reserved memory is lost to everything else;</li>
 *   <li>{@code protect-orders}: the buddy path on a kernel that keeps {@link #protectOrders}
 *       free blocks of each order from being split for smaller requests;</li>
 *   <li>{@code movable-zone}: {@code alloc_contig_pages} on a host with
 *       {@code movablecore=}{@link #movableBytes}. ZONE_MOVABLE holds no unmovable memory, so a
 *       range there can always be cleared, but a long-term pin (RDMA registration) must first
 *       migrate every page out of ZONE_MOVABLE: what the buffer ends up as depends on the rest.</li>
 * </ul>
 *
 * @param name one of {@link #NAMES}
 * @param hugePageBytes hugetlb page size ({@code hugetlb-boot}; 0 otherwise)
 * @param hugetlbPages huge pages reserved at boot ({@code hugetlb-boot}; 0 otherwise)
 * @param protectOrders per order 0..10, free blocks kept unsplit ({@code protect-orders}; all
 *     zeros otherwise)
 * @param movableBytes {@code movablecore=} ({@code movable-zone}; 0 otherwise)
 * @param proactiveness {@code vm.compaction_proactiveness} (kernel default 20 unless {@code compaction} sets it)
 */
public record BufferPolicy(String name, long hugePageBytes, int hugetlbPages, long[] protectOrders,
        long movableBytes, int proactiveness) {

    public static final List<String> NAMES = List.of("contig-range", "buddy", "compaction", "hugetlb-boot",
            "protect-orders", "movable-zone");
    /** vm.compaction_proactiveness's default. */
    public static final int DEFAULT_PROACTIVENESS = 20;

    public BufferPolicy {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown buffer policy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        protectOrders = protectOrders == null ? new long[Pages.NR_ORDERS] : protectOrders.clone();
    }

    /** A policy that needs no boot-time settings (contig-range, buddy) at kernel defaults. */
    public static BufferPolicy plain(String name) {
        return new BufferPolicy(name, 0, 0, null, 0, DEFAULT_PROACTIVENESS);
    }

    /** The host's kernel settings for this policy on top of {@code base}. */
    public HostConfig.Builder configure(HostConfig.Builder base) {
        base.compactionProactiveness(proactiveness);
        switch (name) {
            case "hugetlb-boot":
                return base.hugetlb(List.of(new HostConfig.HugetlbReservation(hugePageBytes, hugetlbPages)));
            case "protect-orders":
                return base.protectOrders(protectOrders);
            case "movable-zone":
                return base.movableBytes(movableBytes);
            default:
                return base;
        }
    }

    /** Whether buffers are one alloc_contig_pages range (placement then needs an aligned window). */
    public boolean usesContigRange() {
        return name.equals("contig-range") || name.equals("movable-zone");
    }

    public boolean usesHugetlb() {
        return name.equals("hugetlb-boot");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferPolicy p && name.equals(p.name) && hugePageBytes == p.hugePageBytes
                && hugetlbPages == p.hugetlbPages && Arrays.equals(protectOrders, p.protectOrders)
                && movableBytes == p.movableBytes && proactiveness == p.proactiveness;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(protectOrders);
    }

    @Override
    public String toString() {
        return "BufferPolicy[" + name + ", hugePageBytes=" + hugePageBytes + ", hugetlbPages=" + hugetlbPages
                + ", protectOrders=" + Arrays.toString(protectOrders) + ", movableBytes=" + movableBytes
                + ", proactiveness=" + proactiveness + "]";
    }
}
