package org.contigsim.workload;

import java.util.List;
import org.contigsim.base.Rng;

/**
 * Anonymous memory of processes that start and exit. Until the share is reached one process of
 * the mean size starts per step; from then on processes exit at random (their pages freed,
 * scattered over memory) and as many start again, each allocating its whole size at once, the
 * THP-eligible part first as 2 MiB pages. Starts are bursts, as real ones are: they drain free
 * memory below the watermarks faster than kswapd refills it.
 *
 * @param share share of memory held by anonymous memory once processes have started (0 to 1)
 * @param turnoverPerHour share of the anonymous memory freed and reallocated per hour (exits,
 *     each followed by a start of the same size)
 * @param thp share of a process's memory in regions eligible for transparent huge pages: a THP
 *     fault takes a free 2 MiB block when the free lists have one (no reclaim, no compaction,
 *     as {@code GFP_TRANSHUGE_LIGHT}), else falls back to the folios of {@code folios}
 * @param processSize a process's anonymous memory; its mean is held to 1/64 of memory and to
 *     the share on small hosts (the shape kept), and no process exceeds a quarter of the share
 * @param folios the folios of the memory that is not THP (mTHP sizes)
 */
public record AnonMemory(double share, double turnoverPerHour, double thp, Distribution processSize, FolioMix folios) {
    static final String KEY = "anon";
    static final List<String> KEYS = List.of("share", "turnover-per-hour", "thp", "process-size", "folios");
    private static final int THP_ORDER = 9;
    private static final long THP_PAGES = 1L << THP_ORDER;

    /** The fragmenting preset's: 40% of memory, half of it replaced per hour, 20% THP-eligible, 64 MiB processes. */
    public static final AnonMemory DEFAULTS = new AnonMemory(0.40, 0.5, 0.2, new Distribution.Exponential(64 << 20),
            FolioMix.parse("0:70,2:20,4:10"));

    static AnonMemory read(ParamSource p, AnonMemory base) {
        p.allowOnly(KEYS);
        return new AnonMemory(p.number("share", base.share, 0, 1),
                p.number("turnover-per-hour", base.turnoverPerHour, 0, Background.MAX_TURNOVER_PER_HOUR),
                p.number("thp", base.thp, 0, 1),
                p.sizes("process-size", base.processSize, 4096, Distribution.MAX_BYTES),
                p.folios("folios", base.folios));
    }

    void write(SpecWriter w) {
        w.number("share", share).number("turnover-per-hour", turnoverPerHour).number("thp", thp)
                .string("process-size", processSize.toString()).string("folios", folios.toString());
    }

    void step(Step s) {
        HostMemory host = s.host();
        Rng rng = s.rng();
        long total = s.totalPages();
        long target = (long) (share * total);
        long have = host.pages(PageKind.ANON);
        long meanProcess = Math.max(1, Math.min(Math.min((long) (processSize.mean() / 4096), total / 64), target));
        if (have < target) {
            start(s, Math.min(target - have, meanProcess));
            return;
        }
        double exits = turnoverPerHour * target * s.seconds() / Step.HOUR / meanProcess;
        Distribution sizes = processSize.withMean(meanProcess * 4096.0);
        for (long i = Demand.carry(rng, exits); i > 0; i--) {
            long size = Math.max(1, Math.min((long) (sizes.sample(rng) / 4096.0), target / 4));
            host.freeRandom(PageKind.ANON, size);
            start(s, size);
        }
    }

    private void start(Step s, long pages) {
        long huge = (long) (pages * thp) & ~(THP_PAGES - 1);
        long done = 0;
        int node = Demand.node(s.rng(), s.host().nodes());
        while (done < huge && s.host().tryAllocate(PageKind.ANON, THP_ORDER, node)) {
            done += THP_PAGES;
        }
        Demand.allocate(s.host(), s.rng(), PageKind.ANON, pages - done, folios);
    }
}
