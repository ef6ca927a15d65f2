package org.contigsim.workload;

import java.util.List;

/**
 * Kernel memory: slab caches kept at a share of memory and partly replaced every hour
 * (unmovable, and optionally a reclaimable share as dentry and inode caches are), plus a trickle
 * of unmovable allocations that are never freed (module text, long-lived slabs, vmalloc). The
 * long-lived share is what leaves unmovable pages in movable pageblocks for good.
 *
 * <p>Two calls per step ({@link #churn} and {@link #longLived}) because {@link Background} runs
 * the long-lived allocations after the network buffers, where the original fragmenting workload
 * had them; that keeps its random draws, and so its results, unchanged.
 *
 * @param slab share of memory in unmovable slab (0 to 1)
 * @param reclaimable share of memory in reclaimable slab ({@code __GFP_RECLAIMABLE}, 0 to 1)
 * @param turnoverPerHour share of each slab freed and reallocated per hour
 * @param longLivedPerHour share of memory allocated per hour as unmovable memory never freed
 * @param folios slab page orders (slab caches use orders 0 to 3)
 */
public record KernelMemory(double slab, double reclaimable, double turnoverPerHour, double longLivedPerHour,
        FolioMix folios) {
    static final String KEY = "kernel";
    static final List<String> KEYS = List.of("slab", "reclaimable", "turnover-per-hour", "long-lived-per-hour", "folios");

    /** The fragmenting preset's: 2% slab replaced hourly, 0.1% of memory per hour never freed. */
    public static final KernelMemory DEFAULTS = new KernelMemory(0.02, 0, 1.0, 0.001, FolioMix.parse("0:80,1:15,3:5"));

    static KernelMemory read(ParamSource p, KernelMemory base) {
        p.allowOnly(KEYS);
        return new KernelMemory(p.number("slab", base.slab, 0, 1),
                p.number("reclaimable", base.reclaimable, 0, 1),
                p.number("turnover-per-hour", base.turnoverPerHour, 0, Background.MAX_TURNOVER_PER_HOUR),
                p.number("long-lived-per-hour", base.longLivedPerHour, 0, 1),
                p.folios("folios", base.folios));
    }

    void write(SpecWriter w) {
        w.number("slab", slab).number("reclaimable", reclaimable).number("turnover-per-hour", turnoverPerHour)
                .number("long-lived-per-hour", longLivedPerHour).string("folios", folios.toString());
    }

    /** The slab caches' churn. */
    void churn(Step s) {
        long total = s.totalPages();
        Demand.churn(s, PageKind.SLAB, (long) (slab * total), turnoverPerHour, folios);
        if (reclaimable > 0) {
            Demand.churn(s, PageKind.SLAB_RECLAIMABLE, (long) (reclaimable * total), turnoverPerHour, folios);
        }
    }

    /** This step's never-freed allocations. */
    void longLived(Step s) {
        long pages = Demand.carry(s.rng(), longLivedPerHour * s.totalPages() * s.seconds() / Step.HOUR);
        Demand.allocate(s.host(), s.rng(), PageKind.KERNEL_LONG_LIVED, pages, folios);
    }
}
