package org.contigsim.script;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.contigsim.base.Rng;
import org.contigsim.hocon.InputException;
import org.contigsim.memory.Compaction;
import org.contigsim.memory.HugetlbPool;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.Zone;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.ExtfragIndex;
import org.contigsim.procfs.PageTypeInfo;
import org.contigsim.procfs.ProcParseException;
import org.contigsim.workload.WorkloadHost;

/**
 * Runs a memory script against one simulated host, the way an engineer pokes a real machine:
 * boot it, allocate and free tagged memory, compact, grow the hugetlb pool, let time pass,
 * print {@code /proc} files. Output goes to {@code out}, one JSON object per line or the
 * kernel's own file text; the same script always prints the same bytes.
 *
 * <p>Random streams, all from the script's {@code seed}: the host's own (kswapd's eviction
 * picks) is {@code Rng.seedFor(seed, 1)}; {@code free ... fraction} draws from
 * {@code Rng.seedFor(seed, 2)}; background workloads run on {@code Rng.seedFor(seed, 0)} and free
 * their memory with {@code Rng.seedFor(seed, 3)}. Each stream continues from step to step.
 */
public final class ScriptRunner {
    private final Script script;
    private final PrintStream out;
    private final PhysicalMemory mem;
    private final Rng freeRng;
    private final Rng workloadRng;
    private WorkloadHost workloadHost;
    /** Page class ids the script created, per tag (pinned variants included once seen). */
    private final Map<String, TreeSet<Integer>> tagClasses = new LinkedHashMap<>();
    private long now;

    private ScriptRunner(Script script, PrintStream out) {
        this.script = script;
        this.out = out;
        try {
            this.mem = script.host().boot(Rng.seedFor(script.seed(), 1));
        } catch (IllegalArgumentException | ProcParseException e) {
            throw new InputException(script.host().where().message(e.getMessage()), e);
        }
        this.freeRng = new Rng(Rng.seedFor(script.seed(), 2));
        this.workloadRng = new Rng(Rng.seedFor(script.seed(), 0));
    }

    /**
     * Parses and validates {@code script} (printing nothing when it is invalid), then runs it,
     * printing to {@code out}.
     *
     * @throws InputException whose one-line message is {@code FILE:LINE: key.path: problem}
     */
    public static void run(Path script, PrintStream out) {
        run(ScriptParser.parse(script), out);
    }

    /** As {@link #run(Path, PrintStream)}, the host booted into {@code start} instead of the script's own import. */
    public static void run(Path script, ScriptParser.Start start, PrintStream out) {
        run(ScriptParser.parse(script, start), out);
    }

    /** Runs an already validated script; returns the host as the script left it. */
    public static PhysicalMemory run(Script script, PrintStream out) {
        ScriptRunner r = new ScriptRunner(script, out);
        r.execute(script.steps());
        out.flush();
        return r.mem;
    }

    private void execute(List<Script.Step> steps) {
        for (Script.Step step : steps) {
            try {
                execute(step);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the model refused (e.g. more than 126 page classes): name the step that asked
                throw new InputException(step.where().message(e.getMessage()), e);
            }
        }
    }

    private void execute(Script.Step step) {
        if (step instanceof Script.Allocate a) {
            allocate(a);
        } else if (step instanceof Script.Free f) {
            free(f);
        } else if (step instanceof Script.Pin p) {
            pin(p);
        } else if (step instanceof Script.Compact) {
            Compaction.Result r = mem.compactMemory();
            line(new JsonLine().put("step", Script.StepType.COMPACT.label()).put("pages_migrated", r.pagesMigrated())
                    .put("pages_scanned", r.pagesScanned()).put("nanos", r.nanos()));
        } else if (step instanceof Script.Hugepages h) {
            hugepages(h);
        } else if (step instanceof Script.Advance a) {
            advance(a);
        } else if (step instanceof Script.Print p) {
            print(p);
        } else if (step instanceof Script.Contig c) {
            contig(c);
        } else if (step instanceof Script.Repeat r) {
            for (int i = 0; i < r.times(); i++) {
                execute(r.steps());
            }
        } else {
            throw new IllegalStateException("unhandled step " + step);
        }
    }

    // ------------------------------------------------------------------ steps

    private void allocate(Script.Allocate a) {
        int cls = tagClass(a.tag(), a.kind().pageClass(a.tag()));
        int pinnedCls = a.kind() == Script.Kind.PINNED ? tagClass(a.tag(), a.kind().pageClass(a.tag()).withPinned(true)) : 0;
        long chunks = a.pages() >>> a.order();
        long obtained = 0;
        for (long i = 0; i < chunks; i++) {
            int pfn = mem.allocate(a.order(), cls, a.node(), a.gfp());
            if (pfn < 0) {
                break;
            }
            if (pinnedCls != 0 && mem.pin(pfn) < 0) {
                mem.free(pfn); // the registration fails; the page goes back
                break;
            }
            obtained += 1L << a.order();
        }
        if (a.report() || obtained < a.pages()) {
            line(new JsonLine().put("step", Script.StepType.ALLOCATE.label()).put("tag", a.tag())
                    .put("requested_pages", a.pages())
                    .put("obtained_pages", obtained));
        }
    }

    private void free(Script.Free f) {
        long freed = 0;
        if (f.mode() == Script.FreeMode.FRACTION) {
            for (int cls : tagClasses.get(f.tag())) {
                long pages = (long) Math.ceil(f.fraction() * mem.classPages(cls));
                freed += pages == 0 ? 0 : mem.freeRandom(cls, pages, freeRng);
            }
        } else {
            int[] heads = blocks(f.tag());
            int every = f.mode() == Script.FreeMode.ALL ? 1 : f.every();
            for (int i = every - 1; i < heads.length; i += every) {
                freed += 1L << mem.orderOf(heads[i]);
                mem.free(heads[i]);
            }
        }
        if (f.report()) {
            line(new JsonLine().put("step", Script.StepType.FREE.label()).put("tag", f.tag())
                    .put("freed_pages", freed));
        }
    }

    private void pin(Script.Pin p) {
        TreeSet<Integer> classes = tagClasses.get(p.tag());
        for (int cls : List.copyOf(classes)) {
            tagClass(p.tag(), mem.classes().get(cls).withPinned(p.pin()));
        }
        long done = 0;
        long failed = 0;
        for (int head : blocks(p.tag())) {
            if (mem.classes().get(mem.classAt(head)).pinned() == p.pin()) {
                continue;
            }
            long pages = 1L << mem.orderOf(head);
            if (!p.pin()) {
                mem.unpin(head);
                done += pages;
            } else if (mem.pin(head) >= 0) {
                done += pages;
            } else {
                failed += pages;
            }
        }
        if (p.report() || failed > 0) {
            JsonLine j = new JsonLine().put("step", (p.pin() ? Script.StepType.PIN : Script.StepType.UNPIN).label())
                    .put("tag", p.tag());
            if (p.pin()) {
                j.put("pinned_pages", done).put("failed_pages", failed);
            } else {
                j.put("unpinned_pages", done);
            }
            line(j);
        }
    }

    private void hugepages(Script.Hugepages h) {
        HugetlbPool pool = mem.pool(h.pageBytes());
        if (h.pool() >= 0) {
            setPool(h, pool);
            return;
        }
        int obtained = 0;
        while (h.max() < 0 || obtained < h.max()) {
            if (pool.grow(obtained % mem.nodes()) < 0) {
                break;
            }
            obtained++;
        }
        JsonLine j = new JsonLine().put("step", Script.StepType.HUGEPAGES.label());
        if (h.pageBytes() != 2L << 20) {
            j.put("size_bytes", h.pageBytes());
        }
        line(j.put("obtained", obtained));
        if (!h.keep()) {
            for (int i = 0; i < obtained; i++) {
                pool.shrink();
            }
        }
    }

    /**
     * {@code set_max_huge_pages}: shrink by freeing pool pages, or grow one page at a time, nodes
     * round robin, until the target or the first failed allocation; prints the pool's size then.
     */
    private void setPool(Script.Hugepages h, HugetlbPool pool) {
        while (pool.total() > h.pool() && pool.shrink()) {
            // free pool pages go back to the buddy allocator one by one
        }
        while (pool.total() < h.pool() && pool.grow(pool.total() % mem.nodes()) >= 0) {
            // each page is a fresh allocation; the first failure ends the write, as in the kernel
        }
        JsonLine j = new JsonLine().put("step", Script.StepType.HUGEPAGES.label());
        if (h.pageBytes() != 2L << 20) {
            j.put("size_bytes", h.pageBytes());
        }
        line(j.put("pool", pool.total()));
    }

    private void advance(Script.Advance a) {
        long to = now + a.nanos();
        if (a.workload() != null) {
            if (workloadHost == null) {
                workloadHost = new WorkloadHost(mem, new Rng(Rng.seedFor(script.seed(), 3)));
            }
            a.workload().background().run(workloadHost, workloadRng, now, to);
        }
        mem.advanceTo(to);
        now = to;
    }

    private void contig(Script.Contig c) {
        int cls = tagClass(c.tag(), c.kind().pageClass(c.tag()));
        int pfn = mem.contig().allocPages((int) c.pages(), cls, c.node());
        line(new JsonLine().put("step", Script.StepType.CONTIG.label()).put("tag", c.tag())
                .put("size_bytes", Pages.pagesToBytes(c.pages()))
                .put("pfn", pfn));
    }

    private void print(Script.Print p) {
        switch (p.what()) {
            case BUDDYINFO -> out.print(BuddyInfo.format(mem));
            case PAGETYPEINFO -> out.print(PageTypeInfo.format(mem));
            case UNUSABLE_INDEX -> out.print(ExtfragIndex.formatUnusableIndex(mem));
            case EXTFRAG_INDEX -> out.print(ExtfragIndex.formatExtfragIndex(mem));
            case JSON -> line(summary());
        }
    }

    /** The {@code print json} line: zones' free blocks and indexes, contiguity, pages by owner and tag, pools. */
    private JsonLine summary() {
        StringBuilder zones = new StringBuilder("[");
        for (Zone z : mem.zones()) {
            long[] free = z.freeBlocks();
            JsonLine pageblocks = new JsonLine();
            for (MigrateType t : MigrateType.values()) {
                pageblocks.put(t.procName(), z.pageblocks(t));
            }
            zones.append(zones.length() == 1 ? "" : ",").append(new JsonLine()
                    .put("node", z.node()).put("zone", z.type().procName())
                    .put("present_pages", z.spannedPages()).put("free_pages", z.freePages())
                    .raw("free_blocks", JsonLine.array(free))
                    .raw("unusable_index", JsonLine.thousandths(VmStat.unusableIndexes(free)))
                    .raw("fragmentation_index", JsonLine.thousandths(VmStat.fragmentationIndexes(free)))
                    .raw("pageblocks", pageblocks.toString()));
        }
        zones.append(']');
        long[] byOwner = new long[Owner.values().length];
        List<PageClass> all = mem.classes().all();
        for (int id = 1; id < all.size(); id++) {
            byOwner[all.get(id).owner().ordinal()] += mem.classPages(id);
        }
        JsonLine owners = new JsonLine();
        for (Owner o : Owner.values()) {
            owners.put(o.label(), byOwner[o.ordinal()]);
        }
        JsonLine tags = new JsonLine();
        for (Map.Entry<String, TreeSet<Integer>> e : tagClasses.entrySet()) {
            long pages = 0;
            for (int cls : e.getValue()) {
                pages += mem.classPages(cls);
            }
            tags.put(e.getKey(), pages);
        }
        StringBuilder pools = new StringBuilder("[");
        for (HugetlbPool p : mem.hugetlbPools()) {
            pools.append(pools.length() == 1 ? "" : ",").append(new JsonLine().put("size_bytes", p.pageBytes())
                    .put("total", p.total()).put("free", p.free()));
        }
        pools.append(']');
        return new JsonLine().put("step", Script.StepType.PRINT.label()).put("time_ns", now)
                .put("total_pages", mem.totalPages()).put("free_pages", mem.freePages())
                .raw("zones", zones.toString())
                .put("largest_contig_range_pages", mem.contig().largestRange())
                .raw("pages_by_owner", owners.toString())
                .raw("pages_by_tag", tags.toString())
                .raw("hugetlb_pools", pools.toString());
    }

    // ------------------------------------------------------------------ tags

    /** Registers {@code c} as one of {@code tag}'s classes; its id. */
    private int tagClass(String tag, PageClass c) {
        int id = mem.classId(c);
        tagClasses.computeIfAbsent(tag, t -> new TreeSet<>()).add(id);
        return id;
    }

    /** First PFNs of every block of the tag's classes, ascending. */
    private int[] blocks(String tag) {
        int[][] buf = {new int[256]};
        int[] n = {0};
        for (int cls : tagClasses.get(tag)) {
            mem.forEachBlock(cls, pfn -> {
                if (n[0] == buf[0].length) {
                    buf[0] = Arrays.copyOf(buf[0], n[0] * 2);
                }
                buf[0][n[0]++] = pfn;
            });
        }
        int[] heads = Arrays.copyOf(buf[0], n[0]);
        Arrays.sort(heads);
        return heads;
    }

    private void line(JsonLine j) {
        out.print(j + "\n");
    }
}
