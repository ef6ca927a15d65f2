package org.contigsim.memory;

/**
 * Memory zones as on x86-64, in the kernel's zone index order. DMA is the first 16 MiB,
 * DMA32 the rest of RAM below 4 GiB, Normal everything above, Movable the optional zone
 * carved from the top of each node by {@code movablecore=}/{@code kernelcore=}.
 */
public enum ZoneType {
    DMA("DMA"),
    DMA32("DMA32"),
    NORMAL("Normal"),
    MOVABLE("Movable");

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
