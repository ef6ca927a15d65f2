package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.contigsim.memory.ContigAllocator;
import org.contigsim.memory.Gfp;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.HugetlbPool;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.Pages;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.memory.Zone;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.MemoryRegion;
import org.contigsim.nic.RegionLayout;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.HostImport;
import org.contigsim.workload.MemoryWorkload;
import org.contigsim.base.Rng;
import org.contigsim.workload.Workloads;
import org.contigsim.buffer.BufferPolicy;

/**
 * One simulated host as the distributed run sees it: its physical memory under a background
 * workload, and the RDMA buffers jobs hold on it. Plain Java: {@link HostNode} is the actor shell.
 * Everything random derives from (run seed, host id), so a host rebuilt anywhere from its
 * {@link HostSetup} and the same assignments ends in the same state.
 */
public final class Host {
    /** Virtual addresses of RDMA buffers start here; each buffer is aligned to its size. */
    private static final long IOVA_BASE = 0x7f00_0000_0000L;

    private final HostSetup setup;
    private final PhysicalMemory mem;
    private final MemoryWorkload workload;
    private final Rng rng;
    private final WorkloadHost workloadHost;
    private final DeviceProfile nic;
    private final int rdmaClass;
    /** The boot-time pool hugetlb-boot buffers come from; null under other policies. */
    private final HugetlbPool hugetlb;
    private final TreeMap<Long, Buffer> buffers = new TreeMap<>();
    private long now;

    /**
     * A registered buffer of {@code pages}: the region's blocks are the buffer's memory (buddy
     * blocks, or the blocks of one alloc_contig range, wherever pinning moved them), except for
     * hugetlb buffers, whose memory goes back to the pool as {@code hugePages}.
     */
    private record Buffer(int pages, MemoryRegion region, int[] hugePages) {
    }

    /** The allocated buffer and its smallest chunk, before registration is reported. */
    private record Placed(RegionLayout layout, long minChunkBytes, int chunks) {
    }

    /** The result of one {@link #advance}. */
    public record Epoch(HostSummary summary, List<BufferOutcome> outcomes) {
    }

    public Host(HostSetup setup) {
        this.setup = setup;
        HostConfig.Builder config = setup.policy().configure(HostConfig.builder(setup.memoryBytes())
                .nodes(setup.nodes())
                .kernel(KernelVersion.fromLabel(setup.kernel())));
        long seed = Rng.seedFor(setup.runSeed(), setup.hostId());
        this.mem = setup.start() == null ? new PhysicalMemory(config.build(), seed)
                : HostImport.build(setup.start().snapshot(), setup.memoryBytes(), config, seed);
        this.hugetlb = setup.policy().usesHugetlb() ? mem.pool(setup.policy().hugePageBytes()) : null;
        this.workload = Workloads.fromSpec(setup.background());
        this.rng = new Rng(seed);
        this.workloadHost = new WorkloadHost(mem, rng);
        this.nic = DeviceProfile.named(setup.nic());
        this.rdmaClass = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
    }

    public HostSetup setup() {
        return setup;
    }

    /**
     * Runs the host to {@code untilNanos}, applying the assignments at their times in
     * {@link Assignment#ORDER}, with the background workload in between.
     */
    public Epoch advance(long untilNanos, List<Assignment> assignments) {
        if (untilNanos < now) {
            throw new IllegalArgumentException("host " + setup.hostId() + " is at " + now + " ns, cannot go back to "
                    + untilNanos);
        }
        List<Assignment> ordered = new ArrayList<>(assignments);
        ordered.sort(Assignment.ORDER);
        List<BufferOutcome> outcomes = new ArrayList<>();
        for (Assignment a : ordered) {
            if (a.atNanos() < now || a.atNanos() > untilNanos) {
                throw new IllegalArgumentException("assignment for job " + a.jobId() + " at " + a.atNanos()
                        + " ns is outside this epoch (" + now + ", " + untilNanos + "]");
            }
            runTo(a.atNanos());
            if (a instanceof Assignment.Allocate alloc) {
                Placed p = allocate(alloc);
                outcomes.add(p == null ? new BufferOutcome(alloc.jobId(), alloc.atNanos(), null, 0, 0)
                        : new BufferOutcome(alloc.jobId(), alloc.atNanos(), p.layout(), p.minChunkBytes(), p.chunks()));
            } else {
                release(a.jobId());
            }
        }
        runTo(untilNanos);
        return new Epoch(summary(), List.copyOf(outcomes));
    }

    private void runTo(long t) {
        if (t > now) {
            workload.run(workloadHost, rng, now, t);
            mem.advanceTo(t);
            now = t;
        }
    }

    /** The buffer by the host's policy, then registration (long-term pins); null when it cannot be had. */
    private Placed allocate(Assignment.Allocate a) {
        if (buffers.containsKey(a.jobId())) {
            throw new IllegalArgumentException("job " + a.jobId() + " already has a buffer on host " + setup.hostId());
        }
        int pages = (int) Pages.bytesToPages(a.bytes());
        int[] hugePages = null;
        int[] blocks;
        BufferPolicy policy = setup.policy();
        if (policy.usesContigRange()) {
            blocks = contigRange(pages);
        } else if (policy.usesHugetlb()) {
            hugePages = hugePages(a.bytes());
            blocks = hugePages == null ? null : hugePageBlocks(hugePages);
        } else {
            // buddy and protect-orders take what the free lists have; compaction compacts for it
            blocks = buddyBlocks(pages, policy.name().equals("compaction") ? 0 : Gfp.NO_COMPACT);
        }
        if (blocks == null) {
            return null;
        }
        MemoryRegion.Pinned pinned = MemoryRegion.pin(mem, blocks);
        if (!pinned.complete()) {
            free(pinned.blocks(), hugePages); // wherever the pins that succeeded moved them
            return null;
        }
        MemoryRegion region = MemoryRegion.of(mem, iova(a.jobId(), a.bytes()), pinned.blocks(),
                nic.translation().pageSizes());
        buffers.put(a.jobId(), new Buffer(pages, region, hugePages));
        long smallest = Long.MAX_VALUE;
        for (org.contigsim.nic.Extent e : region.extents()) {
            smallest = Math.min(smallest, e.bytes());
        }
        return new Placed(RegionLayout.of(region), smallest, region.extents().size());
    }

    /**
     * Whole huge pages from the boot-time pool, in the order the pool hands them out (its free
     * list, last freed first, as dequeue_hugetlb_folio_node_exact does); null, taking nothing,
     * when the pool has too few.
     */
    private int[] hugePages(long bytes) {
        long size = hugetlb.pageBytes();
        int n = (int) ((bytes + size - 1) / size);
        if (hugetlb.free() < n) {
            return null;
        }
        int[] got = new int[n];
        for (int i = 0; i < n; i++) {
            got[i] = hugetlb.take();
        }
        return got;
    }

    /** The block heads the huge pages are made of, in the buffer's order. */
    private int[] hugePageBlocks(int[] hugePages) {
        int pagesEach = (int) Pages.bytesToPages(hugetlb.pageBytes());
        int[][] each = new int[hugePages.length][];
        int n = 0;
        for (int i = 0; i < hugePages.length; i++) {
            each[i] = mem.contig().blocks(hugePages[i], pagesEach);
            n += each[i].length;
        }
        int[] blocks = new int[n];
        int at = 0;
        for (int[] b : each) {
            System.arraycopy(b, 0, blocks, at, b.length);
            at += b.length;
        }
        return blocks;
    }

    /** alloc_contig_pages on each NUMA node in turn: the range's blocks, or null. */
    private int[] contigRange(int pages) {
        for (int node = 0; node < mem.nodes(); node++) {
            int pfn = mem.contig().allocPages(pages, rdmaClass, node);
            if (pfn >= 0) {
                return mem.contig().blocks(pfn, pages);
            }
        }
        return null;
    }

    /**
     * The buffer from the buddy allocator: each time the largest block (up to order 10, 4 MiB) that
     * still fits what is missing, a smaller one when that order fails; null (and nothing kept)
     * when not even a page is left.
     */
    private int[] buddyBlocks(int pages, int gfp) {
        List<Integer> got = new ArrayList<>();
        int missing = pages;
        int order = Math.min(Pages.MAX_ORDER, 31 - Integer.numberOfLeadingZeros(missing));
        while (missing > 0) {
            order = Math.min(order, 31 - Integer.numberOfLeadingZeros(missing));
            int pfn = mem.allocate(order, rdmaClass, 0, gfp);
            if (pfn >= 0) {
                got.add(pfn);
                missing -= 1 << order;
            } else if (order > 0) {
                order--; // a smaller block next; larger ones will not appear during this buffer
            } else {
                for (int b : got) {
                    mem.free(b);
                }
                return null;
            }
        }
        return got.stream().mapToInt(Integer::intValue).toArray();
    }

    private void free(int[] blocks, int[] hugePages) {
        if (hugePages != null) {
            for (int pfn : hugePages) {
                hugetlb.give(pfn);
            }
            return;
        }
        for (int b : blocks) {
            mem.free(b);
        }
    }

    private void release(long jobId) {
        Buffer b = buffers.remove(jobId);
        if (b == null) {
            return; // the allocation failed: nothing to give back
        }
        b.region().deregister(mem);
        free(b.region().blocks(), b.hugePages());
    }

    /** A buffer's virtual address: aligned to its size, as a driver maps a contiguous allocation. */
    static long iova(long jobId, long bytes) {
        long align = Long.highestOneBit(bytes);
        if (align < bytes) {
            align <<= 1;
        }
        return (IOVA_BASE / align + 1 + jobId) * align;
    }

    /** The host's /proc/buddyinfo now. */
    public String buddyinfo() {
        return BuddyInfo.format(mem);
    }

    public HostSummary summary() {
        long bufferBytes = 0;
        for (Buffer b : buffers.values()) {
            bufferBytes += (long) b.pages() * Pages.PAGE_SIZE;
        }
        ContigAllocator.Ranges ranges = mem.contig().ranges();
        long[] freeByOrder = new long[Pages.NR_ORDERS];
        int largestOrder = -1;
        for (Zone z : mem.zones()) {
            long[] zone = VmStat.nrFreeByOrder(z);
            for (int o = 0; o < freeByOrder.length; o++) {
                freeByOrder[o] += zone[o];
            }
            for (int order = Pages.MAX_ORDER; order > largestOrder; order--) {
                if (z.nrFree(order) > 0) {
                    largestOrder = order;
                    break;
                }
            }
        }
        return new HostSummary(setup.hostId(), now, mem.freePages() * Pages.PAGE_SIZE,
                ranges.largest() * Pages.PAGE_SIZE, ranges.largestAligned() * Pages.PAGE_SIZE,
                largestOrder, VmStat.unusableIndex(freeByOrder, 9), buffers.size(), bufferBytes,
                mem.stats().contigAttempts, mem.stats().pagesMigrated, mem.stats().compactNanos,
                hugetlb == null ? 0 : hugetlb.free() * hugetlb.pageBytes(),
                (mem.freePages() + mem.evictablePages()) * Pages.PAGE_SIZE,
                mem.stats().allocations + mem.stats().frees);
    }
}
