package org.contigsim.procfs;

import static org.contigsim.memory.Pages.NR_ORDERS;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_PAGES;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.contigsim.base.Rng;
import org.contigsim.base.Units;
import org.contigsim.memory.BootImage;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.memory.ZoneType;

/**
 * Builds a host that reports exactly the free-block counts of a real {@code /proc/buddyinfo}
 * (and, when given, {@code /proc/pagetypeinfo}) in exactly those zones. What the files do not
 * say is filled in by these assumptions:
 * <ul>
 *   <li>Zone sizes: from pagetypeinfo's pageblock counts when present (each zone spans its
 *       pageblocks); otherwise from the x86-64 layout of {@code --memory}, which defaults to the
 *       smallest whole number of GiB whose layout has exactly the file's zones and room for their
 *       free blocks; Movable zones get the smallest {@code movablecore} that holds theirs.</li>
 *   <li>Pageblock types: pagetypeinfo's counts, at seeded random positions; without it every
 *       pageblock is Movable (the most compactable host the counts allow). Isolate pageblocks,
 *       which only exist during a running isolation, are taken as Movable.</li>
 *   <li>Free blocks: order 10 and 9 blocks take whole (pairs of) pageblocks of their type;
 *       smaller ones are spread round robin over their type's other pageblocks, each next to an
 *       allocated page so that no two free buddies could have merged. Without pagetypeinfo every
 *       free block is Movable.</li>
 *   <li>Everything else is allocated: movable pageblocks hold page cache, unmovable ones kernel
 *       memory, reclaimable ones reclaimable slab (see {@link BootImage}).</li>
 * </ul>
 */
public final class HostImport {
    private static final long GIB = 1L << 30;

    private HostImport() {
    }

    /**
     * The host the snapshot describes. {@code memoryBytes} 0 picks the default; {@code base}
     * supplies kernel version and sysctls. Throws {@link ProcParseException} (naming the file)
     * when the snapshot cannot be laid out.
     */
    public static PhysicalMemory build(ProcSnapshot snap, long memoryBytes, HostConfig.Builder base, long seed) {
        Placed placed = x86(snap) ? x86Layout(snap, memoryBytes, seed) : fileLayout(snap, memoryBytes, seed);
        ZoneLayout layout = placed.layout();
        HostConfig config = base.memoryBytes(layout.totalPages() << Pages.PAGE_SHIFT).nodes(layout.nodes())
                .reserveMemmap(false).build();
        return new PhysicalMemory(config, layout, new BootImage(placed.zones(), snap.hasCma()), seed);
    }

    private record Placed(ZoneLayout layout, List<BootImage.ZoneImage> zones) {
    }

    /**
     * Whether the file is laid out as an x86-64 machine numbers and sizes its zones: nodes 0 to
     * n-1, node 0 starting with DMA, every other node only Normal (and Movable). Anything else (one
     * Normal zone, arm64's DMA + Normal, a dump of nodes 1 and 2) is laid out from the file alone.
     */
    private static boolean x86(ProcSnapshot snap) {
        List<Integer> nodes = snap.nodeIds();
        if (!nodes.equals(IntStream.range(0, nodes.size()).boxed().toList())) {
            return false;
        }
        ProcSnapshot.Zone first = snap.zones().get(0);
        if (first.node() != 0 || first.zone() != ZoneType.DMA) {
            return false;
        }
        boolean dma32 = false;
        for (ProcSnapshot.Zone z : snap.zones()) {
            dma32 |= z.zone() == ZoneType.DMA32;
            if (z.zone() == ZoneType.DEVICE) {
                return false;
            }
            if (z.node() > 0 && (z.zone() == ZoneType.DMA || z.zone() == ZoneType.DMA32)) {
                return false;
            }
        }
        return dma32;
    }

    private static Placed x86Layout(ProcSnapshot snap, long memoryBytes, long seed) {
        if (snap.hasMigrateTypes()) {
            return place(snap, layoutFromPageblocks(snap, memoryBytes), seed);
        }
        if (memoryBytes != 0) {
            ZoneLayout layout = layoutOf(snap, memoryBytes);
            String why = mismatch(snap, layout);
            if (why != null) {
                throw fail(snap, Units.format(memoryBytes) + " of memory: " + why);
            }
            return place(snap, layout, seed);
        }
        return smallestThatFits(snap, seed);
    }

    /**
     * A machine laid out from the file alone: its zones in the file's order, each node's after
     * the last, 4 MiB aligned. A zone spans its pageblocks when pagetypeinfo counts them;
     * otherwise the pages its free blocks need (each smaller one beside an allocated page), and
     * {@code memoryBytes}, when given, adds what is left to each node's last zone in equal parts.
     * The nodes keep the file's numbers in {@code /proc} output.
     */
    private static Placed fileLayout(ProcSnapshot snap, long memoryBytes, long seed) {
        List<Integer> procNodes = snap.nodeIds();
        long[] pages = new long[snap.zones().size()];
        long total = 0;
        for (int i = 0; i < pages.length; i++) {
            ProcSnapshot.Zone z = snap.zones().get(i);
            long blocks = 0;
            for (MigrateType t : MigrateType.values()) {
                blocks += z.pageblocks(t);
            }
            pages[i] = snap.hasMigrateTypes() ? blocks * PAGEBLOCK_PAGES
                    : roundUp(Math.max(neededPages(z), 1), Pages.MAX_ORDER_PAGES);
            if (pages[i] == 0) {
                throw fail(snap, z.label() + " has no pageblocks");
            }
            if (z.zone() == ZoneType.DEVICE && z.freePages() > 0) {
                throw fail(snap, z.label() + " has free pages, but the buddy allocator never manages device memory");
            }
            total += pages[i];
        }
        long memoryPages = Pages.bytesToPages(memoryBytes);
        if (memoryBytes != 0 && snap.hasMigrateTypes() && memoryPages != total) {
            throw fail(snap, Units.format(memoryBytes) + " of memory disagrees with the pageblock counts ("
                    + Units.format(Pages.pagesToBytes(total)) + ")");
        }
        if (memoryBytes != 0 && memoryPages < total) {
            throw fail(snap, Units.format(memoryBytes) + " of memory cannot hold the file's free blocks (they need "
                    + Units.format(Pages.pagesToBytes(total)) + ")");
        }
        if (memoryBytes != 0 && !snap.hasMigrateTypes()) {
            long extra = (memoryPages - total) / procNodes.size() / Pages.MAX_ORDER_PAGES * Pages.MAX_ORDER_PAGES;
            for (int i = 0; i < pages.length; i++) {
                if (snap.zones().get(i).zone() != ZoneType.DEVICE && lastMemoryZoneOfNode(snap, i)) {
                    pages[i] += extra;
                }
            }
        }
        List<ZoneLayout.ZoneSpec> specs = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < pages.length; i++) {
            ProcSnapshot.Zone z = snap.zones().get(i);
            if (next + pages[i] > Integer.MAX_VALUE) {
                throw fail(snap, "the zones need more memory than the model addresses (4 TiB)");
            }
            specs.add(new ZoneLayout.ZoneSpec(procNodes.indexOf(z.node()), z.zone(), (int) next, (int) pages[i]));
            next += roundUp(pages[i], Pages.MAX_ORDER_PAGES);
        }
        ZoneLayout layout = new ZoneLayout(specs, List.of(), List.of()).withProcNodes(procNodes);
        return place(snap, layout, seed);
    }

    /** Whether zone {@code i} is its node's last zone that is not Device memory. */
    private static boolean lastMemoryZoneOfNode(ProcSnapshot snap, int i) {
        int node = snap.zones().get(i).node();
        for (int j = i + 1; j < snap.zones().size() && snap.zones().get(j).node() == node; j++) {
            if (snap.zones().get(j).zone() != ZoneType.DEVICE) {
                return false;
            }
        }
        return true;
    }

    private static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    private static Placed place(ProcSnapshot snap, ZoneLayout layout, long seed) {
        Rng rng = new Rng(Rng.seedFor(seed, 0x1d9057L));
        List<BootImage.ZoneImage> images = new ArrayList<>();
        for (int i = 0; i < layout.zones().size(); i++) {
            images.add(new ZonePlacer(snap, snap.zones().get(i), layout.zones().get(i), rng).place());
        }
        return new Placed(layout, images);
    }

    /** The default --memory: the smallest whole number of GiB whose layout holds the file, tried by placing it. */
    private static Placed smallestThatFits(ProcSnapshot snap, long seed) {
        for (long gib = 1; gib <= HostConfig.MAX_MEMORY_BYTES / GIB; gib++) {
            ZoneLayout layout;
            try {
                layout = layoutOf(snap, gib * GIB);
            } catch (IllegalArgumentException tooSmallForTheReservations) {
                continue;
            }
            if (mismatch(snap, layout) != null) {
                continue;
            }
            try {
                return place(snap, layout, seed);
            } catch (ProcParseException doesNotFit) {
                // free blocks need allocated neighbours: the next size may have room
            }
        }
        throw fail(snap, "no x86-64 memory size up to 4 TiB has exactly these zones with room for their free blocks");
    }

    // ------------------------------------------------------------------ zone sizes

    private static ZoneLayout layoutFromPageblocks(ProcSnapshot snap, long memoryBytes) {
        List<ZoneLayout.ZoneSpec> specs = new ArrayList<>();
        int next = (int) Pages.bytesToPages(HostConfig.FOUR_GIB);
        long total = 0;
        for (ProcSnapshot.Zone z : snap.zones()) {
            long blocks = 0;
            for (MigrateType t : MigrateType.values()) {
                blocks += z.pageblocks(t);
            }
            int pages = (int) (blocks * PAGEBLOCK_PAGES);
            if (blocks == 0) {
                throw fail(snap, z.label() + " has no pageblocks");
            }
            int start;
            if (z.zone() == ZoneType.DMA) {
                start = 0;
                limit(snap, z, pages, Pages.bytesToPages(HostConfig.DMA_BYTES));
            } else if (z.zone() == ZoneType.DMA32) {
                start = (int) Pages.bytesToPages(HostConfig.DMA_BYTES);
                limit(snap, z, pages, Pages.bytesToPages(HostConfig.FOUR_GIB - HostConfig.DMA_BYTES));
            } else {
                start = next;
                next += pages + (Pages.MAX_ORDER_PAGES - 1) & ~(Pages.MAX_ORDER_PAGES - 1);
            }
            specs.add(new ZoneLayout.ZoneSpec(z.node(), z.zone(), start, pages));
            total += pages;
        }
        if (memoryBytes != 0 && memoryBytes != Pages.pagesToBytes(total)) {
            throw fail(snap, Units.format(memoryBytes) + " of memory disagrees with the pageblock counts ("
                    + Units.format(Pages.pagesToBytes(total)) + ")");
        }
        return new ZoneLayout(specs, List.of(), List.of());
    }

    private static void limit(ProcSnapshot snap, ProcSnapshot.Zone z, long pages, long max) {
        if (pages > max) {
            throw fail(snap, z.label() + " has " + pages / PAGEBLOCK_PAGES + " pageblocks, more than the zone can span");
        }
    }

    /** The x86-64 layout of {@code memoryBytes} over the file's nodes, with Movable zones if it has them. */
    private static ZoneLayout layoutOf(ProcSnapshot snap, long memoryBytes) {
        int nodes = 0;
        for (ProcSnapshot.Zone z : snap.zones()) {
            nodes = Math.max(nodes, z.node() + 1);
        }
        return ZoneLayout.of(HostConfig.builder(memoryBytes).nodes(nodes).movableBytes(movableBytes(snap, nodes))
                .reserveMemmap(false).build());
    }

    /**
     * {@code movablecore} for a buddyinfo that lists Movable zones: every node's Movable zone gets
     * the smallest 4 MiB multiple that holds the largest such zone's free blocks (buddyinfo does
     * not say how large a zone is; pagetypeinfo does).
     */
    private static long movableBytes(ProcSnapshot snap, int nodes) {
        long perNode = 0;
        for (ProcSnapshot.Zone z : snap.zones()) {
            if (z.zone() == ZoneType.MOVABLE) {
                perNode = Math.max(perNode, neededPages(z));
            }
        }
        long rounded = (perNode + Pages.MAX_ORDER_PAGES - 1) / Pages.MAX_ORDER_PAGES * Pages.MAX_ORDER_PAGES;
        return Pages.pagesToBytes(rounded) * nodes;
    }

    /** Why the layout cannot hold the snapshot, or null when it can. */
    private static String mismatch(ProcSnapshot snap, ZoneLayout layout) {
        if (layout.zones().size() != snap.zones().size()) {
            return "its layout has " + layout.zones().size() + " zones, the file " + snap.zones().size();
        }
        for (int i = 0; i < snap.zones().size(); i++) {
            ProcSnapshot.Zone z = snap.zones().get(i);
            ZoneLayout.ZoneSpec s = layout.zones().get(i);
            if (s.node() != z.node() || s.type() != z.zone()) {
                return "its layout has zone " + s.type().procName() + " of node " + s.node() + " where the file has " + z.label();
            }
            if (z.freePages() > s.pages()) {
                return z.label() + " has " + z.freePages() + " free pages, more than a " + s.pages() + "-page zone holds";
            }
        }
        return null;
    }

    /** Pages a zone surely holds its free blocks in: each smaller one beside its own allocated neighbour. */
    private static long neededPages(ProcSnapshot.Zone z) {
        long need = 0;
        for (int o = 0; o < NR_ORDERS; o++) {
            need += z.nrFree(o) * (o >= PAGEBLOCK_ORDER ? (1L << o) : (2L << o));
        }
        return need;
    }

    static ProcParseException fail(ProcSnapshot snap, String message) {
        return new ProcParseException(snap.source(), 0, message);
    }
}
