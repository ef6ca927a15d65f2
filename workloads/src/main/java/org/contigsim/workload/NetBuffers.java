package org.contigsim.workload;

import java.util.List;
import org.contigsim.base.Rng;

/**
 * Network buffers: unmovable memory kept at a share of memory and replaced many times an hour.
 * As {@code page_frag_cache_refill} does, each refill first tries a page fragment block of
 * {@code fragOrder} without reclaim or compaction, and takes smaller blocks of {@code folios}
 * when the free lists have none.
 *
 * @param share share of memory in network buffers (0 to 1)
 * @param turnoverPerHour share of the buffers freed and reallocated per hour
 * @param fragOrder order of a page fragment block (3: 32 KiB, as the kernel uses)
 * @param folios the blocks taken when no page fragment block is free
 */
public record NetBuffers(double share, double turnoverPerHour, int fragOrder, FolioMix folios) {
    static final String KEY = "net";
    static final List<String> KEYS = List.of("share", "turnover-per-hour", "frag-order", "folios");

    /** The fragmenting preset's: 1% of memory, replaced 30 times an hour, order-3 fragments. */
    public static final NetBuffers DEFAULTS = new NetBuffers(0.01, 30.0, 3, FolioMix.parse("0:80,1:15,3:5"));

    static NetBuffers read(ParamSource p, NetBuffers base) {
        p.allowOnly(KEYS);
        return new NetBuffers(p.number("share", base.share, 0, 1),
                p.number("turnover-per-hour", base.turnoverPerHour, 0, Background.MAX_TURNOVER_PER_HOUR),
                p.whole("frag-order", base.fragOrder, 0, FolioMix.MAX_ORDER),
                p.folios("folios", base.folios));
    }

    void write(SpecWriter w) {
        w.number("share", share).number("turnover-per-hour", turnoverPerHour).whole("frag-order", fragOrder)
                .string("folios", folios.toString());
    }

    void step(Step s) {
        HostMemory host = s.host();
        Rng rng = s.rng();
        long target = (long) (share * s.totalPages());
        long have = host.pages(PageKind.NET_BUFFER);
        long churn = Demand.carry(rng, turnoverPerHour * target * s.seconds() / Step.HOUR);
        if (have >= target) {
            host.freeRandom(PageKind.NET_BUFFER, churn);
            have = host.pages(PageKind.NET_BUFFER);
        }
        long want = Math.min(target - have, Math.max(churn, target / 300 + 1));
        long done = 0;
        long fragPages = 1L << fragOrder;
        int nodes = host.nodes();
        while (want - done >= fragPages
                && host.tryAllocate(PageKind.NET_BUFFER, fragOrder, Demand.node(rng, nodes))) {
            done += fragPages;
        }
        Demand.allocate(host, rng, PageKind.NET_BUFFER, want - done, folios);
    }
}
