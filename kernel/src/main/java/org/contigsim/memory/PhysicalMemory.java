package org.contigsim.memory;

import java.util.List;
import java.util.function.IntConsumer;
import org.contigsim.base.Rng;

/**
 * The physical memory of one simulated host, and the one entry point its users call: its NUMA
 * nodes and zones, allocation and free, long-term pins, compaction and simulated time. Plain
 * Java with one owner thread; simulated time only advances through {@link #advanceTo}. The
 * kernel's parts are its collaborators, each after one kernel file: {@link MmInit} (boot),
 * {@link Watermarks}, {@link AllocFastPath} and {@link AllocSlowPath} (the page allocator),
 * {@link RmQueue} (the free-list fallbacks), {@link Vmscan} (kswapd and reclaim),
 * {@link Compaction} and {@link Kcompactd}, {@link ContigAllocator}, {@link LongtermPin} and
 * {@link Hugetlb}.
 */
public final class PhysicalMemory implements MemoryView {
    final HostConfig config;
    final PageClasses classes;
    final Zone[] zones;
    /** [node][zone type ordinal], null where the node lacks that zone. */
    final Zone[][] nodeZones;
    final Rng rng;
    final MemoryStats stats = new MemoryStats();
    final AllocFastPath fastPath;
    final AllocSlowPath slowPath;
    final Vmscan vmscan;
    final Compaction compaction;
    final Kcompactd kcompactd;
    final ContigAllocator contig;
    final LongtermPin pins;
    final Hugetlb hugetlb;
    private final boolean hasCma;
    private final int nodes;
    private MigrationListener listener = MigrationListener.NONE;

    private long nowNanos;
    private long nextKcompactd = Kcompactd.PERIOD_NANOS;
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
        RmQueue rmqueue = config.kernel().rmqueue();
        rmqueue.boostFactor = config.watermarkBoostFactor();
        this.nodes = layout.nodes();
        this.zones = MmInit.createZones(layout, config, classes);
        this.nodeZones = new Zone[nodes][ZoneType.values().length];
        for (Zone z : zones) {
            nodeZones[z.node()][z.type().ordinal()] = z;
        }
        this.hasCma = !layout.cma().isEmpty() || (image != null && image.cmaConfigured());
        this.fastPath = new AllocFastPath(this, rmqueue, nodeZones);
        this.slowPath = new AllocSlowPath(this);
        this.vmscan = new Vmscan(this, nodes);
        this.compaction = new Compaction(this);
        this.kcompactd = new Kcompactd(this, nodes);
        this.contig = new ContigAllocator(this);
        this.pins = new LongtermPin(this);
        this.hugetlb = new Hugetlb(this);
        if (image == null) {
            MmInit.boot(this, layout);
        } else {
            MmInit.restore(this, image);
        }
        for (Zone z : zones) {
            z.pageblocks().refreshOtherMovableBits();
        }
        Watermarks.setup(config, zones, nodeZones);
        hugetlb.allocBootPages();
    }

    // ------------------------------------------------------------------ page classes and allocation

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

    /** As {@link #allocate(int, int, int)}, with {@link Gfp} flags ({@link AllocFastPath#allocate}). */
    public int allocate(int order, int classId, int node, int gfp) {
        return fastPath.allocate(order, classId, node, gfp);
    }

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

    /** The page class of the allocated block headed at {@code off}; IllegalArgumentException otherwise. */
    static int allocatedClass(Zone z, int off, int pfn) {
        int cls = z.pageState(off);
        if (cls <= 0 || cls == PageClasses.ISOLATED) {
            throw new IllegalArgumentException("pfn " + pfn + " is not the head of an allocated block");
        }
        return cls;
    }

    // ------------------------------------------------------------------ pins

    /** Long-term pins the block at {@code pfn}; its PFN after the pin, or -1 ({@link LongtermPin#pin}). */
    public int pin(int pfn) {
        return pins.pin(pfn);
    }

    /** Long-term pins the pages of the block at {@code pfn} one by one ({@link LongtermPin#pinPages}). */
    public boolean pinPages(int pfn, IntConsumer heads) {
        return pins.pinPages(pfn, heads);
    }

    /** Drops a long-term pin (unpin_user_pages). */
    public void unpin(int pfn) {
        pins.unpin(pfn);
    }

    public void setMigrationListener(MigrationListener l) {
        this.listener = l == null ? MigrationListener.NONE : l;
    }

    MigrationListener listener() {
        return listener;
    }

    // ------------------------------------------------------------------ time and background work

    /** Runs the host's background kernel activity (kcompactd's proactive checks) up to {@code nanos}. */
    public void advanceTo(long nanos) {
        vmscan.runKswapds();
        while (nextKcompactd <= nanos) {
            nowNanos = nextKcompactd;
            kcompactd.tick();
            nextKcompactd += Kcompactd.PERIOD_NANOS;
        }
        nowNanos = Math.max(nowNanos, nanos);
    }

    public long nowNanos() {
        return nowNanos;
    }

    /** Whole-memory compaction, as writing 1 to /proc/sys/vm/compact_memory. */
    public Compaction.Result compactMemory() {
        return compaction.compactAll();
    }

    public ContigAllocator contig() {
        return contig;
    }

    /** The hugetlb pool of one page size (created empty on first use). */
    public HugetlbPool pool(long pageBytes) {
        return hugetlb.pool(pageBytes);
    }

    public List<HugetlbPool> hugetlbPools() {
        return hugetlb.pools();
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

    public List<Zone> zones() {
        return List.of(zones);
    }

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
