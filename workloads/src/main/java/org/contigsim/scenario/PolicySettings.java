package org.contigsim.scenario;

import java.util.Arrays;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.memory.Pages;

/**
 * The parameters of the buffer policies ({@code policies { ... }}); only the selected policy's
 * apply (see {@link BufferPolicy}), so a sweep over {@code jobs.policy} compares each with its own.
 *
 * @param proactiveness {@code vm.compaction_proactiveness} under {@code compaction}, 0..100
 * @param hugePageBytes hugetlb page size under {@code hugetlb-boot}
 * @param hugetlbReserve memory reserved as huge pages at boot under {@code hugetlb-boot}
 * @param protectOrders per order 0..10, free blocks per zone kept unsplit under {@code protect-orders}
 * @param movable {@code movablecore=} under {@code movable-zone}
 */
public record PolicySettings(int proactiveness, long hugePageBytes, MemoryShare hugetlbReserve, long[] protectOrders,
        MemoryShare movable) {

    /** Defaults: kernel proactiveness, 1 GiB pages for a quarter of memory, 512 order-10 blocks, a quarter movable. */
    public static final PolicySettings DEFAULTS = new PolicySettings(BufferPolicy.DEFAULT_PROACTIVENESS, 1L << 30,
            MemoryShare.percent(25), defaultProtect(), MemoryShare.percent(25));

    public PolicySettings {
        protectOrders = protectOrders.clone();
        if (protectOrders.length != Pages.NR_ORDERS) {
            throw new IllegalArgumentException("protect-orders needs one count per order 0..10");
        }
    }

    private static long[] defaultProtect() {
        long[] p = new long[Pages.NR_ORDERS];
        p[Pages.MAX_ORDER] = 512;
        return p;
    }

    /** Policy {@code kind} with these settings on a host of {@code memoryBytes}. */
    public BufferPolicy resolve(BufferPolicy.Kind kind, long memoryBytes) {
        return switch (kind) {
            case CONTIG_RANGE -> new BufferPolicy.ContigRange();
            case BUDDY -> new BufferPolicy.Buddy();
            case COMPACTION -> new BufferPolicy.Compaction(proactiveness);
            case HUGETLB_BOOT -> new BufferPolicy.HugetlbBoot(hugePageBytes,
                    (int) (hugetlbReserve.bytesOf(memoryBytes) / hugePageBytes));
            case PROTECT_ORDERS -> new BufferPolicy.ProtectOrders(protectOrders);
            case MOVABLE_ZONE -> new BufferPolicy.MovableZone(movable.bytesOf(memoryBytes) / Pages.PAGE_SIZE
                    * Pages.PAGE_SIZE);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySettings p && proactiveness == p.proactiveness && hugePageBytes == p.hugePageBytes
                && hugetlbReserve.equals(p.hugetlbReserve) && Arrays.equals(protectOrders, p.protectOrders)
                && movable.equals(p.movable);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hugePageBytes) * 31 + Arrays.hashCode(protectOrders);
    }

    @Override
    public String toString() {
        return "PolicySettings[proactiveness=" + proactiveness + ", hugePageBytes=" + hugePageBytes + ", hugetlbReserve="
                + hugetlbReserve + ", protectOrders=" + Arrays.toString(protectOrders) + ", movable=" + movable + "]";
    }
}
