package org.contigsim.memory;

/**
 * Who holds an allocated block, in the kernel's own terms. The owner decides the default
 * migrate type of a request ({@code GFP_HIGHUSER_MOVABLE} for user memory, {@code GFP_KERNEL}
 * for kernel memory, {@code __GFP_RECLAIMABLE} for shrinkable caches) and whether kswapd may
 * evict it (clean page cache only: the model has no swap).
 */
public enum Owner {
    PAGE_CACHE("page_cache", MigrateType.MOVABLE, true),
    ANON("anon", MigrateType.MOVABLE, false),
    SLAB("slab", MigrateType.UNMOVABLE, false),
    SLAB_RECLAIMABLE("slab_reclaimable", MigrateType.RECLAIMABLE, false),
    PAGE_TABLE("page_table", MigrateType.UNMOVABLE, false),
    NET_BUFFER("net_buffer", MigrateType.UNMOVABLE, false),
    KERNEL("kernel", MigrateType.UNMOVABLE, false),
    RDMA_BUFFER("rdma_buffer", MigrateType.MOVABLE, false),
    HUGETLB("hugetlb", MigrateType.MOVABLE, false),
    /** Memory the boot allocator kept (memmap, kernel image): never free, never movable. */
    RESERVED("reserved", MigrateType.UNMOVABLE, false);

    private final String label;
    private final MigrateType defaultType;
    private final boolean evictable;

    Owner(String label, MigrateType defaultType, boolean evictable) {
        this.label = label;
        this.defaultType = defaultType;
        this.evictable = evictable;
    }

    public String label() {
        return label;
    }

    public MigrateType defaultType() {
        return defaultType;
    }

    public boolean evictable() {
        return evictable;
    }

    public static Owner fromLabel(String label) {
        for (Owner o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown owner '" + label + "'");
    }
}
