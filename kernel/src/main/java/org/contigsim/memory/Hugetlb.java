package org.contigsim.memory;

import static org.contigsim.memory.Pages.MAX_ORDER;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host's hugetlb pools, one per huge page size ({@code mm/hugetlb.c}: the {@code hstates[]},
 * {@code size_to_hstate}, and {@code hugetlb_hstate_alloc_pages} for the boot-time pages the
 * buddy allocator can give). Gigantic boot pages come from the boot allocator instead, as
 * {@link MmInit} hands the zones over.
 */
final class Hugetlb {
    private final PhysicalMemory mem;
    private final List<HugetlbPool> pools = new ArrayList<>();

    Hugetlb(PhysicalMemory mem) {
        this.mem = mem;
    }

    /** The hugetlb pool of one page size (created empty on first use). */
    HugetlbPool pool(long pageBytes) {
        for (HugetlbPool p : pools) {
            if (p.pageBytes() == pageBytes) {
                return p;
            }
        }
        HugetlbPool p = new HugetlbPool(mem, pageBytes);
        pools.add(p);
        return p;
    }

    List<HugetlbPool> pools() {
        return Collections.unmodifiableList(pools);
    }

    /** Boot-time 2 MiB (and other buddy-sized) hugetlb pages: taken right after boot, nodes round robin. */
    void allocBootPages() {
        for (HostConfig.HugetlbReservation r : mem.config.hugetlb()) {
            if (r.order() > MAX_ORDER) {
                continue;
            }
            HugetlbPool pool = pool(r.pageBytes());
            for (int i = 0; i < r.count(); i++) {
                int pfn = mem.allocate(r.order(), mem.classes.id(Owner.HUGETLB), i % mem.nodes(), Gfp.RETRY_MAYFAIL);
                if (pfn < 0) {
                    throw new IllegalArgumentException("boot hugetlb reservation of " + r.count() + " x "
                            + (r.pageBytes() >> 20) + " MiB pages does not fit: only " + i + " obtained");
                }
                pool.addBoot(pfn);
            }
        }
    }
}
