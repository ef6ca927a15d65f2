package org.contigsim.memory;

/**
 * One hugetlbfs page size's pool ({@code struct hstate}): pages reserved for huge pages, free
 * or handed out. Boot reservations fill it before fragmentation exists; {@link #grow} adds a
 * page at run time the way writing {@code nr_hugepages} does (a buddy allocation with retries
 * and direct compaction for 2 MiB; {@code alloc_contig_pages} for gigantic pages), which can fail.
 */
public final class HugetlbPool {
    private final PhysicalMemory mem;
    private final long pageBytes;
    private final int pages;
    private final IntStack free = new IntStack();
    private int total;

    HugetlbPool(PhysicalMemory mem, long pageBytes) {
        this.mem = mem;
        this.pageBytes = pageBytes;
        this.pages = (int) Pages.bytesToPages(pageBytes);
    }

    void addBoot(int pfn) {
        total++;
        free.push(pfn);
    }

    public long pageBytes() {
        return pageBytes;
    }

    /** Pool size (HugePages_Total). */
    public int total() {
        return total;
    }

    /** Pages not handed out (HugePages_Free). */
    public int free() {
        return free.size();
    }

    /** Takes a huge page from the pool; its first PFN, or -1 when the pool is empty. */
    public int take() {
        return free.isEmpty() ? -1 : free.pop();
    }

    /** Returns a huge page to the pool. */
    public void give(int pfn) {
        free.push(pfn);
    }

    /** Adds one page to the pool at run time; its PFN, or -1 when memory is too fragmented. */
    public int grow(int node) {
        int cls = mem.classId(Owner.HUGETLB);
        int pfn;
        if (pages <= Pages.MAX_ORDER_PAGES) {
            pfn = mem.allocate(Integer.numberOfTrailingZeros(pages), cls, node, Gfp.RETRY_MAYFAIL);
        } else {
            pfn = mem.contig.allocPages(pages, cls, node);
        }
        if (pfn >= 0) {
            total++;
            free.push(pfn);
        }
        return pfn;
    }

    /** Releases one free pool page back to the buddy allocator; false when none is free. */
    public boolean shrink() {
        if (free.isEmpty()) {
            return false;
        }
        int pfn = free.pop();
        if (pages <= Pages.MAX_ORDER_PAGES) {
            mem.free(pfn);
        } else {
            mem.contig.freeRange(pfn, pages);
        }
        total--;
        return true;
    }
}
