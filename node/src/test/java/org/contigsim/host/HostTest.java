package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    static final long MIB = 1 << 20;
    static final long MINUTE = 60_000_000_000L;

    static HostSetup setup(int hostId) {
        return setup(hostId, new BufferPolicy.ContigRange());
    }

    static HostSetup setup(int hostId, BufferPolicy policy) {
        return new HostSetup(hostId, 7, "default", new HostSpec(512 * MIB, 1, KernelVersion.V6_15, CX5), "fragmenting", policy, null);
    }

    @Test
    void shouldEndInTheSameStateFromTheSameSetupAndAssignments() {
        List<Assignment> work = List.of(new Assignment.Allocate(MINUTE, 1, 16 * MIB),
                new Assignment.Allocate(MINUTE, 2, 4 * MIB), new Assignment.Release(2 * MINUTE, 1));
        Host a = new Host(setup(3));
        Host b = new Host(setup(3));
        assertEquals(a.advance(3 * MINUTE, work), b.advance(3 * MINUTE, work));
        assertNotEquals(new Host(setup(4)).advance(3 * MINUTE, work).summary().freeBytes(),
                new Host(setup(3)).advance(3 * MINUTE, work).summary().freeBytes(),
                "another host id is another random stream");
    }

    @Test
    void shouldApplyAssignmentsInTheirOwnOrderWhateverOrderTheyCameIn() {
        List<Assignment> work = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            work.add(new Assignment.Allocate(MINUTE + (j % 2), j, (j + 1) * MIB));
        }
        work.add(new Assignment.Release(MINUTE + 1, 0));
        Host.Epoch forward = new Host(setup(1)).advance(2 * MINUTE, work);
        List<Assignment> reversed = new ArrayList<>(work);
        java.util.Collections.reverse(reversed);
        assertEquals(forward, new Host(setup(1)).advance(2 * MINUTE, reversed));
    }

    @Test
    void shouldHandOutARegisteredContiguousBufferAndTakeItBack() {
        Host h = new Host(setup(0));
        Host.Epoch e = h.advance(MINUTE, List.of(new Assignment.Allocate(MINUTE, 5, 32 * MIB)));
        BufferOutcome o = e.outcomes().get(0);
        assertNotNull(o.layout());
        assertEquals(1, o.layout().mttEntries(), "an aligned contiguous buffer is one MTT entry");
        assertEquals(0, o.layout().iova() % (32 * MIB));
        assertEquals(1, e.summary().buffers());
        assertEquals(32 * MIB, e.summary().bufferBytes());
        Host.Epoch after = h.advance(2 * MINUTE, List.of(new Assignment.Release(2 * MINUTE, 5)));
        assertEquals(0, after.summary().buffers());
    }

    @Test
    void shouldAssembleABuddyBufferFromBlocksOfAtMostFourMib() {
        for (BufferPolicy policy : List.of(new BufferPolicy.Buddy(), new BufferPolicy.Compaction(20))) {
            Host h = new Host(setup(0, policy));
            Host.Epoch e = h.advance(5 * MINUTE, List.of(new Assignment.Allocate(5 * MINUTE, 3, 40 * MIB)));
            BufferOutcome o = e.outcomes().get(0);
            assertNotNull(o.layout(), policy.toString());
            assertEquals(40 * MIB, o.layout().length());
            assertTrue(o.minChunkBytes() >= 4096 && o.minChunkBytes() <= 40 * MIB, policy.toString());
            assertTrue(o.layout().pageSize() <= 40 * MIB);
            assertEquals(40 * MIB, e.summary().bufferBytes());
            long free = e.summary().freeBytes();
            Host.Epoch after = h.advance(5 * MINUTE, List.of(new Assignment.Release(5 * MINUTE, 3)));
            assertEquals(0, after.summary().buffers());
            assertEquals(free + 40 * MIB, after.summary().freeBytes(), policy.kind().label() + ": every block back");
        }
    }

    @Test
    void shouldReportAFailedAllocationWhenNoRangeIsLargeEnough() {
        Host h = new Host(setup(0));
        Host.Epoch e = h.advance(MINUTE, List.of(new Assignment.Allocate(MINUTE, 9, 1024 * MIB)));
        assertNull(e.outcomes().get(0).layout());
        assertTrue(e.summary().largestContigBytes() < 1024 * MIB);
        assertEquals(0, e.summary().buffers());
    }

    @Test
    void shouldRefuseWorkOutsideTheEpoch() {
        Host h = new Host(setup(0));
        h.advance(MINUTE, List.of());
        assertThrows(IllegalArgumentException.class,
                () -> h.advance(2 * MINUTE, List.of(new Assignment.Allocate(MINUTE - 1, 1, MIB))));
        assertThrows(IllegalArgumentException.class, () -> h.advance(MINUTE - 1, List.of()));
    }
}
