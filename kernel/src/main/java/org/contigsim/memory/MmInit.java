package org.contigsim.memory;

import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

/**
 * Boot ({@code mm/mm_init.c}: {@code free_area_init} creating the zones, {@code memmap_init}
 * marking CMA pageblocks, {@code memblock_free_all} handing the free memory to the buddy
 * allocator), with the zone boundaries {@link ZoneLayout} computed. Reserved ranges stay
 * allocated to their owners; a gigantic hugetlb reservation joins its {@link Hugetlb} pool. A host
 * can instead be restored from a {@link BootImage} of a real one.
 */
final class MmInit {
    private MmInit() {
    }

    /** The zones of {@code layout}, empty (every page a tail until boot or restore fills them). */
    static Zone[] createZones(ZoneLayout layout, HostConfig config, PageClasses classes) {
        Zone[] zones = new Zone[layout.zones().size()];
        for (int i = 0; i < zones.length; i++) {
            ZoneLayout.ZoneSpec s = layout.zones().get(i);
            long[] protectMin = config.protectOrders() != null && hasAny(config.protectOrders())
                    ? config.protectOrders().clone() : null;
            zones[i] = new Zone(s.node(), layout.procNode(s.node()), s.type(), s.startPfn(), s.pages(), classes,
                    protectMin);
        }
        return zones;
    }

    private static boolean hasAny(long[] a) {
        for (long v : a) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** Boots {@code mem}'s zones as {@code layout} says: CMA pageblocks, reserved ranges, the rest free. */
    static void boot(PhysicalMemory mem, ZoneLayout layout) {
        PageClasses classes = mem.classes;
        for (ZoneLayout.Range r : layout.cma()) {
            Zone z = mem.zoneOf(r.startPfn());
            for (int pfn = r.startPfn(); pfn < r.endPfn(); pfn += Pages.PAGEBLOCK_PAGES) {
                z.pageblocks().setType((pfn - z.startPfn()) >>> PAGEBLOCK_ORDER, MigrateType.CMA.ordinal());
            }
        }
        for (Zone z : mem.zones) {
            int zoneStart = z.startPfn();
            int zoneEnd = zoneStart + z.spannedPages();
            int cursor = zoneStart;
            for (ZoneLayout.Range r : layout.reserved()) {
                if (r.endPfn() <= zoneStart || r.startPfn() >= zoneEnd) {
                    continue;
                }
                int start = Math.max(r.startPfn(), zoneStart);
                int end = Math.min(r.endPfn(), zoneEnd);
                releaseBootRange(z, cursor - zoneStart, start - zoneStart);
                bootReserve(mem, z, start - zoneStart, end - zoneStart, classes.id(PageClass.of(r.owner())), r.owner());
                cursor = end;
            }
            releaseBootRange(z, cursor - zoneStart, z.spannedPages());
            z.setManagedPages(z.freePages());
        }
    }

    /**
     * memblock_free_all: hands a range to the buddy allocator as maximal aligned blocks, to list
     * tails; an order-10 block is split where its two pageblocks differ in type (a CMA edge).
     */
    private static void releaseBootRange(Zone z, int from, int to) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            if (order > PAGEBLOCK_ORDER && z.pageblockType(off) != z.pageblockType(off + Pages.PAGEBLOCK_PAGES)) {
                order = PAGEBLOCK_ORDER;
            }
            z.bootFree(off, order, z.pageblockType(off));
            off += 1 << order;
        }
    }

    private static void bootReserve(PhysicalMemory mem, Zone z, int from, int to, int cls, Owner owner) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            z.bootAllocated(off, order, cls);
            off += 1 << order;
        }
        if (owner == Owner.HUGETLB) {
            mem.hugetlb.pool(Pages.pagesToBytes(to - from)).addBoot(z.startPfn() + from);
        }
    }

    /** Lays the zones out as {@code image} describes: its free blocks free, every other page allocated. */
    static void restore(PhysicalMemory mem, BootImage image) {
        Zone[] zones = mem.zones;
        PageClasses classes = mem.classes;
        if (image.zones().size() != zones.length) {
            throw new IllegalArgumentException("boot image has " + image.zones().size() + " zones, layout " + zones.length);
        }
        int[] ownerOfType = new int[MigrateType.values().length];
        int cache = classes.id(Owner.PAGE_CACHE);
        int kernel = classes.id(Owner.KERNEL);
        java.util.Arrays.fill(ownerOfType, cache);
        ownerOfType[MigrateType.UNMOVABLE.ordinal()] = kernel;
        ownerOfType[MigrateType.HIGHATOMIC.ordinal()] = kernel;
        ownerOfType[MigrateType.RECLAIMABLE.ordinal()] = classes.id(Owner.SLAB_RECLAIMABLE);
        int[] device = new int[MigrateType.values().length];
        java.util.Arrays.fill(device, classes.id(Owner.RESERVED));
        for (int i = 0; i < zones.length; i++) {
            Zone z = zones[i];
            BootImage.ZoneImage zi = image.zones().get(i);
            if (z.type() == ZoneType.DEVICE) {
                // memmap_init_zone_device: struct pages, never freed to the buddy allocator
                fillAllocated(z, 0, z.spannedPages(), device);
                z.setManagedPages(0);
                continue;
            }
            if (zi.pageblockTypes().length != z.pageblocks().count()) {
                throw new IllegalArgumentException(z + ": boot image has " + zi.pageblockTypes().length
                        + " pageblocks, zone " + z.pageblocks().count());
            }
            for (int pb = 0; pb < z.pageblocks().count(); pb++) {
                z.pageblocks().setType(pb, zi.pageblockTypes()[pb]);
            }
            int cursor = 0;
            for (int b = 0; b < zi.freeOffsets().length; b++) {
                int off = zi.freeOffsets()[b];
                int order = zi.freeOrders()[b];
                if (off < cursor || (off & ((1 << order) - 1)) != 0 || off + (1 << order) > z.spannedPages()) {
                    throw new IllegalArgumentException(z + ": free block at offset " + off + " order " + order
                            + " overlaps, is unaligned or leaves the zone");
                }
                fillAllocated(z, cursor, off, ownerOfType);
                z.bootFree(off, order, zi.freeListTypes()[b]);
                cursor = off + (1 << order);
            }
            fillAllocated(z, cursor, z.spannedPages(), ownerOfType);
            z.setManagedPages(z.spannedPages());
        }
    }

    /** Allocated memory of a restored host is taken as 4 KiB pages: its folio sizes are unknown. */
    private static void fillAllocated(Zone z, int from, int to, int[] ownerOfType) {
        for (int off = from; off < to; off++) {
            z.bootAllocated(off, 0, ownerOfType[z.pageblockType(off)]);
        }
    }
}
