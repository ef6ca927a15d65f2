package org.contigsim.buffer;

import org.contigsim.memory.HugetlbPool;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Pages;

/**
 * Buffers as whole huge pages of the boot-time pool (policy hugetlb-boot), in the order the pool
 * hands them out (its free list, last freed first, as {@code dequeue_hugetlb_folio_node_exact}
 * does). They go back to the pool, never to the buddy allocator.
 */
final class HugetlbSource implements BufferSource {
    private final PhysicalMemory mem;
    private final HugetlbPool pool;

    HugetlbSource(PhysicalMemory mem, HugetlbPool pool) {
        this.mem = mem;
        this.pool = pool;
    }

    /** Null, taking nothing, when the pool has too few pages. */
    @Override
    public Taken take(long bytes) {
        long size = pool.pageBytes();
        int n = (int) ((bytes + size - 1) / size);
        if (pool.free() < n) {
            return null;
        }
        int[] hugePages = new int[n];
        for (int i = 0; i < n; i++) {
            hugePages[i] = pool.take();
        }
        return new Taken(blocks(hugePages), hugePages);
    }

    /** The block heads the huge pages are made of, in the buffer's order. */
    private int[] blocks(int[] hugePages) {
        int pagesEach = (int) Pages.bytesToPages(pool.pageBytes());
        int[][] each = new int[hugePages.length][];
        int n = 0;
        for (int i = 0; i < hugePages.length; i++) {
            each[i] = mem.contig().blocks(hugePages[i], pagesEach);
            n += each[i].length;
        }
        int[] blocks = new int[n];
        int at = 0;
        for (int[] b : each) {
            System.arraycopy(b, 0, blocks, at, b.length);
            at += b.length;
        }
        return blocks;
    }

    @Override
    public void giveBack(Taken taken, int[] blocks) {
        for (int pfn : taken.poolPages()) {
            pool.give(pfn);
        }
    }

    @Override
    public long poolFreeBytes() {
        return pool.free() * pool.pageBytes();
    }
}
