package org.contigsim.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where each zone of each node lies in physical memory and what the boot allocator keeps out
 * of the buddy allocator, as x86-64 lays it out: DMA is the first 16 MiB, DMA32 the rest of RAM
 * below the PCI hole (up to 3 GiB), Normal continues at 4 GiB; nodes after the first hold only
 * Normal memory; {@code movablecore} and a CMA area take the top of their nodes; {@code struct
 * page} arrays (64 bytes per page) and gigantic hugetlb pages are taken top-down, as memblock does.
 */
public record ZoneLayout(List<ZoneSpec> zones, List<Range> reserved, List<Range> cma, List<Integer> procNodes) {

    /** One zone: pages {@code [startPfn, startPfn + pages)}. */
    public record ZoneSpec(int node, ZoneType type, int startPfn, int pages) {
        public int endPfn() {
            return startPfn + pages;
        }
    }

    /** A range of page frames, with the owner it is reserved for. */
    public record Range(int node, int startPfn, int pages, Owner owner) {
        public int endPfn() {
            return startPfn + pages;
        }
    }

    public ZoneLayout {
        zones = List.copyOf(zones);
        reserved = List.copyOf(reserved);
        cma = List.copyOf(cma);
        procNodes = List.copyOf(procNodes);
    }

    /** A layout whose nodes {@code /proc} numbers as the model does, 0 and up. */
    public ZoneLayout(List<ZoneSpec> zones, List<Range> reserved, List<Range> cma) {
        this(zones, reserved, cma, List.of());
    }

    /** This layout with model node {@code i} printed as {@code procNodes.get(i)} (an imported machine's numbers). */
    public ZoneLayout withProcNodes(List<Integer> procNodes) {
        return new ZoneLayout(zones, reserved, cma, procNodes);
    }

    /** The number {@code /proc} gives model node {@code node}. */
    public int procNode(int node) {
        return procNodes.isEmpty() ? node : procNodes.get(node);
    }

    static final int MAX_ORDER_PAGES = Pages.MAX_ORDER_PAGES;

    public static ZoneLayout of(HostConfig c) {
        long totalPages = Pages.bytesToPages(c.memoryBytes());
        int nodes = c.nodes();
        long perNode = (totalPages / nodes) & ~(long) (MAX_ORDER_PAGES - 1);
        if (perNode < Pages.bytesToPages(64L << 20)) {
            throw new IllegalArgumentException("each NUMA node needs at least 64 MiB");
        }
        long movablePerNode = roundUp(Pages.bytesToPages(c.movableBytes()) / nodes, MAX_ORDER_PAGES);
        List<ZoneSpec> zones = new ArrayList<>();
        List<Range> reserved = new ArrayList<>();
        List<Range> cma = new ArrayList<>();
        int lowRamPages = (int) Pages.bytesToPages(HostConfig.LOW_RAM_BYTES);
        int dmaPages = (int) Pages.bytesToPages(HostConfig.DMA_BYTES);
        int highStart = (int) Pages.bytesToPages(HostConfig.FOUR_GIB);
        long next = highStart;
        for (int n = 0; n < nodes; n++) {
            long nodePages = n == nodes - 1 ? totalPages - perNode * (nodes - 1) : perNode;
            List<ZoneSpec> nodeZones = new ArrayList<>();
            if (n == 0) {
                nodeZones.add(new ZoneSpec(0, ZoneType.DMA, 0, dmaPages));
                int dma32End = (int) Math.min(nodePages, lowRamPages);
                nodeZones.add(new ZoneSpec(0, ZoneType.DMA32, dmaPages, dma32End - dmaPages));
                long rest = nodePages - dma32End;
                if (rest > 0) {
                    nodeZones.add(new ZoneSpec(0, ZoneType.NORMAL, (int) next, (int) rest));
                    next += roundUp(rest, MAX_ORDER_PAGES);
                }
            } else {
                nodeZones.add(new ZoneSpec(n, ZoneType.NORMAL, (int) next, (int) nodePages));
                next += roundUp(nodePages, MAX_ORDER_PAGES);
            }
            if (next > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("memory beyond what the model addresses");
            }
            if (movablePerNode > 0) {
                ZoneSpec top = nodeZones.remove(nodeZones.size() - 1);
                if (movablePerNode * 2 > top.pages()) {
                    throw new IllegalArgumentException("movablecore takes more than half of node " + n + "'s "
                            + top.type().procName() + " zone");
                }
                int keep = top.pages() - (int) movablePerNode;
                nodeZones.add(new ZoneSpec(n, top.type(), top.startPfn(), keep));
                nodeZones.add(new ZoneSpec(n, ZoneType.MOVABLE, top.startPfn() + keep, (int) movablePerNode));
            }
            zones.addAll(nodeZones);
            ZoneSpec kernelTop = highestKernelZone(nodeZones);
            // memblock allocates top-down: the boot allocator's cursor for this node
            int topPfn = kernelTop.endPfn();
            if (n == 0 && c.cmaBytes() > 0) {
                int cmaPages = (int) roundUp(Pages.bytesToPages(c.cmaBytes()), Pages.PAGEBLOCK_PAGES);
                topPfn = alignDown(topPfn, Pages.PAGEBLOCK_PAGES) - cmaPages;
                if (topPfn <= kernelTop.startPfn()) {
                    throw new IllegalArgumentException("CMA area does not fit in node 0's " + kernelTop.type().procName() + " zone");
                }
                cma.add(new Range(0, topPfn, cmaPages, Owner.RESERVED));
            }
            if (c.reserveMemmap()) {
                int memmap = (int) roundUp(nodePages / 64, 1);
                topPfn -= memmap;
                reserved.add(new Range(n, topPfn, memmap, Owner.RESERVED));
            }
            for (HostConfig.HugetlbReservation r : c.hugetlb()) {
                if (r.order() <= Pages.MAX_ORDER) {
                    continue; // taken from the buddy allocator after boot
                }
                int size = 1 << r.order();
                int mine = r.count() / nodes + (n < r.count() % nodes ? 1 : 0);
                for (int i = 0; i < mine; i++) {
                    int start = alignDown(topPfn - size, size);
                    if (start < kernelTop.startPfn()) {
                        throw new IllegalArgumentException("boot hugetlb reservation of " + r.count() + " x "
                                + (r.pageBytes() >> 20) + " MiB pages does not fit in node " + n);
                    }
                    reserved.add(new Range(n, start, size, Owner.HUGETLB));
                    topPfn = start;
                }
            }
        }
        reserved.sort(Comparator.comparingInt(Range::startPfn));
        return new ZoneLayout(zones, reserved, cma);
    }

    private static ZoneSpec highestKernelZone(List<ZoneSpec> nodeZones) {
        for (int i = nodeZones.size() - 1; i >= 0; i--) {
            if (nodeZones.get(i).type() != ZoneType.MOVABLE) {
                return nodeZones.get(i);
            }
        }
        throw new IllegalStateException("node without a kernel zone");
    }

    static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    static int alignDown(int v, int to) {
        return v / to * to;
    }

    public long totalPages() {
        long n = 0;
        for (ZoneSpec z : zones) {
            n += z.pages();
        }
        return n;
    }

    public int nodes() {
        int max = 0;
        for (ZoneSpec z : zones) {
            max = Math.max(max, z.node());
        }
        return max + 1;
    }
}
