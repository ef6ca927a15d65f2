package org.contigsim.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.contigsim.base.Rng;

/**
 * Random operation sequences against small hosts of both kernel versions, with and without a
 * CMA area and a movable zone. After every operation:
 * <ul>
 *   <li>{@link MemoryChecker} passes (every page in exactly one block, buddies merged, every
 *       counter equal to a recount, free lists complete, list type = pageblock type on 6.15);</li>
 *   <li>the set of allocated blocks equals an independent model: what the test allocated, moved
 *       by exactly the migrations the {@link MigrationListener} reported, minus what it freed and
 *       what reclaim may evict (clean page cache only);</li>
 *   <li>only migratable (movable, unpinned, non-hugetlb) blocks were ever moved, and every
 *       unmovable or pinned block is where it was before the operation;</li>
 *   <li>alloc_contig_range / alloc_contig_pages either hand out exactly the range to the class
 *       with only the range's movable blocks moved out of it, or fail with every allocation back
 *       where it was.</li>
 * </ul>
 */
class PhysicalMemoryPropertiesTest {
    private static final int TRIES = 15;

    enum Kind { ALLOC, FILL, FREE, FREE_RANDOM, PIN, UNPIN, COMPACT, ADVANCE, CONTIG_RANGE, CONTIG_PAGES, CONTIG_FREE,
        HUGE_GROW, HUGE_SHRINK }

    /** One operation; {@code a}, {@code b}, {@code c} are its random choices (used modulo what they choose from). */
    record Op(Kind kind, int a, int b, int c) {
    }

    /** The host besides kernel version, CMA and movable zone. */
    record Shape(int mib, boolean twoNodes, int cmaPageblocks, int movableChunks, boolean memmap, int boot2M,
            int bootGigantic, boolean protect, long seed) {
    }

    // ------------------------------------------------------------------ properties: 2 kernels x CMA x movable

    @Property(tries = TRIES, seed = "1101", shrinking = ShrinkingMode.BOUNDED)
    void v6_1Plain(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_1, false, false, s, ops);
    }

    @Property(tries = TRIES, seed = "1102", shrinking = ShrinkingMode.BOUNDED)
    void v6_1Cma(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_1, true, false, s, ops);
    }

    @Property(tries = TRIES, seed = "1103", shrinking = ShrinkingMode.BOUNDED)
    void v6_1Movable(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_1, false, true, s, ops);
    }

    @Property(tries = TRIES, seed = "1104", shrinking = ShrinkingMode.BOUNDED)
    void v6_1CmaAndMovable(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_1, true, true, s, ops);
    }

    @Property(tries = TRIES, seed = "1501", shrinking = ShrinkingMode.BOUNDED)
    void v6_15Plain(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_15, false, false, s, ops);
    }

    @Property(tries = TRIES, seed = "1502", shrinking = ShrinkingMode.BOUNDED)
    void v6_15Cma(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_15, true, false, s, ops);
    }

    @Property(tries = TRIES, seed = "1503", shrinking = ShrinkingMode.BOUNDED)
    void v6_15Movable(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_15, false, true, s, ops);
    }

    @Property(tries = TRIES, seed = "1504", shrinking = ShrinkingMode.BOUNDED)
    void v6_15CmaAndMovable(@ForAll("shapes") Shape s, @ForAll("ops") List<Op> ops) {
        run(KernelVersion.V6_15, true, true, s, ops);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Integer> mib = Arbitraries.of(64, 96, 128, 256);
        return Combinators.combine(mib, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 2), Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1), Arbitraries.longs())
                .as((m, nodesPick, cmaPbs, movChunks, memmap, boot2M, giant, seed) -> new Shape(m, m >= 128 && nodesPick == 0,
                        cmaPbs, movChunks, memmap, boot2M, giant, nodesPick == 3, seed));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(Kind.ALLOC)),
                Tuple.of(4, Arbitraries.just(Kind.FILL)),
                Tuple.of(20, Arbitraries.just(Kind.FREE)),
                Tuple.of(3, Arbitraries.just(Kind.FREE_RANDOM)),
                Tuple.of(6, Arbitraries.just(Kind.PIN)),
                Tuple.of(4, Arbitraries.just(Kind.UNPIN)),
                Tuple.of(3, Arbitraries.just(Kind.COMPACT)),
                Tuple.of(6, Arbitraries.just(Kind.ADVANCE)),
                Tuple.of(7, Arbitraries.just(Kind.CONTIG_RANGE)),
                Tuple.of(3, Arbitraries.just(Kind.CONTIG_PAGES)),
                Tuple.of(3, Arbitraries.just(Kind.CONTIG_FREE)),
                Tuple.of(3, Arbitraries.just(Kind.HUGE_GROW)),
                Tuple.of(3, Arbitraries.just(Kind.HUGE_SHRINK)));
        Arbitrary<Integer> r = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(kinds, r, r, r).as(Op::new).list().ofMinSize(80).ofMaxSize(250);
    }

    // ------------------------------------------------------------------ driver

    static void run(KernelVersion kernel, boolean cma, boolean movable, Shape s, List<Op> ops) {
        String host = kernel + (cma ? " +CMA" : "") + (movable ? " +movable" : "") + " " + s;
        Model model;
        try {
            model = new Model(new PhysicalMemory(config(kernel, cma, movable, s), s.seed()));
            model.verifyInitial();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("boot of " + host + ": " + e, e);
        }
        int step = 0;
        for (Op op : ops) {
            try {
                model.apply(op);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("step " + step + " " + op + " on " + host + ": " + e, e);
            }
            step++;
        }
    }

    static HostConfig config(KernelVersion kernel, boolean cma, boolean movable, Shape s) {
        HostConfig.Builder b = HostConfig.builder((long) s.mib() << 20)
                .kernel(kernel)
                .nodes(s.twoNodes() ? 2 : 1)
                .reserveMemmap(s.memmap());
        if (cma) {
            b.cmaBytes((long) s.cmaPageblocks() << 21);
        }
        if (movable) {
            b.movableBytes((long) s.movableChunks() * s.mib() / 16 << 20);
        }
        List<HostConfig.HugetlbReservation> boot = new ArrayList<>();
        if (s.boot2M() > 0) {
            boot.add(new HostConfig.HugetlbReservation(2L << 20, s.boot2M()));
        }
        if (s.bootGigantic() > 0) {
            boot.add(new HostConfig.HugetlbReservation(8L << 20, s.bootGigantic()));
        }
        b.hugetlb(boot);
        if (s.protect()) {
            long[] protect = new long[Pages.NR_ORDERS];
            protect[9] = 1;
            protect[10] = 1;
            b.protectOrders(protect);
        }
        return b.build();
    }

    /**
     * The independent model of which blocks are allocated where, and the per-operation checks.
     * Blocks are encoded as {@code classId | order << 8} in one int per page frame of each zone.
     */
    static class Model {
        final PhysicalMemory m;
        final Zone[] zones;
        /** [zone][offset]: the block whose head is there, or 0. */
        final int[][] exp;
        final List<Integer> candidates = new ArrayList<>();
        final int[] allocClasses;
        final int[] contigClasses;
        final int contigAnon;
        final int contigAnonPinned;
        final List<int[]> ranges = new ArrayList<>(); // {start, pages}
        final long[] poolBytes = {2L << 20, 4L << 20, 8L << 20};
        final Map<Long, List<Integer>> poolPages = new HashMap<>();
        final List<int[]> moves = new ArrayList<>(); // {from, to, order, cls}
        Kind current;
        long now;

        Model(PhysicalMemory m) {
            this.m = m;
            this.zones = m.zones;
            this.exp = new int[zones.length][];
            for (int i = 0; i < zones.length; i++) {
                exp[i] = new int[zones[i].spannedPages()];
            }
            allocClasses = new int[] {
                m.classId(Owner.ANON), m.classId(Owner.PAGE_CACHE), m.classId(Owner.SLAB),
                m.classId(Owner.SLAB_RECLAIMABLE), m.classId(Owner.NET_BUFFER), m.classId(Owner.RDMA_BUFFER)};
            contigClasses = new int[] {
                m.classId(new PageClass(Owner.RDMA_BUFFER, MigrateType.MOVABLE, true, "contig")),
                m.classId(new PageClass(Owner.KERNEL, MigrateType.UNMOVABLE, false, "contig"))};
            contigAnon = m.classId(new PageClass(Owner.ANON, MigrateType.MOVABLE, false, "contig"));
            contigAnonPinned = m.classes.withPinned(contigAnon, true);
            m.setMigrationListener(this::moved);
        }

        // -------------------------------------------------------------- encoding

        static int code(int order, int cls) {
            return cls | order << 8;
        }

        static int cls(int code) {
            return code & 0xFF;
        }

        static int order(int code) {
            return code >>> 8;
        }

        int zoneIndex(int pfn) {
            for (int i = 0; i < zones.length; i++) {
                if (pfn >= zones[i].startPfn() && pfn < zones[i].startPfn() + zones[i].spannedPages()) {
                    return i;
                }
            }
            throw new AssertionError("pfn " + pfn + " is in no zone");
        }

        int get(int pfn) {
            int zi = zoneIndex(pfn);
            return exp[zi][pfn - zones[zi].startPfn()];
        }

        void set(int pfn, int code) {
            int zi = zoneIndex(pfn);
            exp[zi][pfn - zones[zi].startPfn()] = code;
        }

        int flags(int cls) {
            return m.classes.flags[cls];
        }

        boolean evictable(int cls) {
            return (flags(cls) & PageClasses.F_EVICTABLE) != 0;
        }

        boolean migratable(int cls) {
            return (flags(cls) & PageClasses.F_MIGRATABLE) != 0;
        }

        /** A hugetlb pool page's class: plain, or its pinned variant when alloc_contig_pages made it. */
        boolean hugetlb(int cls) {
            return cls > 0 && cls <= m.classes.size() && m.classes.get(cls).owner() == Owner.HUGETLB;
        }

        /** Classes of alloc_contig ranges: freed only as whole ranges. */
        boolean contig(int cls) {
            return cls == contigClasses[0] || cls == contigClasses[1] || cls == contigAnon || cls == contigAnonPinned;
        }

        boolean pinned(int cls) {
            return (flags(cls) & PageClasses.F_PINNED) != 0;
        }

        // -------------------------------------------------------------- listener

        void moved(int from, int to, int order, int cls) {
            int e = get(from);
            if (e == 0) {
                throw new AssertionError("moved a block from pfn " + from + " that is not allocated in the model");
            }
            if (order(e) != order) {
                throw new AssertionError("moved an order-" + order + " block from pfn " + from + " that is order " + order(e));
            }
            int old = cls(e);
            if (!migratable(old)) {
                throw new AssertionError("moved a block of non-migratable class " + m.classes.get(old) + " from pfn " + from);
            }
            if (pinned(old)) {
                throw new AssertionError("moved a pinned block from pfn " + from);
            }
            boolean pinMove = current == Kind.PIN && cls == m.classes.withPinned(old, true);
            if (cls != old && !pinMove) {
                throw new AssertionError("move from " + from + " changed class " + old + " to " + cls);
            }
            if (from == to) {
                throw new AssertionError("move onto itself at pfn " + from);
            }
            Zone tz = m.zoneOf(to);
            if (tz.pageblockType(to - tz.startPfn()) == MigrateType.ISOLATE.ordinal()
                    && moves.stream().noneMatch(mv -> mv[0] == to && mv[1] == from)) {
                // only alloc_contig's undo of a failed attempt may move a block into an isolated pageblock
                throw new AssertionError("migration target " + to + " (from " + from + ") lies in an isolated pageblock");
            }
            int there = get(to);
            if (there != 0 && !evictable(cls(there))) {
                throw new AssertionError("moved a block onto pfn " + to + " where the model has live block " + there);
            }
            set(from, 0);
            set(to, code(order, cls));
            candidates.add(to);
            moves.add(new int[] {from, to, order, cls});
        }

        // -------------------------------------------------------------- verification

        void verifyInitial() {
            // boot state: whatever boot allocated is the model's starting point
            for (int zi = 0; zi < zones.length; zi++) {
                Zone z = zones[zi];
                for (int off = 0; off < z.spannedPages(); off++) {
                    byte st = z.pageState(off);
                    if (st > 0) {
                        exp[zi][off] = code(z.allocatedOrder(off), st);
                    }
                }
            }
            for (long bytes : poolBytes) {
                HugetlbPool p = m.pool(bytes);
                List<Integer> pfns = new ArrayList<>();
                int pfn;
                while ((pfn = p.take()) >= 0) {
                    pfns.add(pfn);
                }
                for (int i = pfns.size() - 1; i >= 0; i--) {
                    p.give(pfns.get(i));
                }
                poolPages.put(bytes, pfns);
                for (int head : pfns) {
                    if (!hugetlb(cls(get(head)))) {
                        throw new AssertionError("boot hugetlb page at " + head + " is not a hugetlb block");
                    }
                }
            }
            MemoryChecker.check(m);
        }

        /** Compares the model with the real state; {@code mayVanish} says which missing blocks are fine. */
        void diff(java.util.function.IntPredicate mayVanish) {
            for (int zi = 0; zi < zones.length; zi++) {
                Zone z = zones[zi];
                int[] e = exp[zi];
                for (int off = 0; off < z.spannedPages(); off++) {
                    byte s = z.pageState(off);
                    int want = e[off];
                    if (s > 0) {
                        int have = code(z.allocatedOrder(off), s);
                        if (have != want) {
                            throw new AssertionError("pfn " + (z.startPfn() + off) + " holds order-" + order(have) + " class "
                                    + cls(have) + " but the model expects " + (want == 0 ? "no block"
                                    : "order-" + order(want) + " class " + cls(want)));
                        }
                    } else if (want != 0) {
                        if (!mayVanish.test(want)) {
                            throw new AssertionError("order-" + order(want) + " block of class " + m.classes.get(cls(want))
                                    + " at pfn " + (z.startPfn() + off) + " vanished");
                        }
                        e[off] = 0;
                    }
                }
            }
        }

        /** Non-migratable blocks (unmovable, pinned, hugetlb, reserved): pfn -> code. */
        Map<Integer, Integer> fixedBlocks() {
            Map<Integer, Integer> fixed = new HashMap<>();
            for (int zi = 0; zi < zones.length; zi++) {
                int[] e = exp[zi];
                for (int off = 0; off < e.length; off++) {
                    if (e[off] != 0 && !migratable(cls(e[off])) && !evictable(cls(e[off]))) {
                        fixed.put(zones[zi].startPfn() + off, e[off]);
                    }
                }
            }
            return fixed;
        }

        int[][] snapshot() {
            int[][] copy = new int[exp.length][];
            for (int i = 0; i < exp.length; i++) {
                copy[i] = exp[i].clone();
            }
            return copy;
        }

        // -------------------------------------------------------------- operations

        void apply(Op op) {
            current = op.kind();
            moves.clear();
            Map<Integer, Integer> fixedBefore = fixedBlocks();
            List<Integer> released = new ArrayList<>();
            int freedClass = -1;
            List<Integer> shrinkCandidates = null;
            long shrinkBytes = 0;
            switch (op.kind()) {
                case ALLOC -> alloc(op);
                case FILL -> fill(op);
                case FREE -> {
                    int pfn = pick(c -> !hugetlb(c) && c != m.classId(Owner.RESERVED) && !contig(c), op.a());
                    if (pfn >= 0) {
                        m.free(pfn);
                        set(pfn, 0);
                        released.add(pfn);
                    }
                }
                case FREE_RANDOM -> {
                    freedClass = allocClasses[op.a() % allocClasses.length];
                    long pages = op.b() % 256 + 1;
                    long have = m.classPages(freedClass);
                    long freed = m.freeRandom(freedClass, pages, new Rng(op.c()));
                    if (freed < Math.min(pages, have) || m.classPages(freedClass) != have - freed) {
                        throw new AssertionError("freeRandom(" + pages + ") of a class with " + have + " pages freed " + freed);
                    }
                }
                case PIN -> pin(op);
                case UNPIN -> {
                    int pfn = pick(c -> pinned(c) && !contig(c) && !hugetlb(c), op.a());
                    if (pfn >= 0) {
                        int e = get(pfn);
                        m.unpin(pfn);
                        set(pfn, code(order(e), m.classes.withPinned(cls(e), false)));
                        released.add(pfn);
                    }
                }
                case COMPACT -> {
                    Compaction.Result r = m.compactMemory();
                    long movedPages = 0;
                    for (int[] mv : moves) {
                        movedPages += 1L << mv[2];
                    }
                    if (r.pagesMigrated() != movedPages) {
                        throw new AssertionError("compaction reports " + r.pagesMigrated() + " pages migrated, listener saw "
                                + movedPages);
                    }
                }
                case ADVANCE -> {
                    now += (op.a() % 3000) * 1_000_000L;
                    m.advanceTo(now);
                }
                case CONTIG_RANGE -> contigRange(op);
                case CONTIG_PAGES -> contigPages(op);
                case CONTIG_FREE -> {
                    if (!ranges.isEmpty()) {
                        int[] r = ranges.remove(op.a() % ranges.size());
                        m.contig().freeRange(r[0], r[1]);
                        for (int off = r[0]; off < r[0] + r[1]; ) {
                            int e = get(off);
                            set(off, 0);
                            released.add(off);
                            off += 1 << order(e);
                        }
                    }
                }
                case HUGE_GROW -> hugeGrow(op);
                case HUGE_SHRINK -> {
                    long bytes = poolBytes[op.a() % poolBytes.length];
                    HugetlbPool p = m.pool(bytes);
                    int before = p.total();
                    if (p.shrink()) {
                        shrinkCandidates = poolPages.get(bytes);
                        shrinkBytes = bytes;
                        if (p.total() != before - 1) {
                            throw new AssertionError("shrink did not lower the pool total");
                        }
                    } else if (!poolPages.get(bytes).isEmpty()) {
                        throw new AssertionError("shrink failed with " + poolPages.get(bytes).size() + " free pool pages");
                    }
                }
                default -> throw new IllegalStateException(op.kind().name());
            }

            MemoryChecker.check(m);

            // a shrunk pool page: exactly one of the pool's pages is gone (all blocks of it)
            if (shrinkCandidates != null) {
                int gone = -1;
                for (int head : shrinkCandidates) {
                    Zone z = m.zoneOf(head);
                    if (!hugetlb(z.pageState(head - z.startPfn()))) {
                        if (gone >= 0) {
                            throw new AssertionError("shrink freed two pool pages: " + gone + " and " + head);
                        }
                        gone = head;
                    }
                }
                if (gone < 0) {
                    throw new AssertionError("shrink freed none of the pool's pages");
                }
                shrinkCandidates.remove(Integer.valueOf(gone));
                int pagesPer = (int) Pages.bytesToPages(shrinkBytes);
                for (int off = gone; off < gone + pagesPer; ) {
                    int e = get(off);
                    set(off, 0);
                    released.add(off);
                    off += 1 << order(e);
                }
            }

            final int fc = freedClass;
            diff(code -> evictable(cls(code)) || cls(code) == fc);

            // every unmovable or pinned block is exactly where it was, unless this operation released it
            for (Map.Entry<Integer, Integer> f : fixedBefore.entrySet()) {
                int pfn = f.getKey();
                if (released.contains(pfn) || cls(f.getValue()) == fc) {
                    continue;
                }
                Zone z = m.zoneOf(pfn);
                int s = z.pageState(pfn - z.startPfn());
                if (s <= 0 || code(z.allocatedOrder(pfn - z.startPfn()), s) != f.getValue()) {
                    throw new AssertionError("non-migratable block " + f.getValue() + " at pfn " + pfn + " moved or changed");
                }
            }
        }

        /** A random candidate head whose model class satisfies {@code want}, or -1. */
        int pick(java.util.function.IntPredicate want, int seed) {
            Rng r = new Rng(seed);
            for (int attempt = 0; attempt < 40 && !candidates.isEmpty(); attempt++) {
                int i = r.nextInt(candidates.size());
                int pfn = candidates.get(i);
                int e = get(pfn);
                if (e == 0) {
                    candidates.set(i, candidates.get(candidates.size() - 1));
                    candidates.remove(candidates.size() - 1);
                    continue;
                }
                Zone z = m.zoneOf(pfn);
                if (z.pageState(pfn - z.startPfn()) != cls(e)) {
                    continue; // reclaimed since; diff() drops it after this operation
                }
                if (want.test(cls(e))) {
                    return pfn;
                }
            }
            return -1;
        }

        private void allocated(int pfn, int order, int cls) {
            int mt = m.classes.migrateType(cls);
            Zone z = m.zoneOf(pfn);
            if (((pfn - z.startPfn()) & ((1 << order) - 1)) != 0) {
                throw new AssertionError("order-" + order + " block at unaligned pfn " + pfn);
            }
            if (mt != MigrateType.MOVABLE.ordinal()) {
                if (z.type() == ZoneType.MOVABLE) {
                    throw new AssertionError(MigrateType.of(mt) + " allocation placed in ZONE_MOVABLE at " + pfn);
                }
                if (z.pageblockType(pfn - z.startPfn()) == MigrateType.CMA.ordinal()) {
                    throw new AssertionError(MigrateType.of(mt) + " allocation placed in a CMA pageblock at " + pfn);
                }
            }
            set(pfn, code(order, cls));
            candidates.add(pfn);
        }

        private void alloc(Op op) {
            int r = op.a() % 100;
            int order = r < 55 ? 0 : r < 70 ? 1 + r % 3 : r < 85 ? 4 + r % 5 : 9 + r % 2;
            int cls = allocClasses[op.b() % allocClasses.length];
            int[] gfps = {0, 0, 0, Gfp.LIGHT, Gfp.ATOMIC, Gfp.NORETRY, Gfp.RETRY_MAYFAIL};
            int gfp = gfps[op.c() % gfps.length];
            int node = (op.c() / gfps.length) % m.nodes();
            int pfn = m.allocate(order, cls, node, gfp);
            if (pfn >= 0) {
                allocated(pfn, order, cls);
            }
        }

        private void fill(Op op) {
            int cls = op.b() % 3 == 0 ? allocClasses[0] : allocClasses[1];
            int order = op.a() % 2 == 0 ? 0 : 2;
            // up to all free memory: drives the zones to their watermarks, into reclaim and failures
            long budget = Math.min(m.freePages(), 5000L << order);
            for (long done = 0; done < budget; done += 1L << order) {
                int pfn = m.allocate(order, cls, (int) (done % m.nodes()), 0);
                if (pfn < 0) {
                    break;
                }
                allocated(pfn, order, cls);
            }
        }

        private void pin(Op op) {
            int pfn = pick(c -> migratable(c) && !pinned(c) && !contig(c), op.a());
            if (pfn < 0) {
                return;
            }
            int e = get(pfn);
            int pinnedCls = m.classes.withPinned(cls(e), true);
            int r = m.pin(pfn);
            if (r == pfn) {
                if (!moves.isEmpty() && moves.stream().anyMatch(mv -> mv[0] == pfn)) {
                    throw new AssertionError("pin in place also reported a move of " + pfn);
                }
                set(pfn, code(order(e), pinnedCls));
            } else if (r >= 0) {
                int[] last = moves.isEmpty() ? null : moves.get(moves.size() - 1);
                if (last == null || last[0] != pfn || last[1] != r || last[3] != pinnedCls) {
                    throw new AssertionError("pin moved " + pfn + " to " + r + " without reporting that move last");
                }
            }
            if (r >= 0) {
                Zone z = m.zoneOf(r);
                if (z.type() == ZoneType.MOVABLE || z.pageblockType(r - z.startPfn()) == MigrateType.CMA.ordinal()
                        || z.pageblockType(r - z.startPfn()) == MigrateType.ISOLATE.ordinal()) {
                    throw new AssertionError("long-term pinned block left at " + r + " in " + z + " pageblock type "
                            + MigrateType.of(z.pageblockType(r - z.startPfn())));
                }
            }
        }

        private void contigRange(Op op) {
            Zone z = zones[op.a() % zones.length];
            int nPages = op.b() % 4 == 0 ? 1 + op.b() / 4 % 3000 : 1 << (op.b() / 4 % 12);
            int align = Integer.highestOneBit(nPages);
            int start = z.startPfn() + ((op.c() % z.spannedPages()) & ~(align - 1));
            int ci = op.c() / 7 % 3;
            int cls = ci == 2 ? contigAnon : contigClasses[ci];
            tryRange(start, nPages, cls, -1);
        }

        private void contigPages(Op op) {
            int nPages = op.a() % 2 == 0 ? 1 << (9 + op.b() % 3) : 100 + op.b() % 3000;
            int ci = op.c() % 3;
            int cls = ci == 2 ? contigAnon : contigClasses[ci];
            tryRange(-1, nPages, cls, op.c() / 3 % m.nodes());
        }

        /** alloc_contig_range at {@code start}, or alloc_contig_pages when {@code start < 0}. */
        private void tryRange(int start, int nPages, int cls, int node) {
            int[][] before = snapshot();
            int got;
            if (start >= 0) {
                got = m.contig().allocRange(start, nPages, cls) ? start : -1;
            } else {
                got = m.contig().allocPages(nPages, cls, node);
                if (got >= 0) {
                    int align = Integer.highestOneBit(nPages) << (Integer.bitCount(nPages) > 1 ? 1 : 0);
                    if (got % align != 0) {
                        throw new AssertionError("alloc_contig_pages(" + nPages + ") returned " + got + ", not aligned to " + align);
                    }
                    Zone z = m.zoneOf(got);
                    if (z.type() == ZoneType.MOVABLE && m.classes.migrateType(cls) != MigrateType.MOVABLE.ordinal()) {
                        throw new AssertionError("unmovable alloc_contig_pages placed in ZONE_MOVABLE");
                    }
                }
            }
            if (got < 0) {
                // every move was undone: the model (updated by the listener) is back to the snapshot,
                // apart from clean page cache reclaim may have evicted
                for (int zi = 0; zi < exp.length; zi++) {
                    for (int off = 0; off < exp[zi].length; off++) {
                        if (exp[zi][off] != before[zi][off]
                                && !(exp[zi][off] == 0 && evictable(cls(before[zi][off])))) {
                            throw new AssertionError("failed alloc_contig left pfn " + (zones[zi].startPfn() + off) + " as "
                                    + exp[zi][off] + ", was " + before[zi][off] + " (moves " + movesString() + ")");
                        }
                    }
                }
                return;
            }
            int end = got + nPages;
            // alloc_contig_pages may have tried (and undone) other windows first: only net moves count
            Map<Integer, int[]> net = new HashMap<>(); // current head -> {origin, order}
            for (int[] mv : moves) {
                int[] origin = net.remove(mv[0]);
                net.put(mv[1], origin != null ? origin : new int[] {mv[0], mv[2]});
            }
            for (Map.Entry<Integer, int[]> mv : net.entrySet()) {
                int from = mv.getValue()[0];
                int to = mv.getKey();
                int size = 1 << mv.getValue()[1];
                if (from == to) {
                    continue;
                }
                if (from + size <= got || from >= end) {
                    throw new AssertionError("alloc_contig of [" + got + ", " + end + ") left a block from outside it moved: "
                            + from + " -> " + to);
                }
                if (!(to + size <= got || to >= end)) {
                    throw new AssertionError("alloc_contig of [" + got + ", " + end + ") moved a block into the range: "
                            + from + " -> " + to);
                }
            }
            // the range is off the LRU: a movable class is recorded as its pinned variant, so nothing migrates it
            int want = m.classes.migrateType(cls) == MigrateType.MOVABLE.ordinal() ? m.classes.withPinned(cls, true) : cls;
            Zone z = m.zoneOf(got);
            if (end > z.startPfn() + z.spannedPages()) {
                throw new AssertionError("alloc_contig range [" + got + ", " + end + ") leaves its zone");
            }
            for (int pfn = got; pfn < end; ) {
                int off = pfn - z.startPfn();
                int s = z.pageState(off);
                if (s != want) {
                    throw new AssertionError("page " + pfn + " of the contiguous range [" + got + ", " + end
                            + ") is not the head of a block of class " + want + " (state " + s + ")");
                }
                int order = z.allocatedOrder(off);
                if (pfn + (1 << order) > end) {
                    throw new AssertionError("block at " + pfn + " of order " + order + " runs past the range end " + end);
                }
                int there = get(pfn);
                if (there != 0 && !evictable(cls(there))) {
                    throw new AssertionError("range block at " + pfn + " replaced live block " + there);
                }
                set(pfn, code(order, want));
                pfn += 1 << order;
            }
            // blocks the model still has inside the range (not at a range head) must be evicted page cache
            for (int pfn = got; pfn < end; pfn++) {
                int e = get(pfn);
                if (e != 0 && z.pageState(pfn - z.startPfn()) <= 0) {
                    if (!evictable(cls(e))) {
                        throw new AssertionError("live block " + e + " at " + pfn + " was swallowed by the contiguous range");
                    }
                    set(pfn, 0);
                }
            }
            ranges.add(new int[] {got, nPages});
        }

        private void hugeGrow(Op op) {
            long bytes = poolBytes[op.a() % poolBytes.length];
            HugetlbPool p = m.pool(bytes);
            int before = p.total();
            int pfn = p.grow(op.b() % m.nodes());
            if (pfn < 0) {
                if (p.total() != before) {
                    throw new AssertionError("failed grow changed the pool");
                }
                return;
            }
            int pages = (int) Pages.bytesToPages(bytes);
            if (pfn % pages != 0) {
                throw new AssertionError(bytes + "-byte hugetlb page at unaligned pfn " + pfn);
            }
            Zone z = m.zoneOf(pfn);
            int hugetlb = z.pageState(pfn - z.startPfn());
            for (int off = pfn; off < pfn + pages; ) {
                int o = z.allocatedOrder(off - z.startPfn());
                if (z.pageState(off - z.startPfn()) != hugetlb || !hugetlb(hugetlb)) {
                    throw new AssertionError("hugetlb page at " + pfn + " is not all hugetlb blocks: " + z.pageState(off - z.startPfn())
                            + " at " + off);
                }
                int there = get(off);
                if (there != 0 && !evictable(cls(there))) {
                    throw new AssertionError("hugetlb page at " + off + " replaced live block " + there);
                }
                set(off, code(o, hugetlb));
                off += 1 << o;
            }
            for (int pfn2 = pfn; pfn2 < pfn + pages; pfn2++) {
                int e = get(pfn2);
                if (e != 0 && z.pageState(pfn2 - z.startPfn()) <= 0) {
                    if (!evictable(cls(e))) {
                        throw new AssertionError("live block swallowed by hugetlb page at " + pfn);
                    }
                    set(pfn2, 0);
                }
            }
            poolPages.get(bytes).add(pfn);
            if (p.total() != before + 1) {
                throw new AssertionError("grow did not raise the pool total");
            }
        }

        private String movesString() {
            StringBuilder sb = new StringBuilder();
            for (int[] mv : moves) {
                if (sb.length() > 400) {
                    return sb.append("... (").append(moves.size()).append(" moves)").toString();
                }
                sb.append(mv[0]).append("->").append(mv[1]).append("/o").append(mv[2]).append("/c").append(mv[3]).append(' ');
            }
            return sb.toString();
        }
    }
}
