package org.contigsim.workload;

import java.util.List;
import org.contigsim.base.Rng;

/**
 * Memory registered for RDMA by applications (MPI, storage targets, key-value stores): user
 * memory allocated and long-term pinned for as long as the registration lives. Pinned blocks
 * sit in movable pageblocks where compaction and {@code alloc_contig_range} cannot move them.
 * Until the share is reached one registration starts per step; then registrations end at random
 * and as many start again.
 *
 * @param share share of memory registered (0 to 1)
 * @param turnoverPerHour share of the registered memory deregistered and registered anew per hour
 * @param registrationSize one registration's size; its mean is held to the share on small hosts
 * @param folios the folios the registered memory is allocated in
 */
public record RdmaRegistrations(double share, double turnoverPerHour, Distribution registrationSize,
        FolioMix folios) {
    static final String KEY = "rdma";
    static final List<String> KEYS = List.of("share", "turnover-per-hour", "registration-size", "folios");

    /** What an {@code rdma} block starts from: 5% of memory in registrations of about 16 MiB, replaced hourly. */
    public static final RdmaRegistrations DEFAULTS = new RdmaRegistrations(0.05, 1.0,
            new Distribution.LogNormal(16 << 20, 1.0), FolioMix.parse("0:70,2:20,4:10"));

    static RdmaRegistrations read(ParamSource p, RdmaRegistrations base) {
        p.allowOnly(KEYS);
        return new RdmaRegistrations(p.number("share", base.share, 0, 1),
                p.number("turnover-per-hour", base.turnoverPerHour, 0, Background.MAX_TURNOVER_PER_HOUR),
                p.sizes("registration-size", base.registrationSize, 4096, Distribution.MAX_BYTES),
                p.folios("folios", base.folios));
    }

    void write(SpecWriter w) {
        w.number("share", share).number("turnover-per-hour", turnoverPerHour)
                .string("registration-size", registrationSize.toString()).string("folios", folios.toString());
    }

    void step(Step s) {
        HostMemory host = s.host();
        Rng rng = s.rng();
        long target = (long) (share * s.totalPages());
        if (target == 0) {
            return;
        }
        long have = host.pages(PageKind.RDMA_PINNED);
        long mean = Math.max(1, Math.min((long) (registrationSize.mean() / 4096), target));
        Distribution sizes = registrationSize.withMean(mean * 4096.0);
        if (have < target) {
            register(s, Math.min(target - have, Demand.pages(sizes.sample(rng))));
            return;
        }
        double ends = turnoverPerHour * target * s.seconds() / Step.HOUR / mean;
        for (long i = Demand.carry(rng, ends); i > 0; i--) {
            long size = Math.min(Demand.pages(sizes.sample(rng)), Math.max(1, target / 4));
            host.freeRandom(PageKind.RDMA_PINNED, size);
            register(s, size);
        }
    }

    private void register(Step s, long pages) {
        Demand.allocate(s.host(), s.rng(), PageKind.RDMA_PINNED, pages, folios);
    }
}
