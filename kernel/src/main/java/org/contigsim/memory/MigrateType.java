package org.contigsim.memory;

/**
 * A pageblock's (and a free list's) migrate type, in the kernel's enum order
 * ({@code include/linux/mmzone.h}). The grouping-by-mobility allocator keeps each type's
 * allocations inside pageblocks of that type; fallbacks between the first three types are
 * what scatters unmovable pages through movable memory.
 */
public enum MigrateType {
    UNMOVABLE("Unmovable"),
    MOVABLE("Movable"),
    RECLAIMABLE("Reclaimable"),
    HIGHATOMIC("HighAtomic"),
    CMA("CMA"),
    ISOLATE("Isolate");

    /** Types an ordinary allocation can request (the kernel's MIGRATE_PCPTYPES). */
    public static final int PCPTYPES = 3;

    private static final MigrateType[] VALUES = values();

    private final String procName;

    MigrateType(String procName) {
        this.procName = procName;
    }

    /** The name {@code /proc/pagetypeinfo} prints. */
    public String procName() {
        return procName;
    }

    public static MigrateType of(int ordinal) {
        return VALUES[ordinal];
    }

    public static MigrateType fromProcName(String name) {
        for (MigrateType t : VALUES) {
            if (t.procName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown migrate type '" + name + "'");
    }
}
