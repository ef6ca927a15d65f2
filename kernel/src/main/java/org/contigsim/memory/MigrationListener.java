package org.contigsim.memory;

/**
 * Told when compaction, alloc_contig_range or a long-term pin moves an allocated block to
 * another frame: the model's stand-in for the reverse map that rewrites page tables. Owners that
 * keep physical addresses (an operation trace's handles, a registered buffer) follow the move.
 */
@FunctionalInterface
public interface MigrationListener {
    MigrationListener NONE = (from, to, order, classId) -> { };

    void moved(int fromPfn, int toPfn, int order, int classId);
}
