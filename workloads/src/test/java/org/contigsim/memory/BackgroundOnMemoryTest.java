package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.workload.Background;
import org.contigsim.workload.BackgroundTrace;
import org.contigsim.workload.PageKind;
import org.contigsim.base.Rng;
import org.contigsim.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.contigsim.workload.WorkloadHost;

/**
 * The background components on the real allocator: every page goes through it, each kind gets
 * its page class and migrate type, pinned memory is pinned where pins may be, THP faults fall
 * back, and the same seed gives the same memory.
 */
class BackgroundOnMemoryTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    /** Every component busy (shares small enough that a 1 GiB host is not short of memory). */
    private static final String EVERYTHING = """
            preset = none
            anon { share = 0.3, turnover-per-hour = 20, thp = 0.5, process-size = "lognormal(8MiB, 1)" }
            kernel { slab = 0.03, reclaimable = 0.02, turnover-per-hour = 6, long-lived-per-hour = 0.01 }
            net { share = 0.02, turnover-per-hour = 60 }
            page-cache { read-per-second = "exponential(32MiB)", file-size = "lognormal(256KiB, 2)", fill = 0.1 }
            page-tables { ratio = 0.004, turnover-per-hour = 3 }
            rdma { share = 0.04, turnover-per-hour = 10, registration-size = "exponential(2MiB)" }
            """;

    private static PhysicalMemory host(long bytes, int nodes) {
        return new PhysicalMemory(HostConfig.builder(bytes).nodes(nodes).build(), 11);
    }

    private static WorkloadHost run(PhysicalMemory mem, String spec, long seed, long from, long to) {
        Rng rng = new Rng(seed);
        WorkloadHost h = new WorkloadHost(mem, rng);
        Workloads.background(spec).run(h, rng, from, to);
        return h;
    }

    @Test
    void everyComponentAllocatesThroughTheAllocatorAsItsPageClass() {
        PhysicalMemory mem = host(1L << 30, 1);
        long total = mem.totalPages();
        // five minutes: the slabs fill at 1/300 of their share per second
        WorkloadHost h = run(mem, EVERYTHING, 1, 0, 330 * SECOND);
        MemoryChecker.check(mem);
        assertEquals(0.3, h.pages(PageKind.ANON) / (double) total, 0.02);
        assertEquals(0.03, h.pages(PageKind.SLAB) / (double) total, 0.003);
        assertEquals(0.02, h.pages(PageKind.SLAB_RECLAIMABLE) / (double) total, 0.002);
        assertEquals(0.02, h.pages(PageKind.NET_BUFFER) / (double) total, 0.002);
        assertEquals(0.04, h.pages(PageKind.RDMA_PINNED) / (double) total, 0.004);
        assertEquals(0.004 * h.pages(PageKind.ANON), h.pages(PageKind.PAGE_TABLE), 0.0005 * h.pages(PageKind.ANON));
        assertTrue(h.pages(PageKind.KERNEL_LONG_LIVED) > 0);
        assertTrue(h.pages(PageKind.PAGE_CACHE) > 0);
        long held = 0;
        for (PageKind k : PageKind.values()) {
            held += h.pages(k);
        }
        long used = total - mem.freePages();
        assertTrue(held <= used && used - held < total / 20, "pages held by kinds " + held + ", in use " + used
                + " (the rest is boot memory)");
        assertTrue(mem.stats().allocations > 100_000, "page by page through the allocator: " + mem.stats().allocations);
    }

    @Test
    void eachKindIsItsOwnersMigrateTypeAndLandsInPageblocksOfIt() {
        PhysicalMemory mem = host(1L << 30, 1);
        WorkloadHost h = new WorkloadHost(mem, new Rng(1));
        for (PageKind k : PageKind.values()) {
            for (int i = 0; i < 64; i++) {
                assertTrue(h.allocate(k, 0, 0));
            }
            assertEquals(64, h.pages(k), k.name());
        }
        assertEquals(MigrateType.MOVABLE, WorkloadHost.classOf(PageKind.PAGE_CACHE).type());
        assertEquals(MigrateType.MOVABLE, WorkloadHost.classOf(PageKind.ANON).type());
        assertEquals(MigrateType.MOVABLE, WorkloadHost.classOf(PageKind.RDMA_PINNED).type());
        assertEquals(MigrateType.RECLAIMABLE, WorkloadHost.classOf(PageKind.SLAB_RECLAIMABLE).type());
        for (PageKind k : List.of(PageKind.SLAB, PageKind.PAGE_TABLE, PageKind.NET_BUFFER, PageKind.KERNEL_LONG_LIVED)) {
            assertEquals(MigrateType.UNMOVABLE, WorkloadHost.classOf(k).type(), k.name());
        }
        // on a fresh host nothing needs to fall back: every block sits in a pageblock of its own type
        for (PageKind k : PageKind.values()) {
            PageClass c = WorkloadHost.classOf(k);
            int id = mem.classId(WorkloadHost.pinned(k) ? c.withPinned(true) : c);
            for (int pfn : heads(mem, id)) {
                Zone z = mem.zoneOf(pfn);
                assertEquals(c.type().ordinal(), z.pageblockType(pfn - z.startPfn()), k + " at pfn " + pfn);
            }
        }
    }

    @Test
    void rdmaRegistrationsArePinnedAndNeverLeftInZoneMovable() {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.builder(1L << 30).movableBytes(256 * MIB).build(), 3);
        WorkloadHost h = run(mem, "preset = none\nrdma { share = 0.1, registration-size = 8MiB }\n", 2, 0, 60 * SECOND);
        MemoryChecker.check(mem);
        assertEquals(0.1, h.pages(PageKind.RDMA_PINNED) / (double) mem.totalPages(), 0.01);
        int pinned = mem.classId(WorkloadHost.classOf(PageKind.RDMA_PINNED).withPinned(true));
        assertTrue(mem.classes().get(pinned).pinned());
        assertEquals(0, mem.classPages(mem.classId(WorkloadHost.classOf(PageKind.RDMA_PINNED))), "nothing left unpinned");
        for (int pfn : heads(mem, pinned)) {
            assertNotEquals(ZoneType.MOVABLE, mem.zoneOf(pfn).type(), "pinned block at " + pfn);
        }
        assertTrue(mem.stats().pagesMigrated > 0, "movable allocations landed in ZONE_MOVABLE and were migrated to pin");
    }

    @Test
    void transparentHugePagesFallBackToSmallPagesWhenNoFree2MiBBlockIsLeft() {
        String anon = "preset = none\nanon { share = 0.3, thp = 1 }\n";
        PhysicalMemory fresh = host(1L << 30, 1);
        WorkloadHost a = run(fresh, anon, 1, 0, 120 * SECOND);
        int anonClass = fresh.classId(WorkloadHost.classOf(PageKind.ANON));
        long hugeFresh = pagesOfOrder(fresh, anonClass, 9);
        assertTrue(hugeFresh > a.pages(PageKind.ANON) * 0.9, "fresh host: THP faults get 2 MiB pages, "
                + hugeFresh + " of " + a.pages(PageKind.ANON));

        // memory full of page cache in single pages first: no free 2 MiB block, and a THP fault neither
        // reclaims nor compacts (kcompactd's proactive compaction, which would make some, is off here)
        PhysicalMemory full = new PhysicalMemory(HostConfig.builder(1L << 30).compactionProactiveness(0).build(), 11);
        run(full, "preset = none\npage-cache { read-per-second = 0, fill = 0.97, folios = \"0:1\" }\n", 1, 0, SECOND);
        WorkloadHost b = run(full, anon, 1, SECOND, 120 * SECOND);
        MemoryChecker.check(full);
        assertEquals(0.3, b.pages(PageKind.ANON) / (double) full.totalPages(), 0.02, "the share is reached anyway");
        long hugeFull = pagesOfOrder(full, anonClass, 9);
        assertTrue(hugeFull < b.pages(PageKind.ANON) / 4, "full host: faults fell back to small pages, only "
                + hugeFull + " of " + b.pages(PageKind.ANON) + " in 2 MiB pages");
    }

    @Test
    void aTraceReplaysThroughTheAllocator() {
        PhysicalMemory mem = host(1L << 30, 2);
        Rng rng = new Rng(1);
        WorkloadHost h = new WorkloadHost(mem, rng);
        BackgroundTrace trace = BackgroundTrace.parse("""
                time_s,op,kind,order,count,node
                0,alloc,page-cache,0,20000,0
                1,alloc,anon,9,10,1
                2,alloc,slab,0,3000,1
                3,free,page-cache,0,5000,0
                3,alloc,rdma-pinned,0,100,0
                """.getBytes(StandardCharsets.ISO_8859_1), "t.csv");
        long before = mem.stats().allocations;
        new Background(null, null, null, null, null, null, trace).run(h, rng, 0, 10 * SECOND);
        MemoryChecker.check(mem);
        assertEquals(15_000, h.pages(PageKind.PAGE_CACHE));
        assertEquals(5120, h.pages(PageKind.ANON));
        assertEquals(3000, h.pages(PageKind.SLAB));
        assertEquals(100, h.pages(PageKind.RDMA_PINNED));
        assertEquals(20_000 + 10 + 3000 + 100, mem.stats().allocations - before, "one allocator call per block");
        int anonClass = mem.classId(WorkloadHost.classOf(PageKind.ANON));
        for (int pfn : heads(mem, anonClass)) {
            assertEquals(1, mem.zoneOf(pfn).node(), "anon preferred node 1");
        }
    }

    @Test
    void theSameSeedGivesTheSameMemoryAndAnotherSeedOther() {
        assertEquals(aged(5), aged(5));
        assertNotEquals(aged(5), aged(6));
    }

    private static String aged(long seed) {
        PhysicalMemory mem = host(512 * MIB, 2);
        run(mem, EVERYTHING, seed, 0, 90 * SECOND);
        return BuddyInfo.format(mem) + DeterminismAndScaleTest.stats(mem.stats());
    }

    private static List<Integer> heads(PhysicalMemory mem, int classId) {
        List<Integer> heads = new ArrayList<>();
        mem.forEachBlock(classId, heads::add);
        return heads;
    }

    private static long pagesOfOrder(PhysicalMemory mem, int classId, int order) {
        long n = 0;
        for (int pfn : heads(mem, classId)) {
            if (mem.orderOf(pfn) == order) {
                n += 1L << order;
            }
        }
        return n;
    }
}
