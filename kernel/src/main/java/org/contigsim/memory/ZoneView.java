package org.contigsim.memory;

/** Read-only counters of one zone, as the kernel's {@code /proc} files see them. */
public interface ZoneView {
    int node();

    /**
     * The node's number as {@code /proc} prints it: the model numbers nodes 0.., a machine may
     * not (an imported dump of nodes 1 and 2 only); the same as {@link #node()} unless imported so.
     */
    default int procNode() {
        return node();
    }

    ZoneType type();

    /** Free blocks of exactly this order on this migrate type's free list. */
    long nrFree(int order, MigrateType type);

    /** Free blocks of this order over all migrate types (one {@code /proc/buddyinfo} column). */
    long nrFree(int order);

    /** Pageblocks of this migrate type (one {@code Number of blocks type} column). */
    long pageblocks(MigrateType type);
}
