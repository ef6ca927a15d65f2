package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;

/**
 * Zone watermarks ({@code mm/page_alloc.c}: {@code __setup_per_zone_wmarks},
 * {@code setup_per_zone_lowmem_reserve}, {@code init_per_zone_wmark_min}, and
 * {@code __zone_watermark_ok}). A watermark is a number of free pages a zone must keep:
 * below {@code low} an allocation wakes kswapd, which reclaims until {@code high}; only the slow
 * path may go down to {@code min}, and below that it reclaims and compacts directly. A fallback
 * that claims a pageblock boosts the watermarks by a pageblock ({@code watermark_boost}) until
 * kswapd has run. {@code lowmem_reserve} raises the bar of a lower zone for requests that could
 * have used a higher one, so DMA and DMA32 are not used up by allocations that fit in Normal.
 */
final class Watermarks {
    private static final int[] LOWMEM_RESERVE_RATIO = {256, 256, 32, 0};

    private Watermarks() {
    }

    /** Sets every zone's min, low and high watermarks and lowmem reserves from its managed pages. */
    static void setup(HostConfig config, Zone[] zones, Zone[][] nodeZones) {
        long lowmemPages = 0;
        for (Zone z : zones) {
            if (z.type() != ZoneType.MOVABLE) {
                lowmemPages += z.managedPages();
            }
        }
        long minFreeKbytes = config.minFreeKbytes() > 0 ? config.minFreeKbytes() : defaultMinFreeKbytes(zones, lowmemPages);
        long pagesMin = minFreeKbytes >> (Pages.PAGE_SHIFT - 10);
        for (Zone z : zones) {
            long min;
            if (z.type() == ZoneType.MOVABLE) {
                min = Math.max(Vmscan.SWAP_CLUSTER_MAX, Math.min(128, z.managedPages() / 1024));
            } else {
                min = lowmemPages == 0 ? 0 : pagesMin * z.managedPages() / lowmemPages;
            }
            long tmp = Math.max(min >> 2, z.managedPages() * config.watermarkScaleFactor() / 10000);
            z.setWatermarks(min, min + tmp, min + 2 * tmp);
        }
        for (Zone[] byType : nodeZones) {
            for (int i = 0; i < byType.length - 1; i++) {
                Zone z = byType[i];
                if (z == null) {
                    continue;
                }
                long above = 0;
                for (int j = i + 1; j < byType.length; j++) {
                    if (byType[j] != null) {
                        above += byType[j].managedPages();
                    }
                    int ratio = LOWMEM_RESERVE_RATIO[i];
                    z.setLowmemReserve(j, ratio == 0 || z.managedPages() == 0 ? 0 : above / ratio);
                }
            }
        }
    }

    /**
     * init_per_zone_wmark_min: sqrt(lowmem_kbytes * 16) clamped to [128, 262144]; raised, as
     * khugepaged does when transparent hugepages are enabled (every major distribution), to
     * keep a few pageblocks per zone and migrate type free.
     */
    private static long defaultMinFreeKbytes(Zone[] zones, long lowmemPages) {
        long lowmemKbytes = lowmemPages << (Pages.PAGE_SHIFT - 10);
        long kb = Math.max(128, Math.min(262144, isqrt(lowmemKbytes * 16)));
        long populated = 0;
        for (Zone z : zones) {
            if (z.type() != ZoneType.MOVABLE && z.managedPages() > 0) {
                populated++;
            }
        }
        long recommended = Pages.PAGEBLOCK_PAGES * populated * 2
                + (long) Pages.PAGEBLOCK_PAGES * populated * MigrateType.PCPTYPES * MigrateType.PCPTYPES;
        recommended = Math.min(recommended, lowmemPages / 20);
        recommended <<= Pages.PAGE_SHIFT - 10;
        return Math.max(kb, recommended);
    }

    static long isqrt(long v) {
        long r = (long) Math.sqrt((double) v);
        while (r * r > v) {
            r--;
        }
        while ((r + 1) * (r + 1) <= v) {
            r++;
        }
        return r;
    }

    /** __zone_watermark_ok (with zone_watermark_fast's order-0 shortcut). */
    static boolean ok(Zone z, int order, long mark, int highest, int flags) {
        long free = z.freePages();
        if ((flags & RmQueue.ALLOC_CMA) == 0) {
            free -= z.freeCmaPages();
        }
        free -= (1L << order) - 1;
        if (free <= mark + z.lowmemReserve(highest)) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o <= MAX_ORDER; o++) {
            if (z.freeArea().nrFree(o) == 0) {
                continue;
            }
            for (int mt = 0; mt < MigrateType.PCPTYPES; mt++) {
                if (z.freeArea().nrFree(o, mt) != 0) {
                    return true;
                }
            }
            if ((flags & RmQueue.ALLOC_CMA) != 0 && z.freeArea().nrFree(o, RmQueue.CMA) != 0) {
                return true;
            }
        }
        return false;
    }
}
