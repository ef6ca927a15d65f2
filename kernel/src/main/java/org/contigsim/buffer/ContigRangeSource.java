package org.contigsim.buffer;

import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Pages;

/**
 * Buffers as one {@code alloc_contig_pages} range (policies contig-range, movable-zone), tried
 * on each NUMA node in turn.
 */
final class ContigRangeSource implements BufferSource {
    private final PhysicalMemory mem;
    private final int classId;

    ContigRangeSource(PhysicalMemory mem, int classId) {
        this.mem = mem;
        this.classId = classId;
    }

    @Override
    public Taken take(long bytes) {
        int pages = (int) Pages.bytesToPages(bytes);
        for (int node = 0; node < mem.nodes(); node++) {
            int pfn = mem.contig().allocPages(pages, classId, node);
            if (pfn >= 0) {
                return new Taken(mem.contig().blocks(pfn, pages), new int[0]);
            }
        }
        return null;
    }

    /** The range's blocks, wherever pinning moved them. */
    @Override
    public void giveBack(Taken taken, int[] blocks) {
        for (int b : blocks) {
            mem.free(b);
        }
    }
}
