package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;
import static org.contigsim.memory.Pages.PAGEBLOCK_ORDER;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.contigsim.base.Rng;

/**
 * The physical memory of one simulated host: its NUMA nodes and zones, the page allocator's
 * fast and slow paths ({@code __alloc_pages}), kswapd, kcompactd and the long-term pinning rule.
 * Plain Java with one owner thread; simulated time only advances through {@link #advanceTo}.
 *
 * <p>Per-CPU page lists are not modelled: every order-0 allocation and free goes straight to the
 * buddy free lists, as if {@code percpu_pagelist_high_fraction} made them empty. Their effect on
 * contiguity is second order (they hold at most a few MiB per zone and are drained by
 * alloc_contig_range), and leaving them out keeps results independent of a CPU count.
 */
public final class PhysicalMemory implements MemoryView {
    /** kcompactd's proactive check period (HPAGE_FRAG_CHECK_INTERVAL_MSEC). */
    static final long KCOMPACTD_PERIOD_NANOS = 500_000_000L;
    /** Kswapd reclaims in batches of SWAP_CLUSTER_MAX pages at least. */
    static final int SWAP_CLUSTER_MAX = 32;
    static final int MAX_RECLAIM_RETRIES = 16;
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;

    private static final int[] LOWMEM_RESERVE_RATIO = {256, 256, 32, 0};

    final HostConfig config;
    final PageClasses classes;
    final Zone[] zones;
    /** [node][zone type ordinal], null where the node lacks that zone. */
    final Zone[][] nodeZones;
    /** [preferred node][0: up to Normal, 1: up to Movable]: the zonelist, in fallback order. */
    private final Zone[][][] zonelists;
    final RmQueue rmqueue;
    final Rng rng;
    final Compaction compaction;
    final ContigAllocator contig;
    final MemoryStats stats = new MemoryStats();
    private final List<HugetlbPool> hugetlbPools = new ArrayList<>();
    private final boolean hasCma;
    private final int nodes;
    MigrationListener listener = MigrationListener.NONE;

    private long nowNanos;
    private long nextKcompactd = KCOMPACTD_PERIOD_NANOS;
    private final int[] proactiveDefer;
    /** Per node: the order kswapd was woken for, -1 when asleep. */
    private final int[] kswapdOrder;
    private int lastZone;

    public PhysicalMemory(HostConfig config, long seed) {
        this(config, ZoneLayout.of(config), seed);
    }

    public PhysicalMemory(HostConfig config, ZoneLayout layout, long seed) {
        this(config, layout, null, seed);
    }

    /** A host restored from {@code image} (zones as in {@code layout}) instead of freshly booted. */
    public PhysicalMemory(HostConfig config, ZoneLayout layout, BootImage image, long seed) {
        this.config = config;
        this.classes = new PageClasses();
        this.rng = new Rng(seed);
        this.rmqueue = config.kernel().rmqueue();
        this.rmqueue.boostFactor = config.watermarkBoostFactor();
        this.nodes = layout.nodes();
        this.zones = new Zone[layout.zones().size()];
        this.nodeZones = new Zone[nodes][ZoneType.values().length];
        for (int i = 0; i < zones.length; i++) {
            ZoneLayout.ZoneSpec s = layout.zones().get(i);
            long[] protectMin = config.protectOrders() != null && hasAny(config.protectOrders())
                    ? config.protectOrders().clone() : null;
            zones[i] = new Zone(s.node(), s.type(), s.startPfn(), s.pages(), classes, protectMin);
            nodeZones[s.node()][s.type().ordinal()] = zones[i];
        }
        this.hasCma = !layout.cma().isEmpty() || (image != null && image.cmaConfigured());
        this.zonelists = buildZonelists();
        this.proactiveDefer = new int[nodes];
        this.kswapdOrder = new int[nodes];
        java.util.Arrays.fill(kswapdOrder, -1);
        this.compaction = new Compaction(this);
        this.contig = new ContigAllocator(this);
        if (image == null) {
            boot(layout);
        } else {
            restore(image);
        }
        for (Zone z : zones) {
            z.pageblocks().refreshOtherMovableBits();
        }
        setupWatermarks();
        bootHugetlb();
    }

    private static boolean hasAny(long[] a) {
        for (long v : a) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ boot

    private void boot(ZoneLayout layout) {
        for (ZoneLayout.Range r : layout.cma()) {
            Zone z = zoneOf(r.startPfn());
            for (int pfn = r.startPfn(); pfn < r.endPfn(); pfn += Pages.PAGEBLOCK_PAGES) {
                z.pageblocks().setType((pfn - z.startPfn()) >>> PAGEBLOCK_ORDER, MigrateType.CMA.ordinal());
            }
        }
        for (Zone z : zones) {
            int zoneStart = z.startPfn();
            int zoneEnd = zoneStart + z.spannedPages();
            int cursor = zoneStart;
            for (ZoneLayout.Range r : layout.reserved()) {
                if (r.endPfn() <= zoneStart || r.startPfn() >= zoneEnd) {
                    continue;
                }
                int start = Math.max(r.startPfn(), zoneStart);
                int end = Math.min(r.endPfn(), zoneEnd);
                releaseBootRange(z, cursor - zoneStart, start - zoneStart);
                bootReserve(z, start - zoneStart, end - zoneStart, classes.id(PageClass.of(r.owner())), r.owner());
                cursor = end;
            }
            releaseBootRange(z, cursor - zoneStart, z.spannedPages());
            z.setManagedPages(z.freePages());
        }
    }

    /**
     * memblock_free_all: hands a range to the buddy allocator as maximal aligned blocks, to list
     * tails; an order-10 block is split where its two pageblocks differ in type (a CMA edge).
     */
    private static void releaseBootRange(Zone z, int from, int to) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            if (order > PAGEBLOCK_ORDER && z.pageblockType(off) != z.pageblockType(off + Pages.PAGEBLOCK_PAGES)) {
                order = PAGEBLOCK_ORDER;
            }
            z.bootFree(off, order, z.pageblockType(off));
            off += 1 << order;
        }
    }

    private void bootReserve(Zone z, int from, int to, int cls, Owner owner) {
        int off = from;
        while (off < to) {
            int order = Pages.largestAlignedOrder(off, to - off);
            z.bootAllocated(off, order, cls);
            off += 1 << order;
        }
        if (owner == Owner.HUGETLB) {
            pool(Pages.pagesToBytes(to - from)).addBoot(z.startPfn() + from);
        }
    }

    /** Lays the zones out as {@code image} describes: its free blocks free, every other page allocated. */
    private void restore(BootImage image) {
        if (image.zones().size() != zones.length) {
            throw new IllegalArgumentException("boot image has " + image.zones().size() + " zones, layout " + zones.length);
        }
        int[] ownerOfType = new int[MigrateType.values().length];
        int cache = classes.id(Owner.PAGE_CACHE);
        int kernel = classes.id(Owner.KERNEL);
        java.util.Arrays.fill(ownerOfType, cache);
        ownerOfType[MigrateType.UNMOVABLE.ordinal()] = kernel;
        ownerOfType[MigrateType.HIGHATOMIC.ordinal()] = kernel;
        ownerOfType[MigrateType.RECLAIMABLE.ordinal()] = classes.id(Owner.SLAB_RECLAIMABLE);
        for (int i = 0; i < zones.length; i++) {
            Zone z = zones[i];
            BootImage.ZoneImage zi = image.zones().get(i);
            if (zi.pageblockTypes().length != z.pageblocks().count()) {
                throw new IllegalArgumentException(z + ": boot image has " + zi.pageblockTypes().length
                        + " pageblocks, zone " + z.pageblocks().count());
            }
            for (int pb = 0; pb < z.pageblocks().count(); pb++) {
                z.pageblocks().setType(pb, zi.pageblockTypes()[pb]);
            }
            int cursor = 0;
            for (int b = 0; b < zi.freeOffsets().length; b++) {
                int off = zi.freeOffsets()[b];
                int order = zi.freeOrders()[b];
                if (off < cursor || (off & ((1 << order) - 1)) != 0 || off + (1 << order) > z.spannedPages()) {
                    throw new IllegalArgumentException(z + ": free block at offset " + off + " order " + order
                            + " overlaps, is unaligned or leaves the zone");
                }
                fillAllocated(z, cursor, off, ownerOfType);
                z.bootFree(off, order, zi.freeListTypes()[b]);
                cursor = off + (1 << order);
            }
            fillAllocated(z, cursor, z.spannedPages(), ownerOfType);
            z.setManagedPages(z.spannedPages());
        }
    }

    /** Allocated memory of a restored host is taken as 4 KiB pages: its folio sizes are unknown. */
    private static void fillAllocated(Zone z, int from, int to, int[] ownerOfType) {
        for (int off = from; off < to; off++) {
            z.bootAllocated(off, 0, ownerOfType[z.pageblockType(off)]);
        }
    }

    /** Boot-time 2 MiB (and other buddy-sized) hugetlb pages: taken right after boot, nodes round robin. */
    private void bootHugetlb() {
        for (HostConfig.HugetlbReservation r : config.hugetlb()) {
            if (r.order() > MAX_ORDER) {
                continue;
            }
            HugetlbPool pool = pool(r.pageBytes());
            for (int i = 0; i < r.count(); i++) {
                int pfn = allocate(r.order(), classes.id(Owner.HUGETLB), i % nodes, Gfp.RETRY_MAYFAIL);
                if (pfn < 0) {
                    throw new IllegalArgumentException("boot hugetlb reservation of " + r.count() + " x "
                            + (r.pageBytes() >> 20) + " MiB pages does not fit: only " + i + " obtained");
                }
                pool.addBoot(pfn);
            }
        }
    }

    /** The hugetlb pool of one page size (created empty on first use). */
    public HugetlbPool pool(long pageBytes) {
        for (HugetlbPool p : hugetlbPools) {
            if (p.pageBytes() == pageBytes) {
                return p;
            }
        }
        HugetlbPool p = new HugetlbPool(this, pageBytes);
        hugetlbPools.add(p);
        return p;
    }

    public List<HugetlbPool> hugetlbPools() {
        return Collections.unmodifiableList(hugetlbPools);
    }

    // ------------------------------------------------------------------ watermarks

    private void setupWatermarks() {
        long lowmemPages = 0;
        for (Zone z : zones) {
            if (z.type() != ZoneType.MOVABLE) {
                lowmemPages += z.managedPages();
            }
        }
        long minFreeKbytes = config.minFreeKbytes() > 0 ? config.minFreeKbytes() : defaultMinFreeKbytes(lowmemPages);
        long pagesMin = minFreeKbytes >> (Pages.PAGE_SHIFT - 10);
        for (Zone z : zones) {
            long min;
            if (z.type() == ZoneType.MOVABLE) {
                min = Math.max(SWAP_CLUSTER_MAX, Math.min(128, z.managedPages() / 1024));
            } else {
                min = lowmemPages == 0 ? 0 : pagesMin * z.managedPages() / lowmemPages;
            }
            long tmp = Math.max(min >> 2, z.managedPages() * config.watermarkScaleFactor() / 10000);
            z.setWatermarks(min, min + tmp, min + 2 * tmp);
        }
        for (Zone[] byType : nodeZones) {
            for (int i = 0; i < byType.length - 1; i++) {
                Zone z = byType[i];
                if (z == null) {
                    continue;
                }
                long above = 0;
                for (int j = i + 1; j < byType.length; j++) {
                    if (byType[j] != null) {
                        above += byType[j].managedPages();
                    }
                    int ratio = LOWMEM_RESERVE_RATIO[i];
                    z.setLowmemReserve(j, ratio == 0 || z.managedPages() == 0 ? 0 : above / ratio);
                }
            }
        }
    }

    /**
     * init_per_zone_wmark_min: sqrt(lowmem_kbytes * 16) clamped to [128, 262144]; raised, as
     * khugepaged does when transparent hugepages are enabled (every major distribution), to
     * keep a few pageblocks per zone and migrate type free.
     */
    private long defaultMinFreeKbytes(long lowmemPages) {
        long lowmemKbytes = lowmemPages << (Pages.PAGE_SHIFT - 10);
        long kb = Math.max(128, Math.min(262144, isqrt(lowmemKbytes * 16)));
        long populated = 0;
        for (Zone z : zones) {
            if (z.type() != ZoneType.MOVABLE && z.managedPages() > 0) {
                populated++;
            }
        }
        long recommended = Pages.PAGEBLOCK_PAGES * populated * 2
                + (long) Pages.PAGEBLOCK_PAGES * populated * MigrateType.PCPTYPES * MigrateType.PCPTYPES;
        recommended = Math.min(recommended, lowmemPages / 20);
        recommended <<= Pages.PAGE_SHIFT - 10;
        return Math.max(kb, recommended);
    }

    static long isqrt(long v) {
        long r = (long) Math.sqrt((double) v);
        while (r * r > v) {
            r--;
        }
        while ((r + 1) * (r + 1) <= v) {
            r++;
        }
        return r;
    }

    private Zone[][][] buildZonelists() {
        Zone[][][] lists = new Zone[nodes][2][];
        for (int n = 0; n < nodes; n++) {
            for (int movable = 0; movable < 2; movable++) {
                int highest = movable == 1 ? ZoneType.MOVABLE.ordinal() : ZoneType.NORMAL.ordinal();
                List<Zone> zl = new ArrayList<>();
                for (int k = 0; k < nodes; k++) {
                    Zone[] byType = nodeZones[(n + k) % nodes];
                    for (int t = highest; t >= 0; t--) {
                        if (byType[t] != null) {
                            zl.add(byType[t]);
                        }
                    }
                }
                lists[n][movable] = zl.toArray(new Zone[0]);
            }
        }
        return lists;
    }

    // ------------------------------------------------------------------ allocation

    /** Registers (or finds) a page class; its id is what {@link #allocate} takes. */
    public int classId(PageClass c) {
        return classes.id(c);
    }

    public int classId(Owner owner) {
        return classes.id(owner);
    }

    public PageClasses classes() {
        return classes;
    }

    /** Allocates {@code 2^order} pages for class {@code classId}, preferring {@code node}; the first PFN or -1. */
    public int allocate(int order, int classId, int node) {
        return allocate(order, classId, node, 0);
    }

    /** As {@link #allocate(int, int, int)}, with {@link Gfp} flags. */
    public int allocate(int order, int classId, int node, int gfp) {
        int mt = classes.migrateType(classId);
        boolean movable = mt == MigrateType.MOVABLE.ordinal();
        Zone[] zl = zonelists[node][movable ? 1 : 0];
        int highest = movable ? ZoneType.MOVABLE.ordinal() : ZoneType.NORMAL.ordinal();
        int flags = RmQueue.ALLOC_KSWAPD | (movable && hasCma ? RmQueue.ALLOC_CMA : 0);
        int pfn = getPageFromFreelist(order, mt, classId, zl, highest, false, flags | nofragment(zl[0]));
        if (pfn < 0 && (gfp & Gfp.LIGHT) == 0) {
            pfn = slowpath(order, mt, classId, zl, highest, flags, gfp);
        }
        if (pfn < 0) {
            stats.allocFailures++;
        }
        return pfn;
    }

    /** alloc_flags_nofragment: the Normal zone prefers DMA32 over polluting its own pageblocks. */
    private int nofragment(Zone first) {
        if (first.type() != ZoneType.NORMAL) {
            return 0;
        }
        if (nodes > 1 && nodeZones[first.node()][ZoneType.DMA32.ordinal()] == null) {
            return 0;
        }
        return RmQueue.ALLOC_NOFRAGMENT;
    }

    private int getPageFromFreelist(int order, int mt, int cls, Zone[] zl, int highest, boolean minMark, int flags) {
        while (true) {
            for (int i = 0; i < zl.length; i++) {
                Zone z = zl[i];
                if ((flags & RmQueue.ALLOC_NOFRAGMENT) != 0 && nodes > 1 && z.node() != zl[0].node()) {
                    break; // the kernel retries without NOFRAGMENT before leaving the local node
                }
                long mark = (minMark ? z.watermarkMin() : z.watermarkLow()) + z.watermarkBoost();
                if (!watermarkOk(z, order, mark, highest, flags)) {
                    continue;
                }
                long boost = z.watermarkBoost();
                int off = rmqueue.rmqueue(z, order, mt, flags);
                if (off >= 0) {
                    z.markAllocated(off, order, cls);
                    stats.allocations++;
                    if (z.watermarkBoost() > boost) {
                        stats.fallbackClaims++;
                        wakeKswapd(z.node(), PAGEBLOCK_ORDER);
                    }
                    return z.startPfn() + off;
                }
            }
            if ((flags & RmQueue.ALLOC_NOFRAGMENT) == 0) {
                return -1;
            }
            flags &= ~RmQueue.ALLOC_NOFRAGMENT;
        }
    }

    /** __zone_watermark_ok (with zone_watermark_fast's order-0 shortcut). */
    static boolean watermarkOk(Zone z, int order, long mark, int highest, int flags) {
        long free = z.freePages();
        if ((flags & RmQueue.ALLOC_CMA) == 0) {
            free -= z.freeCmaPages();
        }
        free -= (1L << order) - 1;
        if (free <= mark + z.lowmemReserve(highest)) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o <= MAX_ORDER; o++) {
            if (z.freeArea().nrFree(o) == 0) {
                continue;
            }
            for (int mt = 0; mt < MigrateType.PCPTYPES; mt++) {
                if (z.freeArea().nrFree(o, mt) != 0) {
                    return true;
                }
            }
            if ((flags & RmQueue.ALLOC_CMA) != 0 && z.freeArea().nrFree(o, RmQueue.CMA) != 0) {
                return true;
            }
        }
        return false;
    }

    /** __alloc_pages_slowpath: kswapd, the min watermark, direct compaction, direct reclaim, retries. */
    private int slowpath(int order, int mt, int cls, Zone[] zl, int highest, int flags, int gfp) {
        if ((gfp & Gfp.ATOMIC) != 0) {
            return getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
        }
        for (Zone z : zl) {
            if (!watermarkOk(z, order, z.watermarkLow() + z.watermarkBoost(), highest, flags)) {
                wakeKswapd(z.node(), order);
            }
        }
        int pfn = getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
        if (pfn >= 0) {
            return pfn;
        }
        boolean compact = order > 0 && config.directCompaction() && (gfp & Gfp.NO_COMPACT) == 0;
        int retries = (gfp & Gfp.NORETRY) != 0 ? 1 : MAX_RECLAIM_RETRIES;
        for (int attempt = 0; attempt < retries; attempt++) {
            if (compact) {
                pfn = compaction.direct(order, mt, cls, zl, highest, flags);
                if (pfn >= 0) {
                    return pfn;
                }
            }
            long reclaimed = 0;
            for (Zone z : zl) {
                reclaimed += reclaim(z, Math.max(SWAP_CLUSTER_MAX, 1L << order));
            }
            pfn = getPageFromFreelist(order, mt, cls, zl, highest, true, flags);
            if (pfn >= 0) {
                return pfn;
            }
            if (reclaimed == 0 && !(compact && (gfp & Gfp.RETRY_MAYFAIL) != 0 && attempt == 0)) {
                break;
            }
        }
        return -1;
    }

    /** Retries only the free lists at the min watermark (after compaction freed something). */
    int tryZone(Zone z, int order, int mt, int cls, int highest, int flags) {
        if (!watermarkOk(z, order, z.watermarkMin() + z.watermarkBoost(), highest, flags)) {
            return -1;
        }
        int off = rmqueue.rmqueue(z, order, mt, flags & ~RmQueue.ALLOC_NOFRAGMENT);
        if (off < 0) {
            return -1;
        }
        z.markAllocated(off, order, cls);
        stats.allocations++;
        return z.startPfn() + off;
    }

    // ------------------------------------------------------------------ reclaim

    /**
     * wakeup_kswapd: kswapd runs in the background, so a wake only marks the node; the reclaim
     * happens when simulated time next advances. Until then allocations dip below the low
     * watermark towards min (and reclaim directly below it), which is how bursts of allocations
     * break up the large free blocks a synchronous kswapd would never let them reach.
     */
    void wakeKswapd(int node, int order) {
        kswapdOrder[node] = Math.max(kswapdOrder[node], order);
    }

    /** Runs every woken kswapd (balance_pgdat), then kcompactd for the order it was woken for. */
    private void runKswapds() {
        for (int n = 0; n < nodes; n++) {
            int order = kswapdOrder[n];
            if (order < 0) {
                continue;
            }
            kswapdOrder[n] = -1;
            kswapd(n, order);
        }
    }

    /**
     * kswapd's balance_pgdat: reclaims each zone of the node until it is above its high
     * watermark plus boost; a boosted zone then drops its boost and kcompactd compacts for a
     * pageblock, as after a fragmenting fallback.
     */
    private void kswapd(int node, int order) {
        stats.kswapdWakeups++;
        boolean hadBoost = false;
        for (Zone z : nodeZones[node]) {
            if (z == null) {
                continue;
            }
            long target = z.watermarkHigh() + z.watermarkBoost();
            if (z.freePages() < target) {
                reclaim(z, target - z.freePages());
            }
            if (z.watermarkBoost() > 0) {
                hadBoost = true;
                z.setWatermarkBoost(0);
            }
        }
        if (hadBoost) {
            compaction.kcompactd(node, Math.max(order, PAGEBLOCK_ORDER));
        } else if (order > 0) {
            compaction.kcompactd(node, order);
        }
    }

    /**
     * Evicts clean page cache from the zone until {@code pages} are freed or none is left. Which
     * pages: a seeded random sample (each pick scans forward from a random frame to the next
     * evictable block), standing in for the LRU's age order, which the model does not track.
     */
    long reclaim(Zone z, long pages) {
        long evictable = evictablePages(z);
        long freed = 0;
        while (freed < pages && evictable > 0) {
            int head = Sampler.nextEvictable(z, rng.nextInt(z.spannedPages()));
            if (head < 0) {
                break;
            }
            int order = z.allocatedOrder(head);
            int cls = z.pageState(head);
            z.unmarkAllocated(head, order, cls);
            z.freeBlock(head, order);
            freed += 1L << order;
            evictable -= 1L << order;
        }
        stats.pagesReclaimed += freed;
        return freed;
    }

    private long evictablePages(Zone z) {
        long n = 0;
        for (int c = 1; c <= classes.size(); c++) {
            if ((classes.flags[c] & PageClasses.F_EVICTABLE) != 0) {
                n += z.classPages(c);
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ free, pin, time

    /**
     * Frees about {@code pages} pages of class {@code classId}, whole blocks picked at random
     * (a zone in proportion to the class's pages there, then the first block of the class at or
     * after a random frame); returns the pages freed.
     */
    public long freeRandom(int classId, long pages, Rng random) {
        long freed = 0;
        while (freed < pages) {
            long total = classPages(classId);
            if (total == 0) {
                break;
            }
            long pick = random.nextLong(total);
            Zone z = null;
            for (Zone candidate : zones) {
                if (pick < candidate.classPages(classId)) {
                    z = candidate;
                    break;
                }
                pick -= candidate.classPages(classId);
            }
            int head = Sampler.next(z, random.nextInt(z.spannedPages()), classId);
            int order = z.allocatedOrder(head);
            z.unmarkAllocated(head, order, classId);
            z.freeBlock(head, order);
            stats.frees++;
            freed += 1L << order;
        }
        return freed;
    }

    /**
     * Calls {@code headPfn} with the first PFN of every allocated block of class {@code classId},
     * in ascending PFN order, skipping pageblocks whose counters rule the class out (as
     * {@link #freeRandom} does). How a caller acts on "every block of a class" without per-page
     * lists. The consumer must not allocate, free or pin: collect the PFNs, then act on them.
     */
    public void forEachBlock(int classId, java.util.function.IntConsumer headPfn) {
        for (Zone z : zones) {
            long left = z.classPages(classId);
            int off = 0;
            while (left > 0 && off < z.spannedPages()) {
                int head = Sampler.next(z, off, classId);
                if (head < off) {
                    break;
                }
                headPfn.accept(z.startPfn() + head);
                int n = 1 << z.allocatedOrder(head);
                left -= n;
                off = head + n;
            }
        }
    }

    /** Frees the block whose first page is {@code pfn} (__free_pages). */
    public void free(int pfn) {
        Zone z = zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = allocatedClass(z, off, pfn);
        int order = z.allocatedOrder(off);
        z.unmarkAllocated(off, order, cls);
        z.freeBlock(off, order);
        stats.frees++;
    }

    /** Order of the allocated block whose first page is {@code pfn}. */
    public int orderOf(int pfn) {
        Zone z = zoneOf(pfn);
        return z.allocatedOrder(pfn - z.startPfn());
    }

    /** Page class id of the allocated block whose first page is {@code pfn}. */
    public int classAt(int pfn) {
        Zone z = zoneOf(pfn);
        int s = z.pageState(pfn - z.startPfn());
        if (s <= 0) {
            throw new IllegalArgumentException("pfn " + pfn + " is not the head of an allocated block");
        }
        return s;
    }

    /**
     * Long-term pins the block at {@code pfn} (pin_user_pages with FOLL_LONGTERM). A block in
     * ZONE_MOVABLE or in a CMA or isolated pageblock is first migrated to memory that may hold
     * pinned pages. Returns the block's PFN after the pin, or -1 when the migration target could
     * not be allocated (the pin fails and nothing changes).
     */
    public int pin(int pfn) {
        Zone z = zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = allocatedClass(z, off, pfn);
        int order = z.allocatedOrder(off);
        int pinned = classes.withPinned(cls, true);
        // pinned first, so that reclaim or compaction run for the target cannot take the block
        z.reclassify(off, order, cls, pinned);
        boolean mustMove = pinMustMove(z, off);
        if (!mustMove) {
            return pfn;
        }
        int target = allocateForPin(order, pinned, z.node());
        if (target < 0) {
            z.reclassify(off, order, pinned, cls);
            return -1;
        }
        z.unmarkAllocated(off, order, pinned);
        z.freeBlock(off, order);
        stats.pagesMigrated += 1L << order;
        listener.moved(pfn, target, order, pinned);
        return target;
    }

    /**
     * Long-term pins the pages of the block at {@code pfn} as user memory mapped page by page
     * (what a buffer from alloc_contig_pages or of several buddy blocks is: base pages, not one
     * folio). Where {@link #pin} moves a block as a unit, here a block that must leave ZONE_MOVABLE,
     * CMA or an isolated pageblock migrates one 4 KiB page at a time, each to wherever the
     * allocator puts an order-0 page (check_and_migrate_movable_pages, then
     * alloc_migration_target per folio): contiguity does not survive the move. Passes the
     * resulting block heads, in virtual order, to {@code heads} (the block itself, or its pages'
     * new frames) and returns true; false when a target could not be allocated (nothing changes).
     */
    public boolean pinPages(int pfn, IntConsumer heads) {
        Zone z = zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = allocatedClass(z, off, pfn);
        int order = z.allocatedOrder(off);
        boolean mustMove = pinMustMove(z, off);
        if (!mustMove || order == 0) {
            int at = pin(pfn);
            if (at < 0) {
                return false;
            }
            heads.accept(at);
            return true;
        }
        int pinned = classes.withPinned(cls, true);
        z.reclassify(off, order, cls, pinned);
        int n = 1 << order;
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = allocateForPin(0, pinned, z.node());
            if (targets[i] < 0) {
                for (int j = 0; j < i; j++) {
                    free(targets[j]);
                }
                z.reclassify(off, order, pinned, cls);
                return false;
            }
        }
        z.unmarkAllocated(off, order, pinned);
        z.freeBlock(off, order);
        stats.pagesMigrated += n;
        for (int i = 0; i < n; i++) {
            listener.moved(pfn + i, targets[i], 0, pinned);
            heads.accept(targets[i]);
        }
        return true;
    }

    /** The page class of the allocated block headed at {@code off}; IllegalArgumentException otherwise. */
    private static int allocatedClass(Zone z, int off, int pfn) {
        int cls = z.pageState(off);
        if (cls <= 0 || cls == PageClasses.ISOLATED) {
            throw new IllegalArgumentException("pfn " + pfn + " is not the head of an allocated block");
        }
        return cls;
    }

    /** Whether a long-term pin must first migrate the block at {@code off}: ZONE_MOVABLE, CMA or isolated. */
    private static boolean pinMustMove(Zone z, int off) {
        int pbt = z.pageblockType(off);
        return z.type() == ZoneType.MOVABLE || pbt == MigrateType.CMA.ordinal() || pbt == MigrateType.ISOLATE.ordinal();
    }

    /** A target for a pin: not ZONE_MOVABLE, not CMA (the allocation is unmovable-zone, non-CMA). */
    private int allocateForPin(int order, int pinnedCls, int node) {
        Zone[] zl = zonelists[node][0];
        int mt = MigrateType.MOVABLE.ordinal();
        int pfn = getPageFromFreelist(order, mt, pinnedCls, zl, ZoneType.NORMAL.ordinal(), false, RmQueue.ALLOC_KSWAPD);
        if (pfn < 0) {
            pfn = slowpath(order, mt, pinnedCls, zl, ZoneType.NORMAL.ordinal(), RmQueue.ALLOC_KSWAPD, 0);
        }
        return pfn;
    }

    /** Drops a long-term pin (unpin_user_pages). */
    public void unpin(int pfn) {
        Zone z = zoneOf(pfn);
        int off = pfn - z.startPfn();
        int cls = z.pageState(off);
        z.reclassify(off, z.allocatedOrder(off), cls, classes.withPinned(cls, false));
    }

    public void setMigrationListener(MigrationListener l) {
        this.listener = l == null ? MigrationListener.NONE : l;
    }

    /** Runs the host's background kernel activity (kcompactd's proactive checks) up to {@code nanos}. */
    public void advanceTo(long nanos) {
        runKswapds();
        while (nextKcompactd <= nanos) {
            nowNanos = nextKcompactd;
            kcompactdTick();
            nextKcompactd += KCOMPACTD_PERIOD_NANOS;
        }
        nowNanos = Math.max(nowNanos, nanos);
    }

    public long nowNanos() {
        return nowNanos;
    }

    private void kcompactdTick() {
        if (config.compactionProactiveness() == 0) {
            return;
        }
        int wmarkHigh = Math.min(Math.max(100 - config.compactionProactiveness(), 5) + 10, 100);
        for (int n = 0; n < nodes; n++) {
            if (proactiveDefer[n] > 0) {
                proactiveDefer[n]--;
                continue;
            }
            int before = nodeFragmentationScore(n);
            if (before <= wmarkHigh) {
                continue;
            }
            compaction.proactive(n);
            int after = nodeFragmentationScore(n);
            if (after >= before) {
                proactiveDefer[n] = 1 << ZoneCompaction.COMPACT_MAX_DEFER_SHIFT;
            }
        }
    }

    /** fragmentation_score_node: zones' order-9 unusable share (0..100), weighted by size. */
    int nodeFragmentationScore(int node) {
        long nodePages = 0;
        for (Zone z : nodeZones[node]) {
            if (z != null) {
                nodePages += z.spannedPages();
            }
        }
        long score = 0;
        for (Zone z : nodeZones[node]) {
            if (z != null && z.managedPages() > 0) {
                score += (long) z.spannedPages() * z.freeArea().fragmentationScore() / (nodePages + 1);
            }
        }
        return (int) score;
    }

    /** Whole-memory compaction, as writing 1 to /proc/sys/vm/compact_memory. */
    public Compaction.Result compactMemory() {
        return compaction.compactAll();
    }

    public ContigAllocator contig() {
        return contig;
    }

    // ------------------------------------------------------------------ lookups and views

    /** The zone holding {@code pfn}. */
    public Zone zoneOf(int pfn) {
        Zone z = zones[lastZone];
        if (pfn >= z.startPfn() && pfn < z.startPfn() + z.spannedPages()) {
            return z;
        }
        for (int i = 0; i < zones.length; i++) {
            z = zones[i];
            if (pfn >= z.startPfn() && pfn < z.startPfn() + z.spannedPages()) {
                lastZone = i;
                return z;
            }
        }
        throw new IllegalArgumentException("pfn " + pfn + " is in no zone");
    }

    @Override
    public List<Zone> zones() {
        return List.of(zones);
    }

    @Override
    public boolean cmaConfigured() {
        return hasCma;
    }

    public int nodes() {
        return nodes;
    }

    public HostConfig config() {
        return config;
    }

    public MemoryStats stats() {
        return stats;
    }

    public long totalPages() {
        long n = 0;
        for (Zone z : zones) {
            n += z.spannedPages();
        }
        return n;
    }

    public long freePages() {
        long n = 0;
        for (Zone z : zones) {
            n += z.freePages();
        }
        return n;
    }

    /**
     * Pages kswapd could free by evicting them (clean, unpinned page cache): with {@link #freePages}
     * what an allocation that may reclaim can count on, as MemAvailable does.
     */
    public long evictablePages() {
        long n = 0;
        List<PageClass> all = classes.all();
        for (int id = 1; id < all.size(); id++) {
            PageClass c = all.get(id);
            if (c.owner().evictable() && !c.pinned()) {
                n += classPages(id);
            }
        }
        return n;
    }

    /** Pages allocated to a page class, over all zones. */
    public long classPages(int classId) {
        long n = 0;
        for (Zone z : zones) {
            n += z.classPages(classId);
        }
        return n;
    }
}
