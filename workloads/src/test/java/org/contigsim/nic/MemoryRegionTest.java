package org.contigsim.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.workload.FragmentingWorkload;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;

class MemoryRegionTest {
    private static final long CX5 = MttPageSize.sizes(4096, 2L << 30);
    private static final long VA = 0x7f0000000000L;

    @Test
    void shouldGiveAScatteredMemalignBufferOneEntryPerPageAndPinIt() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(1L << 30), 1);
        Rng rng = new Rng(1);
        FragmentingWorkload.defaults().run(new WorkloadHost(mem, rng), rng, 0, 120_000_000_000L);
        int anon = mem.classId(PageClass.of(Owner.ANON));
        int[] frames = new int[4096];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = mem.allocate(0, anon, 0);
        }
        MemoryRegion mr = MemoryRegion.register(mem, VA, frames, CX5);
        assertNotNull(mr);
        assertEquals(16L << 20, mr.length());
        assertEquals(4096, mr.pageSize());
        assertEquals(4096, mr.mttEntries());
        assertTrue(mr.extents().size() > 1, "frames from a busy host are not one run");
        int pinned = mem.classId(PageClass.of(Owner.ANON).withPinned(true));
        assertEquals(4096, mem.classPages(pinned));
        mr.deregister(mem);
        assertEquals(0, mem.classPages(pinned));
        for (int frame : mr.blocks()) {
            assertEquals(anon, mem.classAt(frame), "deregistering gives the frames back unpinned");
        }
    }

    @Test
    void shouldGiveAnAlignedContiguousBufferOneEntry() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(4L << 30), 1);
        int rdma = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
        int pfn = mem.contig().allocPages(4096, rdma, 0);
        assertTrue(pfn >= 0);
        int[] blocks = {pfn, pfn + 1024, pfn + 2048, pfn + 3072};
        MemoryRegion mr = MemoryRegion.register(mem, VA, blocks, CX5);
        assertEquals(1, mr.extents().size());
        assertEquals(16L << 20, mr.pageSize());
        assertEquals(1, mr.mttEntries());
    }

    @Test
    void shouldMigrateBlocksOutOfTheMovableZoneBeforePinning() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.builder(8L << 30).movableBytes(1L << 30).build(), 1);
        int anon = mem.classId(PageClass.of(Owner.ANON));
        int pfn = mem.allocate(0, anon, 0); // movable requests fill ZONE_MOVABLE first
        assertEquals("Movable", mem.zoneOf(pfn).type().procName());
        MemoryRegion mr = MemoryRegion.register(mem, VA, new int[] {pfn}, CX5);
        int moved = mr.blocks()[0];
        assertTrue(moved != pfn);
        assertEquals("Normal", mem.zoneOf(moved).type().procName());
        assertEquals(moved * 4096L, mr.extents().get(0).address());
    }
}
