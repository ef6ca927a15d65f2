package org.contigsim.memory;

/**
 * Memory zones in the kernel's zone index order ({@code enum zone_type}). On x86-64 DMA is the
 * first 16 MiB, DMA32 the rest of RAM below 4 GiB, Normal everything above, Movable the optional
 * zone carved from the top of each node by {@code movablecore=}/{@code kernelcore=}; other
 * architectures and imported dumps may have any subset. Device ({@code ZONE_DEVICE}) holds
 * device memory with struct pages (persistent memory, GPU memory) that the buddy allocator never
 * manages: no allocation is served from it.
 */
public enum ZoneType {
    DMA("DMA"),
    DMA32("DMA32"),
    NORMAL("Normal"),
    MOVABLE("Movable"),
    DEVICE("Device");

    private static final ZoneType[] VALUES = values();

    private final String procName;

    ZoneType(String procName) {
        this.procName = procName;
    }

    /** The name {@code /proc/buddyinfo} prints. */
    public String procName() {
        return procName;
    }

    public static ZoneType of(int ordinal) {
        return VALUES[ordinal];
    }

    public static ZoneType fromProcName(String name) {
        for (ZoneType t : VALUES) {
            if (t.procName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown zone '" + name + "'");
    }
}
