package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zone layouts as x86-64 boots them and the kernel's watermark formulas, against values computed
 * by hand. PFNs: 16 MiB = 4096, 3 GiB = 786432, 4 GiB = 1048576; memmap is 1/64 of a node's pages,
 * taken from the top of its highest kernel zone.
 */
class LayoutAndWatermarkTest {
    static ZoneLayout.ZoneSpec spec(int node, ZoneType t, int start, int pages) {
        return new ZoneLayout.ZoneSpec(node, t, start, pages);
    }

    static ZoneLayout.Range reserved(int node, int start, int pages, Owner owner) {
        return new ZoneLayout.Range(node, start, pages, owner);
    }

    // ------------------------------------------------------------------ layouts

    @Test
    void shouldLayOutA1GiBHostInDmaAndDma32Only() {
        // 1 GiB = 262144 pages, all below the PCI hole: no Normal zone; memmap 262144 / 64 = 4096
        ZoneLayout l = ZoneLayout.of(HostConfig.defaults(1L << 30));
        assertEquals(List.of(spec(0, ZoneType.DMA, 0, 4096), spec(0, ZoneType.DMA32, 4096, 258048)), l.zones());
        assertEquals(List.of(reserved(0, 258048, 4096, Owner.RESERVED)), l.reserved());
        assertEquals(List.of(), l.cma());
    }

    @Test
    void shouldStartNormalAt4GiBOnAn8GiBHost() {
        // 8 GiB = 2097152 pages: DMA32 ends at 3 GiB, the other 1310720 pages are Normal from 4 GiB;
        // memmap 2097152 / 64 = 32768 pages at Normal's top, [2326528, 2359296)
        ZoneLayout l = ZoneLayout.of(HostConfig.defaults(8L << 30));
        assertEquals(List.of(spec(0, ZoneType.DMA, 0, 4096), spec(0, ZoneType.DMA32, 4096, 782336),
                spec(0, ZoneType.NORMAL, 1048576, 1310720)), l.zones());
        assertEquals(List.of(reserved(0, 2326528, 32768, Owner.RESERVED)), l.reserved());
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(8L << 30), 1);
        assertEquals(3, m.zones().size());
        assertEquals(2097152, m.totalPages());
        assertEquals(2097152 - 32768, m.freePages());
        assertEquals(16L << 20, Pages.pagesToBytes(m.zones().get(0).spannedPages()), "DMA is the first 16 MiB");
        MemoryChecker.check(m);
    }

    @Test
    void shouldLayOutA64GiBHost() {
        // 16777216 pages: Normal [1048576, 1048576 + 16777216 - 786432 = 17039360); memmap 262144
        ZoneLayout l = ZoneLayout.of(HostConfig.defaults(64L << 30));
        assertEquals(List.of(spec(0, ZoneType.DMA, 0, 4096), spec(0, ZoneType.DMA32, 4096, 782336),
                spec(0, ZoneType.NORMAL, 1048576, 15990784)), l.zones());
        assertEquals(List.of(reserved(0, 16777216, 262144, Owner.RESERVED)), l.reserved());
        assertEquals(16777216, l.totalPages());
    }

    @Test
    void shouldGiveTheSecondNodeOnlyNormalMemory() {
        // 8 GiB over 2 nodes: 1048576 pages each. Node 0: DMA, DMA32 [4096, 786432), Normal
        // [1048576, 1310720); node 1: Normal [1310720, 2359296). memmap 16384 pages per node.
        ZoneLayout l = ZoneLayout.of(HostConfig.builder(8L << 30).nodes(2).build());
        assertEquals(List.of(spec(0, ZoneType.DMA, 0, 4096), spec(0, ZoneType.DMA32, 4096, 782336),
                spec(0, ZoneType.NORMAL, 1048576, 262144), spec(1, ZoneType.NORMAL, 1310720, 1048576)), l.zones());
        assertEquals(List.of(reserved(0, 1294336, 16384, Owner.RESERVED), reserved(1, 2342912, 16384, Owner.RESERVED)),
                l.reserved());
        assertEquals(2, l.nodes());
    }

    @Test
    void shouldCarveZoneMovableFromTheTopOfEachNode() {
        // movablecore=1G: Normal keeps [1048576, 2097152), Movable [2097152, 2359296); memmap
        // stays in the kernel zone's top [2064384, 2097152)
        HostConfig c = HostConfig.builder(8L << 30).movableBytes(1L << 30).build();
        ZoneLayout l = ZoneLayout.of(c);
        assertEquals(List.of(spec(0, ZoneType.DMA, 0, 4096), spec(0, ZoneType.DMA32, 4096, 782336),
                spec(0, ZoneType.NORMAL, 1048576, 1048576), spec(0, ZoneType.MOVABLE, 2097152, 262144)), l.zones());
        assertEquals(List.of(reserved(0, 2064384, 32768, Owner.RESERVED)), l.reserved());
        // ZONE_MOVABLE's min watermark: clamp(managed / 1024, 32, 128) = clamp(256) = 128;
        // low = 128 + max(128 / 4, 262144 * 10 / 10000 = 262) = 390, high = 652
        PhysicalMemory m = new PhysicalMemory(c, 1);
        Zone movable = Layouts.zone(m, ZoneType.MOVABLE);
        assertEquals(262144, movable.managedPages());
        assertEquals(128, movable.watermarkMin());
        assertEquals(390, movable.watermarkLow());
        assertEquals(652, movable.watermarkHigh());
        // only movable allocations go there
        assertEquals(ZoneType.MOVABLE, m.zoneOf(m.allocate(0, m.classId(Owner.ANON), 0)).type());
        assertEquals(ZoneType.NORMAL, m.zoneOf(m.allocate(0, m.classId(Owner.SLAB), 0)).type());
        MemoryChecker.check(m);
    }

    @Test
    void shouldPutTheCmaAreaAtTheTopOfNode0sKernelZone() {
        // cma=256M: 65536 pages at [2359296 - 65536 = 2293760, 2359296), memmap below it
        HostConfig c = HostConfig.builder(8L << 30).cmaBytes(256L << 20).build();
        ZoneLayout l = ZoneLayout.of(c);
        assertEquals(List.of(new ZoneLayout.Range(0, 2293760, 65536, Owner.RESERVED)), l.cma());
        assertEquals(List.of(reserved(0, 2260992, 32768, Owner.RESERVED)), l.reserved());
        PhysicalMemory m = new PhysicalMemory(c, 1);
        Zone normal = Layouts.zone(m, ZoneType.NORMAL);
        assertTrue(m.cmaConfigured());
        assertEquals(128, normal.pageblocks(MigrateType.CMA));
        assertEquals(65536, normal.freeCmaPages());
        for (int pfn = 2293760; pfn < 2359296; pfn += 512) {
            assertEquals(MigrateType.CMA.ordinal(), normal.pageblockType(pfn - normal.startPfn()));
        }
        MemoryChecker.check(m);
    }

    @Test
    void shouldSplitBootBlocksAtACmaEdgeThatIsNot4MiBAligned() {
        // 64 MiB, no memmap, 2 MiB of CMA: CMA is [15872, 16384), the pageblock below is Movable:
        // the order-10 block [15360, 16384) must not be handed out whole
        HostConfig c = HostConfig.builder(64L << 20).cmaBytes(2L << 20).reserveMemmap(false).build();
        PhysicalMemory m = new PhysicalMemory(c, 1);
        Zone z = Layouts.zone(m, ZoneType.DMA32);
        assertEquals(PageState.freeState(9, MigrateType.MOVABLE.ordinal()), z.pageState(15360 - z.startPfn()));
        assertEquals(PageState.freeState(9, MigrateType.CMA.ordinal()), z.pageState(15872 - z.startPfn()));
        assertEquals(512, z.freeCmaPages());
        MemoryChecker.check(m);
    }

    @Test
    void shouldReserveGiganticHugetlbPagesTopDownAndAligned() {
        // 8 GiB, 2 x 1 GiB: below the memmap (2326528): alignDown(2326528 - 262144, 262144) =
        // 1835008 (7 GiB), then 1572864 (6 GiB)
        HostConfig c = HostConfig.builder(8L << 30)
                .hugetlb(List.of(new HostConfig.HugetlbReservation(1L << 30, 2))).build();
        ZoneLayout l = ZoneLayout.of(c);
        assertEquals(List.of(reserved(0, 1572864, 262144, Owner.HUGETLB), reserved(0, 1835008, 262144, Owner.HUGETLB),
                reserved(0, 2326528, 32768, Owner.RESERVED)), l.reserved());
        assertThrows(IllegalArgumentException.class, () -> ZoneLayout.of(HostConfig.builder(1L << 30)
                .hugetlb(List.of(new HostConfig.HugetlbReservation(1L << 30, 1))).build()), "a 1 GiB page cannot fit in 1 GiB");
    }

    // ------------------------------------------------------------------ watermarks

    /**
     * 8 GiB, kernel defaults. managed: DMA 4096, DMA32 782336, Normal 1310720 - 32768 = 1277952;
     * lowmem = 2064384 pages = 8257536 kB.
     * <ul>
     *   <li>init_per_zone_wmark_min: sqrt(8257536 * 16 = 132120576) = 11494 (11494^2 = 132112036,
     *       11495^2 = 132135025), within [128, 262144];</li>
     *   <li>THP's set_recommended_min_free_kbytes, 3 populated zones: 512*3*2 + 512*3*3*3 =
     *       3072 + 13824 = 16896 pages (below lowmem / 20 = 103219) = 67584 kB; the larger wins:
     *       min_free_kbytes = 67584, pages_min = 16896;</li>
     *   <li>per zone min = pages_min * managed / lowmem: DMA 69206016 / 2064384 = 33,
     *       DMA32 13218349056 / 2064384 = 6403, Normal 21592276992 / 2064384 = 10459;</li>
     *   <li>low = min + max(min / 4, managed * 10 / 10000), high = min + 2 * that:
     *       DMA 33 + max(8, 4) = 41, 49; DMA32 6403 + max(1600, 782) = 8003, 9603;
     *       Normal 10459 + max(2614, 1277) = 13073, 15687.</li>
     * </ul>
     */
    @Test
    void shouldComputeTheKernelsWatermarksForAn8GiBHost() {
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(8L << 30), 1);
        Zone dma = Layouts.zone(m, ZoneType.DMA);
        Zone dma32 = Layouts.zone(m, ZoneType.DMA32);
        Zone normal = Layouts.zone(m, ZoneType.NORMAL);
        assertEquals(4096, dma.managedPages());
        assertEquals(782336, dma32.managedPages());
        assertEquals(1277952, normal.managedPages());
        assertEquals(List.of(33L, 41L, 49L), List.of(dma.watermarkMin(), dma.watermarkLow(), dma.watermarkHigh()));
        assertEquals(List.of(6403L, 8003L, 9603L), List.of(dma32.watermarkMin(), dma32.watermarkLow(), dma32.watermarkHigh()));
        assertEquals(List.of(10459L, 13073L, 15687L),
                List.of(normal.watermarkMin(), normal.watermarkLow(), normal.watermarkHigh()));
        // the per-zone mins add up to pages_min less rounding
        assertEquals(16896 - 1, dma.watermarkMin() + dma32.watermarkMin() + normal.watermarkMin());
    }

    @Test
    void shouldComputeLowmemReserveForAn8GiBHost() {
        // lowmem_reserve_ratio {256, 256, 32}: DMA against DMA32 requests keeps 782336 / 256 = 3056,
        // against Normal (782336 + 1277952) / 256 = 8048; DMA32 against Normal 1277952 / 256 = 4992;
        // Normal against Movable (none) 0
        PhysicalMemory m = new PhysicalMemory(HostConfig.defaults(8L << 30), 1);
        Zone dma = Layouts.zone(m, ZoneType.DMA);
        Zone dma32 = Layouts.zone(m, ZoneType.DMA32);
        Zone normal = Layouts.zone(m, ZoneType.NORMAL);
        assertEquals(3056, dma.lowmemReserve(ZoneType.DMA32.ordinal()));
        assertEquals(8048, dma.lowmemReserve(ZoneType.NORMAL.ordinal()));
        assertEquals(8048, dma.lowmemReserve(ZoneType.MOVABLE.ordinal()));
        assertEquals(4992, dma32.lowmemReserve(ZoneType.NORMAL.ordinal()));
        assertEquals(0, normal.lowmemReserve(ZoneType.MOVABLE.ordinal()));
    }

    @Test
    void shouldHonourExplicitMinFreeKbytesAndWatermarkScaleFactor() {
        // min_free_kbytes = 4096 -> pages_min 1024; Normal min = 1024 * 1277952 / 2064384 = 633;
        // watermark_scale_factor = 1000 (10%): low = 633 + max(158, 127795) = 128428, high = 256223
        PhysicalMemory m = new PhysicalMemory(HostConfig.builder(8L << 30).minFreeKbytes(4096)
                .watermarkScaleFactor(1000).build(), 1);
        Zone normal = Layouts.zone(m, ZoneType.NORMAL);
        assertEquals(633, normal.watermarkMin());
        assertEquals(128428, normal.watermarkLow());
        assertEquals(256223, normal.watermarkHigh());
    }
}
