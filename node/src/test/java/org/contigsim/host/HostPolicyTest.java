package org.contigsim.host;

import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.nic.DeviceProfile;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The buffer policies that need boot-time settings: hugetlb-boot, protect-orders, movable-zone. */
class HostPolicyTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    static final long MIB = 1 << 20;
    static final long MINUTE = 60_000_000_000L;

    static HostSetup setup(BufferPolicy policy, String background) {
        return new HostSetup(1, 11, "default", new HostSpec(1024 * MIB, 1, KernelVersion.V6_15, CX5), background, policy, null);
    }

    static BufferOutcome allocate(Host host, long at, long job, long bytes) {
        List<BufferOutcome> out = host.advance(at, List.of(new Assignment.Allocate(at, job, bytes))).outcomes();
        assertEquals(1, out.size());
        return out.get(0);
    }

    @Test
    void hugetlbBootBuffersAreWholePagesOfTheBootPoolAndGoBackToIt() {
        BufferPolicy policy = new BufferPolicy.HugetlbBoot(2 * MIB, 16);
        Host host = new Host(setup(policy, "fragmenting"));
        assertEquals(32 * MIB, host.summary().hugetlbFreeBytes());
        BufferOutcome first = allocate(host, MINUTE, 1, 20 * MIB);
        assertTrue(first.allocated());
        assertTrue(first.minChunkBytes() >= 2 * MIB, "whole 2 MiB pages: " + first.minChunkBytes());
        assertEquals(20 * MIB, first.layout().length());
        assertEquals(32 * MIB - 20 * MIB, host.summary().hugetlbFreeBytes(), "10 pages taken");
        assertFalse(allocate(host, 2 * MINUTE, 2, 16 * MIB).allocated(), "the pool has 6 pages left, not 8");
        assertEquals(12 * MIB, host.summary().hugetlbFreeBytes(), "a failed buffer takes nothing");
        host.advance(3 * MINUTE, List.of(new Assignment.Release(3 * MINUTE, 1)));
        assertEquals(32 * MIB, host.summary().hugetlbFreeBytes());
        assertTrue(allocate(host, 4 * MINUTE, 3, 32 * MIB).allocated(), "the whole pool again");
    }

    @Test
    void hugetlbBootMemoryIsLostToTheRestOfTheHost() {
        long plain = new Host(setup(new BufferPolicy.Buddy(), "idle")).summary().freeBytes();
        long reserved = new Host(setup(new BufferPolicy.HugetlbBoot(2 * MIB, 64), "idle"))
                .summary().freeBytes();
        assertEquals(128 * MIB, plain - reserved);
    }

    @Test
    void protectOrdersKeepsFourMibBlocksThatTheSameAgingOtherwiseSplits() {
        long[] protect = new long[Pages.NR_ORDERS];
        protect[Pages.MAX_ORDER] = 64;
        Host plain = new Host(setup(new BufferPolicy.Buddy(), "fragmenting"));
        Host kept = new Host(setup(new BufferPolicy.ProtectOrders(protect), "fragmenting"));
        long at = 30 * MINUTE;
        BufferOutcome fromPlain = allocate(plain, at, 1, 80 * MIB);
        BufferOutcome fromKept = allocate(kept, at, 1, 80 * MIB);
        assertTrue(fromKept.allocated() && fromPlain.allocated());
        assertEquals(4 * MIB, Math.min(4 * MIB, fromKept.minChunkBytes()), "every block of order 10: "
                + fromKept.minChunkBytes());
        assertTrue(fromPlain.minChunkBytes() < 4 * MIB, "unprotected, 30 minutes of churn leave about ten: "
                + fromPlain.minChunkBytes());
    }

    @Test
    void movableZoneRangesAreMigratedOutOfZoneMovableWhenPinned() {
        BufferPolicy policy = new BufferPolicy.MovableZone(256 * MIB);
        Host host = new Host(setup(policy, "idle"));
        long before = host.summary().pagesMigrated();
        BufferOutcome o = allocate(host, MINUTE, 1, 16 * MIB);
        assertTrue(o.allocated());
        // alloc_contig_pages found the range in ZONE_MOVABLE; FOLL_LONGTERM then moved every page out
        assertEquals(16 * MIB / Pages.PAGE_SIZE, host.summary().pagesMigrated() - before);
        host.advance(2 * MINUTE, List.of(new Assignment.Release(2 * MINUTE, 1)));
        assertEquals(0, host.summary().buffers());
    }

    @Test
    void contigRangeWithoutZoneMovableMigratesNothingOnAnIdleHost() {
        Host host = new Host(setup(new BufferPolicy.ContigRange(), "idle"));
        BufferOutcome o = allocate(host, MINUTE, 1, 16 * MIB);
        assertEquals(16 * MIB, o.minChunkBytes());
        assertEquals(0, host.summary().pagesMigrated());
    }
}
