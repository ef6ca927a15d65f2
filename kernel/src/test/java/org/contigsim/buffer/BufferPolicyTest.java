package org.contigsim.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Pages;
import org.junit.jupiter.api.Test;

class BufferPolicyTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    private static HostConfig booted(BufferPolicy p) {
        return p.configure(HostConfig.builder(4 * GIB)).build();
    }

    @Test
    void shouldBootEveryPolicyButCompactionWithTheKernelDefaultProactiveness() {
        for (BufferPolicy p : List.of(new BufferPolicy.Buddy(), new BufferPolicy.ContigRange(),
                new BufferPolicy.HugetlbBoot(2 * MIB, 4), new BufferPolicy.ProtectOrders(new long[Pages.NR_ORDERS]),
                new BufferPolicy.MovableZone(GIB))) {
            assertEquals(BufferPolicy.DEFAULT_PROACTIVENESS, booted(p).compactionProactiveness(), p.toString());
        }
        assertEquals(0, booted(new BufferPolicy.Compaction(0)).compactionProactiveness());
        assertEquals(55, booted(new BufferPolicy.Compaction(55)).compactionProactiveness());
    }

    @Test
    void shouldSetTheBootParametersItNeeds() {
        assertEquals(List.of(new HostConfig.HugetlbReservation(2 * MIB, 4)),
                booted(new BufferPolicy.HugetlbBoot(2 * MIB, 4)).hugetlb());
        assertEquals(GIB, booted(new BufferPolicy.MovableZone(GIB)).movableBytes());
        long[] protect = new long[Pages.NR_ORDERS];
        protect[Pages.MAX_ORDER] = 7;
        assertArrayEquals(protect, booted(new BufferPolicy.ProtectOrders(protect)).protectOrders());
        assertEquals(0, booted(new BufferPolicy.ContigRange()).movableBytes());
        assertEquals(List.of(), booted(new BufferPolicy.Buddy()).hugetlb());
    }

    @Test
    void shouldNeedAnAlignedWindowWholeHugePagesOrTheBufferItself() {
        assertEquals(4 * GIB, new BufferPolicy.ContigRange().need(3 * GIB));
        assertEquals(4 * GIB, new BufferPolicy.MovableZone(GIB).need(4 * GIB));
        assertEquals(4 * MIB, new BufferPolicy.HugetlbBoot(2 * MIB, 4).need(3 * MIB));
        assertEquals(3 * MIB, new BufferPolicy.Buddy().need(3 * MIB));
        assertEquals(BufferPolicy.Offer.ALIGNED_RANGE, new BufferPolicy.MovableZone(GIB).offer());
        assertEquals(BufferPolicy.Offer.HUGE_PAGES, new BufferPolicy.HugetlbBoot(2 * MIB, 4).offer());
        assertEquals(BufferPolicy.Offer.AVAILABLE_MEMORY, new BufferPolicy.Compaction(20).offer());
    }

    @Test
    void shouldBeNamedByItsKind() {
        assertEquals(List.of("contig-range", "buddy", "compaction", "hugetlb-boot", "protect-orders", "movable-zone"),
                BufferPolicy.Kind.names());
        assertEquals(Optional.of(BufferPolicy.Kind.MOVABLE_ZONE), BufferPolicy.Kind.named("movable-zone"));
        assertEquals(Optional.empty(), BufferPolicy.Kind.named("Buddy"));
        assertEquals(BufferPolicy.Kind.HUGETLB_BOOT, new BufferPolicy.HugetlbBoot(2 * MIB, 4).kind());
    }

    @Test
    void shouldCompareProtectedOrdersByValue() {
        long[] a = new long[Pages.NR_ORDERS];
        a[9] = 3;
        BufferPolicy.ProtectOrders p = new BufferPolicy.ProtectOrders(a);
        a[9] = 4;
        assertEquals(new BufferPolicy.ProtectOrders(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0}), p, "a copy was kept");
        assertNotEquals(new BufferPolicy.ProtectOrders(a), p);
    }
}
