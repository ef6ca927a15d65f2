package org.contigsim.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.workload.FragmentingWorkload;
import org.contigsim.base.Rng;
import org.junit.jupiter.api.Test;

class PerftestTest {
    private static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");

    @Test
    void shouldGetFourKibPagesForMemalignAndOneEntryForContiguousOnAFragmentedHost() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(2L << 30), 3);
        Rng rng = new Rng(3);
        FragmentingWorkload.defaults().run(new WorkloadHost(mem, rng), rng, 0, 600_000_000_000L);
        MemoryRegion memalign = Perftest.memalign(mem, CX5);
        MemoryRegion contiguous = Perftest.contiguous(mem, CX5);
        assertNotNull(memalign);
        assertNotNull(contiguous);
        assertEquals(4096, memalign.pageSize());
        assertEquals(4096, memalign.mttEntries());
        assertEquals(Perftest.REGION_BYTES, contiguous.pageSize());
        assertEquals(1, contiguous.mttEntries());
        assertEquals(RegionLayout.scattered(Perftest.MEMALIGN_IOVA, Perftest.REGION_BYTES), RegionLayout.of(memalign));
        int pinned = mem.classId(PageClass.of(Owner.RDMA_BUFFER).withPinned(true));
        assertEquals(4096, mem.classPages(pinned), "registration pins the contiguous buffer");
    }

    @Test
    void shouldFailTheContiguousBufferWhenEveryPageblockHoldsAPinnedPage() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(256L << 20), 1);
        int pinned = mem.classId(PageClass.of(Owner.KERNEL).withPinned(true));
        int filler = mem.classId(PageClass.of(Owner.ANON));
        // take everything, then give back all but one page per 512-page pageblock
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (int pfn; (pfn = mem.allocate(0, filler, 0, org.contigsim.memory.Gfp.LIGHT)) >= 0; ) {
            all.add(pfn);
        }
        for (int pfn : all) {
            if (pfn % 512 != 7) {
                mem.free(pfn);
            } else {
                mem.pin(pfn);
            }
        }
        assertTrue(mem.classPages(pinned) + mem.classPages(mem.classId(PageClass.of(Owner.ANON).withPinned(true))) > 0);
        assertNull(Perftest.contiguous(mem, CX5));
    }
}
