package org.contigsim.workload;

import java.util.List;

/**
 * Page tables: unmovable single pages in proportion to the anonymous memory they map (one
 * 4 KiB PTE page maps 2 MiB, so 1/512 of it), replaced as processes exit and start. Page tables
 * are why even a host with only user memory scatters unmovable pages.
 *
 * @param ratio page-table pages per page of anonymous memory (0 to 1)
 * @param turnoverPerHour share of the page tables freed and reallocated per hour (processes
 *     exiting and starting)
 */
public record PageTables(double ratio, double turnoverPerHour) {
    static final String KEY = "page-tables";
    static final List<String> KEYS = List.of("ratio", "turnover-per-hour");

    /** What a {@code page-tables} block starts from: 1/512 of anonymous memory, replaced at anon's rate. */
    public static final PageTables DEFAULTS = new PageTables(1.0 / 512, 0.5);

    static PageTables read(ParamSource p, PageTables base) {
        p.allowOnly(KEYS);
        return new PageTables(p.number("ratio", base.ratio, 0, 1),
                p.number("turnover-per-hour", base.turnoverPerHour, 0, Background.MAX_TURNOVER_PER_HOUR));
    }

    void write(SpecWriter w) {
        w.number("ratio", ratio).number("turnover-per-hour", turnoverPerHour);
    }

    void step(Step s) {
        long target = (long) (ratio * s.host().pages(PageKind.ANON));
        Demand.churn(s, PageKind.PAGE_TABLE, target, turnoverPerHour, FolioMix.singlePages());
    }
}
