package org.contigsim.buffer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;
import org.contigsim.memory.Gfp;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Pages;

/**
 * How a host obtains the RDMA buffers jobs ask for, with the kernel settings that policy needs
 * at boot and what the coordinator must find on a host to place a buffer there. The six
 * policies are the approaches to large contiguous regions a kernel offers, one record each:
 * <ul>
 *   <li>{@link Buddy}: the largest buddy blocks the free lists give (order 10, 4 MiB, at most),
 *       without direct compaction, as a driver's page-by-page allocation gets them;</li>
 *   <li>{@link Compaction}: the same, but a missing order is compacted for directly, and
 *       kcompactd compacts proactively at its proactiveness;</li>
 *   <li>{@link ContigRange}: {@code alloc_contig_pages} (what a {@code MAP_CONTIG} mapping
 *       would use): one aligned range, movable pages migrated out of the way;</li>
 *   <li>{@link HugetlbBoot}: huge pages reserved at boot ({@code hugepagesz=/hugepages=})
 *       before fragmentation exists; a buffer takes whole huge pages from that pool, and the
 *       reserved memory is lost to everything else;</li>
 *   <li>{@link ProtectOrders}: the buddy path on a kernel that keeps some free blocks of each
 *       order from being split for smaller requests;</li>
 *   <li>{@link MovableZone}: {@code alloc_contig_pages} on a host with {@code movablecore=}.
 *       ZONE_MOVABLE holds no unmovable memory, so a range there can always be cleared, but a
 *       long-term pin (RDMA registration) must first migrate every page out of ZONE_MOVABLE:
 *       what the buffer ends up as depends on the rest.</li>
 * </ul>
 * Policies other than {@link Compaction} boot with the kernel's default proactiveness
 * ({@value #DEFAULT_PROACTIVENESS}).
 */
public sealed interface BufferPolicy {
    /** vm.compaction_proactiveness's default. */
    int DEFAULT_PROACTIVENESS = 20;

    /** The policies by the name a scenario's {@code jobs.policy} gives; the first is the default. */
    enum Kind implements Labelled {
        CONTIG_RANGE("contig-range"),
        BUDDY("buddy"),
        COMPACTION("compaction"),
        HUGETLB_BOOT("hugetlb-boot"),
        PROTECT_ORDERS("protect-orders"),
        MOVABLE_ZONE("movable-zone");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        public static List<String> names() {
            return Labelled.labels(values());
        }

        public static Optional<Kind> named(String label) {
            return Labelled.find(label, values());
        }
    }

    /** What a host reports that a buffer under the policy is carved from. */
    enum Offer {
        /** The largest aligned free range alloc_contig_pages would find. */
        ALIGNED_RANGE,
        /** The free pages of the boot-time hugetlb pool. */
        HUGE_PAGES,
        /** Free memory anywhere, counting page cache that reclaim would evict. */
        AVAILABLE_MEMORY
    }

    Kind kind();

    /** The host's kernel settings for this policy on top of {@code base}. */
    HostConfig.Builder configure(HostConfig.Builder base);

    /**
     * What a host must have for one buffer under this policy: free memory anywhere unless the
     * policy says otherwise, as buffers assembled from buddy blocks need.
     */
    default Offer offer() {
        return Offer.AVAILABLE_MEMORY;
    }

    /** How much of {@link #offer} one buffer of {@code bufferBytes} takes: all of it unless the policy rounds. */
    default long need(long bufferBytes) {
        return bufferBytes;
    }

    /** Where buffers come from on the host {@code mem}, allocated as page class {@code classId}. */
    BufferSource source(PhysicalMemory mem, int classId);

    /** The aligned window a buffer needs from alloc_contig_pages: its size rounded up to a power of two. */
    static long alignedWindow(long bytes) {
        long w = Long.highestOneBit(bytes);
        return w == bytes ? w : w << 1;
    }

    /** Buddy blocks without direct compaction. */
    record Buddy() implements BufferPolicy {
        @Override
        public Kind kind() {
            return Kind.BUDDY;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(DEFAULT_PROACTIVENESS);
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new BuddySource(mem, classId, Gfp.NO_COMPACT);
        }
    }

    /**
     * Buddy blocks, compacting directly for a missing order.
     *
     * @param proactiveness {@code vm.compaction_proactiveness}, 0..100
     */
    record Compaction(int proactiveness) implements BufferPolicy {
        @Override
        public Kind kind() {
            return Kind.COMPACTION;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(proactiveness);
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new BuddySource(mem, classId, 0);
        }
    }

    /** One alloc_contig_pages range. */
    record ContigRange() implements BufferPolicy {
        @Override
        public Kind kind() {
            return Kind.CONTIG_RANGE;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(DEFAULT_PROACTIVENESS);
        }

        @Override
        public Offer offer() {
            return Offer.ALIGNED_RANGE;
        }

        @Override
        public long need(long bufferBytes) {
            return alignedWindow(bufferBytes);
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new ContigRangeSource(mem, classId);
        }
    }

    /**
     * Whole huge pages of a pool reserved at boot.
     *
     * @param pageBytes the hugetlb page size
     * @param pages huge pages reserved at boot
     */
    record HugetlbBoot(long pageBytes, int pages) implements BufferPolicy {
        @Override
        public Kind kind() {
            return Kind.HUGETLB_BOOT;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(DEFAULT_PROACTIVENESS)
                    .hugetlb(List.of(new HostConfig.HugetlbReservation(pageBytes, pages)));
        }

        @Override
        public Offer offer() {
            return Offer.HUGE_PAGES;
        }

        /** Whole huge pages. */
        @Override
        public long need(long bufferBytes) {
            return (bufferBytes + pageBytes - 1) / pageBytes * pageBytes;
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new HugetlbSource(mem, mem.pool(pageBytes));
        }
    }

    /**
     * Buddy blocks on a kernel that keeps free blocks of each order unsplit.
     *
     * @param perOrder per order 0..10, free blocks per zone kept for requests of exactly that order
     */
    record ProtectOrders(long[] perOrder) implements BufferPolicy {
        public ProtectOrders {
            if (perOrder.length != Pages.NR_ORDERS) {
                throw new IllegalArgumentException("protect-orders needs one count per order 0.." + Pages.MAX_ORDER);
            }
            perOrder = perOrder.clone();
        }

        @Override
        public long[] perOrder() {
            return perOrder.clone();
        }

        @Override
        public Kind kind() {
            return Kind.PROTECT_ORDERS;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(DEFAULT_PROACTIVENESS).protectOrders(perOrder);
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new BuddySource(mem, classId, Gfp.NO_COMPACT);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProtectOrders p && Arrays.equals(perOrder, p.perOrder);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(perOrder);
        }

        @Override
        public String toString() {
            return "ProtectOrders[perOrder=" + Arrays.toString(perOrder) + "]";
        }
    }

    /**
     * One alloc_contig_pages range on a host with ZONE_MOVABLE.
     *
     * @param bytes {@code movablecore=}, a whole number of pages
     */
    record MovableZone(long bytes) implements BufferPolicy {
        @Override
        public Kind kind() {
            return Kind.MOVABLE_ZONE;
        }

        @Override
        public HostConfig.Builder configure(HostConfig.Builder base) {
            return base.compactionProactiveness(DEFAULT_PROACTIVENESS).movableBytes(bytes);
        }

        @Override
        public Offer offer() {
            return Offer.ALIGNED_RANGE;
        }

        @Override
        public long need(long bufferBytes) {
            return alignedWindow(bufferBytes);
        }

        @Override
        public BufferSource source(PhysicalMemory mem, int classId) {
            return new ContigRangeSource(mem, classId);
        }
    }
}
