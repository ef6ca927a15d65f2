package org.contigsim.procfs;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.contigsim.memory.BootImage;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.base.Rng;

/**
 * Places one zone's free blocks over its pageblocks, by the rules {@link HostImport} lists: a
 * seeded random layout of pageblock types, whole free pageblocks first, smaller free blocks each
 * beside an allocated page so that no two free buddies could have merged.
 */
final class ZonePlacer {
    private static final int ISOLATE = MigrateType.ISOLATE.ordinal();

    private final ProcSnapshot snap;
    private final ProcSnapshot.Zone zone;
    private final int pages;
    private final int blocks;
    private final Rng rng;
    private final byte[] pbType;
    /** Per page: 0 unused, 1 free, 2 allocated (a neighbour that keeps a free block from merging). */
    private final byte[] use;
    private final List<int[]> free = new ArrayList<>();

    ZonePlacer(ProcSnapshot snap, ProcSnapshot.Zone zone, ZoneLayout.ZoneSpec spec, Rng rng) {
        this.snap = snap;
        this.zone = zone;
        this.pages = spec.pages();
        this.blocks = (pages + PAGEBLOCK_PAGES - 1) >>> PAGEBLOCK_ORDER;
        this.rng = rng;
        this.pbType = new byte[blocks];
        this.use = new byte[pages];
    }

    BootImage.ZoneImage place() {
        long[][] counts = freeCounts();
        int[] typeBlocks = pageblockCounts();
        // whole free pageblocks first: order 10 in aligned pairs, order 9 alone
        int[] pairOrder = permutation(blocks / 2);
        int[] singleOrder = permutation(blocks);
        boolean[] taken = new boolean[blocks];
        int pairCursor = 0;
        for (int t = 0; t < counts.length; t++) {
            for (long n = counts[t][MAX_ORDER]; n > 0; n--) {
                int pair = -1;
                while (pairCursor < pairOrder.length && pair < 0) {
                    int p = pairOrder[pairCursor++];
                    if (!taken[2 * p] && !taken[2 * p + 1] && 2 * p + 1 < fullBlocks()) {
                        pair = p;
                    }
                }
                if (pair < 0 || typeBlocks[t] < 2) {
                    throw HostImport.fail(snap, zone.label() + ": no room for its order-10 " + MigrateType.of(t).procName() + " free blocks");
                }
                typeBlocks[t] -= 2;
                takeWhole(2 * pair, MAX_ORDER, t, taken);
            }
        }
        int singleCursor = 0;
        for (int t = 0; t < counts.length; t++) {
            for (long n = counts[t][PAGEBLOCK_ORDER]; n > 0; n--) {
                int pb = -1;
                while (singleCursor < singleOrder.length && pb < 0) {
                    int c = singleOrder[singleCursor++];
                    if (!taken[c] && c < fullBlocks() && !buddyIsWholeFree(c, taken)) {
                        pb = c;
                    }
                }
                if (pb < 0 || typeBlocks[t] < 1) {
                    throw HostImport.fail(snap, zone.label() + ": no room for its order-9 " + MigrateType.of(t).procName() + " free blocks");
                }
                typeBlocks[t]--;
                takeWhole(pb, PAGEBLOCK_ORDER, t, taken);
                // the buddy pageblock must keep an allocated page, or the two would merge
                int buddy = pb ^ 1;
                if (buddy < blocks && !taken[buddy]) {
                    partialBlocksMustAllocate.add(buddy);
                }
            }
        }
        // the remaining pageblocks get the remaining type counts at random positions
        List<Integer> rest = new ArrayList<>();
        for (int c : singleOrder) {
            if (!taken[c]) {
                rest.add(c);
            }
        }
        int r = 0;
        for (int t = 0; t < typeBlocks.length; t++) {
            for (int n = 0; n < typeBlocks[t]; n++) {
                if (r >= rest.size()) {
                    throw HostImport.fail(snap, zone.label() + ": pageblock counts exceed the zone");
                }
                pbType[rest.get(r++)] = (byte) t;
            }
        }
        for (; r < rest.size(); r++) {
            pbType[rest.get(r)] = (byte) MigrateType.MOVABLE.ordinal();
        }
        for (int pb : partialBlocksMustAllocate) {
            use[pb << PAGEBLOCK_ORDER] = 2;
        }
        placeSmall(counts, rest);
        return image();
    }

    private final List<Integer> partialBlocksMustAllocate = new ArrayList<>();

    private int fullBlocks() {
        return pages >>> PAGEBLOCK_ORDER;
    }

    private boolean buddyIsWholeFree(int pb, boolean[] taken) {
        int buddy = pb ^ 1;
        return buddy < blocks && taken[buddy];
    }

    private void takeWhole(int pb, int order, int type, boolean[] taken) {
        int n = 1 << (order - PAGEBLOCK_ORDER);
        for (int i = 0; i < n; i++) {
            taken[pb + i] = true;
            pbType[pb + i] = (byte) type;
        }
        int off = pb << PAGEBLOCK_ORDER;
        Arrays.fill(use, off, off + (1 << order), (byte) 1);
        free.add(new int[] {off, order, type});
    }

    /** Orders 0..8, largest first, round robin over the type's partial pageblocks (any type's when full). */
    private void placeSmall(long[][] counts, List<Integer> partial) {
        for (int t = 0; t < counts.length; t++) {
            List<Integer> own = new ArrayList<>();
            for (int pb : partial) {
                if (pbType[pb] == t) {
                    own.add(pb);
                }
            }
            int cursor = 0;
            for (int o = PAGEBLOCK_ORDER - 1; o >= 0; o--) {
                for (long n = counts[t][o]; n > 0; n--) {
                    int placed = -1;
                    for (int tries = 0; tries < own.size() && placed < 0; tries++) {
                        placed = fit(own.get(cursor % own.size()), o);
                        cursor++;
                    }
                    for (int i = 0; i < partial.size() && placed < 0; i++) {
                        placed = fit(partial.get(i), o);
                    }
                    if (placed < 0) {
                        throw HostImport.fail(snap, zone.label() + ": no room for its order-" + o + " "
                                + MigrateType.of(t).procName() + " free blocks");
                    }
                    free.add(new int[] {placed, o, t});
                }
            }
        }
    }

    /**
     * Finds a place for a free block of {@code order} in pageblock {@code pb}: one half of an
     * aligned window of twice its size, whose other half keeps (or gets) an allocated page.
     * Returns the offset, or -1.
     */
    private int fit(int pb, int order) {
        int start = pb << PAGEBLOCK_ORDER;
        int end = Math.min(start + PAGEBLOCK_PAGES, pages);
        int size = 1 << order;
        for (int w = start; w + 2 * size <= end; w += 2 * size) {
            for (int half = 0; half < 2; half++) {
                int off = w + half * size;
                int other = w + (1 - half) * size;
                if (!unused(off, size)) {
                    continue;
                }
                int keeper = keeper(other, size);
                if (keeper < 0) {
                    continue;
                }
                use[keeper] = 2;
                Arrays.fill(use, off, off + size, (byte) 1);
                return off;
            }
        }
        return -1;
    }

    private boolean unused(int off, int size) {
        for (int i = off; i < off + size; i++) {
            if (use[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A page in [off, off+size) that is or may become allocated, or -1 when all are free. */
    private int keeper(int off, int size) {
        int candidate = -1;
        for (int i = off + size - 1; i >= off; i--) {
            if (use[i] == 2) {
                return i;
            }
            if (use[i] == 0) {
                candidate = i;
            }
        }
        return candidate;
    }

    private long[][] freeCounts() {
        long[][] c = new long[MigrateType.values().length][NR_ORDERS];
        int movable = MigrateType.MOVABLE.ordinal();
        for (int o = 0; o < NR_ORDERS; o++) {
            if (!zone.hasMigrateTypes()) {
                c[movable][o] = zone.nrFree(o);
                continue;
            }
            long listed = 0;
            MigrateType capped = null;
            for (MigrateType t : MigrateType.values()) {
                long n = zone.nrFree(o, t);
                int into = t.ordinal() == ISOLATE ? movable : t.ordinal();
                c[into][o] += n;
                listed += n;
                if (zone.isCapped(t, o)) {
                    capped = t;
                }
            }
            if (capped != null) {
                c[capped.ordinal()][o] += zone.nrFree(o) - listed;
            }
        }
        return c;
    }

    private int[] pageblockCounts() {
        int[] c = new int[MigrateType.values().length];
        if (!zone.hasMigrateTypes()) {
            c[MigrateType.MOVABLE.ordinal()] = blocks;
            return c;
        }
        for (MigrateType t : MigrateType.values()) {
            int into = t.ordinal() == ISOLATE ? MigrateType.MOVABLE.ordinal() : t.ordinal();
            c[into] += (int) zone.pageblocks(t);
        }
        return c;
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private BootImage.ZoneImage image() {
        free.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] offsets = new int[free.size()];
        byte[] orders = new byte[free.size()];
        byte[] types = new byte[free.size()];
        for (int i = 0; i < free.size(); i++) {
            offsets[i] = free.get(i)[0];
            orders[i] = (byte) free.get(i)[1];
            types[i] = (byte) free.get(i)[2];
        }
        return new BootImage.ZoneImage(pbType, offsets, orders, types);
    }
}
