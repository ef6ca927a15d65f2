package org.contigsim.memory;

import java.util.List;

/**
 * A host's memory as found on a real machine (for example rebuilt from {@code /proc/buddyinfo}
 * and {@code /proc/pagetypeinfo}), to start a simulation from instead of a fresh boot: per zone,
 * every pageblock's migrate type and every free block. All other pages are allocated, to the
 * owner their pageblock's type suggests (movable: page cache; unmovable and highatomic: kernel;
 * reclaimable: reclaimable slab).
 *
 * @param zones one entry per zone of the layout, in the same order
 * @param cmaConfigured whether the machine's kernel had CMA (its pagetypeinfo prints CMA rows)
 */
public record BootImage(List<ZoneImage> zones, boolean cmaConfigured) {
    public BootImage {
        zones = List.copyOf(zones);
    }

    /**
     * One zone's pageblock types and free blocks. Free blocks are given in ascending offset
     * order, naturally aligned, and none may have a free buddy of its own order (the kernel
     * would have merged them).
     *
     * @param pageblockTypes {@link MigrateType} ordinal per pageblock
     * @param freeOffsets zone offsets of free blocks, ascending
     * @param freeOrders order of each free block
     * @param freeListTypes free list ({@link MigrateType} ordinal) of each block
     */
    public record ZoneImage(byte[] pageblockTypes, int[] freeOffsets, byte[] freeOrders, byte[] freeListTypes) {
        public ZoneImage {
            if (freeOffsets.length != freeOrders.length || freeOffsets.length != freeListTypes.length) {
                throw new IllegalArgumentException("free block arrays differ in length");
            }
        }
    }
}
