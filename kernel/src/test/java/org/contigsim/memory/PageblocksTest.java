package org.contigsim.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-pageblock counters and the free-CMA count that follows them, on a zone of three and a half pageblocks. */
class PageblocksTest {
    static final int CMA = MigrateType.CMA.ordinal();
    static final int M = MigrateType.MOVABLE.ordinal();

    @Test
    void shouldMoveAPageblocksFreePagesInAndOutOfTheCmaCount() {
        Pageblocks pb = new Pageblocks(3 * 512 + 256, new PageClasses());
        assertEquals(4, pb.count());
        assertEquals(256, pb.pageblockPages(3), "the last pageblock is short");
        pb.bootFree(0, 1024);
        pb.setType(1, CMA);
        assertEquals(512, pb.freeCmaPages(), "free pages already there count once the pageblock is CMA");
        pb.setType(1, CMA);
        assertEquals(512, pb.freeCmaPages(), "setting the same type again changes nothing");
        pb.setType(1, M);
        assertEquals(0, pb.freeCmaPages());
        assertEquals(4, pb.countOf(MigrateType.MOVABLE), "all four pageblocks Movable again");
    }

    @Test
    void shouldCountAllocationsInTheirClassGroup() {
        PageClasses classes = new PageClasses();
        Pageblocks pb = new Pageblocks(2048, classes);
        pb.bootFree(0, 2048);
        int slab = classes.id(Owner.SLAB);
        int anon = classes.id(Owner.ANON);
        pb.adjust(512, 2, slab, -1);
        pb.adjust(1024, 0, anon, -1);
        assertEquals(508, pb.free(1));
        assertEquals(4, pb.nonMovable(1));
        assertTrue(pb.hasGroup(Pageblocks.GROUP_NON_MOVABLE, 1));
        assertEquals(1, pb.otherMovablePages(2));
        assertTrue(pb.hasGroup(Pageblocks.GROUP_OTHER_MOVABLE, 2));
        assertEquals(1, pb.nextWith(Pageblocks.GROUP_NON_MOVABLE, 0, 4));
        pb.adjust(512, 2, slab, +1);
        assertFalse(pb.hasGroup(Pageblocks.GROUP_NON_MOVABLE, 1), "the bit follows the counter back to zero");
        assertEquals(-1, pb.nextWith(Pageblocks.GROUP_NON_MOVABLE, 0, 4));
    }
}
