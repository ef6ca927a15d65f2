package org.contigsim.workload;

import java.util.List;
import org.contigsim.base.Rng;

/**
 * File data read into the page cache. Reads never stop, so once free memory runs low kswapd
 * evicts clean page cache to make room (eviction under reclaim is the allocator's, not this
 * workload's): the cache fills memory and keeps it at the watermarks. Each step reads whole
 * files of {@code fileSize} (the last one cut at the step's budget); a file's tail takes single
 * pages where a large folio would not fit.
 *
 * @param readPerSecond bytes read per second, sampled once per step (a fixed rate draws nothing)
 * @param fileSize the size of each file read
 * @param folios the folio sizes reads allocate (large folios as readahead allocates them)
 * @param fill share of memory read at once when the background starts (the first step)
 * @param deletePerHour share of the page cache freed per hour by deleted or truncated files
 */
public record PageCache(Distribution readPerSecond, Distribution fileSize, FolioMix folios, double fill,
        double deletePerHour) {
    static final String KEY = "page-cache";
    static final List<String> KEYS = List.of("read-per-second", "file-size", "folios", "fill", "delete-per-hour");

    /** The fragmenting preset's: 64 MiB/s in 64 MiB files, folios of order 0, 2 and 4. */
    public static final PageCache DEFAULTS = new PageCache(new Distribution.Fixed(64 << 20),
            new Distribution.Fixed(64 << 20), FolioMix.parse("0:70,2:20,4:10"), 0, 0);

    static PageCache read(ParamSource p, PageCache base) {
        p.allowOnly(KEYS);
        return new PageCache(p.sizes("read-per-second", base.readPerSecond, 0, Distribution.MAX_BYTES),
                p.sizes("file-size", base.fileSize, 1, Distribution.MAX_BYTES),
                p.folios("folios", base.folios),
                p.number("fill", base.fill, 0, 1),
                p.number("delete-per-hour", base.deletePerHour, 0, Background.MAX_TURNOVER_PER_HOUR));
    }

    void write(SpecWriter w) {
        w.string("read-per-second", readPerSecond.toString()).string("file-size", fileSize.toString())
                .string("folios", folios.toString()).number("fill", fill).number("delete-per-hour", deletePerHour);
    }

    void step(Step s) {
        HostMemory host = s.host();
        Rng rng = s.rng();
        if (fill > 0 && s.startNanos() == 0) {
            read(s, (long) (fill * s.totalPages()));
        }
        if (deletePerHour > 0) {
            host.freeRandom(PageKind.PAGE_CACHE,
                    Demand.carry(rng, deletePerHour * host.pages(PageKind.PAGE_CACHE) * s.seconds() / Step.HOUR));
        }
        read(s, Demand.carry(rng, readPerSecond.sample(rng) / 4096.0 * s.seconds()));
    }

    private void read(Step s, long pages) {
        long done = 0;
        while (done < pages) {
            long file = Math.min(Demand.pages(fileSize.sample(s.rng())), pages - done);
            if (!Demand.allocate(s.host(), s.rng(), PageKind.PAGE_CACHE, file, folios)) {
                return;
            }
            done += file;
        }
    }
}
