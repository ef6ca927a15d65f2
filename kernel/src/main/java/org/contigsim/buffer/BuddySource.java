package org.contigsim.buffer;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Pages;

/**
 * Buffers from the buddy allocator (policies buddy, compaction, protect-orders): each time the
 * largest block, up to order 10 (4 MiB), that still fits what is missing, a smaller one when that
 * order fails, as a driver's page-by-page allocation gets them ({@code __get_free_pages} in a
 * loop).
 */
final class BuddySource implements BufferSource {
    private final PhysicalMemory mem;
    private final int classId;
    /** {@link org.contigsim.memory.Gfp} flags: whether a missing order is compacted for. */
    private final int gfp;

    BuddySource(PhysicalMemory mem, int classId, int gfp) {
        this.mem = mem;
        this.classId = classId;
        this.gfp = gfp;
    }

    /** Null (and nothing kept) when not even a page is left. */
    @Override
    public Taken take(long bytes) {
        int pages = (int) Pages.bytesToPages(bytes);
        List<Integer> got = new ArrayList<>();
        int missing = pages;
        int order = Math.min(Pages.MAX_ORDER, 31 - Integer.numberOfLeadingZeros(missing));
        while (missing > 0) {
            order = Math.min(order, 31 - Integer.numberOfLeadingZeros(missing));
            int pfn = mem.allocate(order, classId, 0, gfp);
            if (pfn >= 0) {
                got.add(pfn);
                missing -= 1 << order;
            } else if (order > 0) {
                order--; // a smaller block next; larger ones will not appear during this buffer
            } else {
                for (int b : got) {
                    mem.free(b);
                }
                return null;
            }
        }
        return new Taken(got.stream().mapToInt(Integer::intValue).toArray(), new int[0]);
    }

    @Override
    public void giveBack(Taken taken, int[] blocks) {
        for (int b : blocks) {
            mem.free(b);
        }
    }
}
