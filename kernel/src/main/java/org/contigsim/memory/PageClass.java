package org.contigsim.memory;

/**
 * What an allocated block is: its owner, the migrate type it was requested with, whether it is
 * long-term pinned (FOLL_LONGTERM, as RDMA registration does), and a free-form tag (a script's
 * name for a group of allocations). Blocks of one class share one small id in the page-state
 * byte, so the model keeps one byte per page frame.
 */
public record PageClass(Owner owner, MigrateType type, boolean pinned, String tag) {
    public PageClass {
        if (type.ordinal() >= MigrateType.PCPTYPES) {
            throw new IllegalArgumentException("allocations are unmovable, movable or reclaimable, not " + type);
        }
        tag = tag == null ? "" : tag;
    }

    public static PageClass of(Owner owner) {
        return new PageClass(owner, owner.defaultType(), false, "");
    }

    /** Whether compaction and alloc_contig_range may migrate a block of this class. */
    public boolean migratable() {
        return type == MigrateType.MOVABLE && !pinned && owner != Owner.HUGETLB && owner != Owner.RESERVED;
    }

    public PageClass withPinned(boolean pin) {
        return new PageClass(owner, type, pin, tag);
    }
}
