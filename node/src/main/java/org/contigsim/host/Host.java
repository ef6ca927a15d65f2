package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.Pages;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.WorkloadHost;
import org.contigsim.memory.Zone;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.MemoryRegion;
import org.contigsim.nic.RegionLayout;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.workload.MemoryWorkload;
import org.contigsim.workload.Rng;
import org.contigsim.workload.Workloads;

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
    private final TreeMap<Long, Buffer> buffers = new TreeMap<>();
    private long now;

    private record Buffer(int pfn, int pages, MemoryRegion region) {
    }

    /** The result of one {@link #advance}. */
    public record Epoch(HostSummary summary, List<BufferOutcome> outcomes) {
    }

    public Host(HostSetup setup) {
        this.setup = setup;
        HostConfig config = HostConfig.builder(setup.memoryBytes())
                .nodes(setup.nodes())
                .kernel(KernelVersion.fromLabel(setup.kernel()))
                .build();
        long seed = Rng.seedFor(setup.runSeed(), setup.hostId());
        this.mem = new PhysicalMemory(config, seed);
        this.workload = Workloads.byName(setup.background());
        this.rng = new Rng(seed);
        this.workloadHost = new WorkloadHost(mem, rng);
        this.nic = DeviceProfile.named(setup.nic());
        this.rdmaClass = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
    }

    public HostSetup setup() {
        return setup;
    }

    public long nowNanos() {
        return now;
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
                outcomes.add(new BufferOutcome(alloc.jobId(), alloc.atNanos(), allocate(alloc)));
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

    /** alloc_contig_pages on each NUMA node in turn, then registration (long-term pins). */
    private RegionLayout allocate(Assignment.Allocate a) {
        if (buffers.containsKey(a.jobId())) {
            throw new IllegalArgumentException("job " + a.jobId() + " already has a buffer on host " + setup.hostId());
        }
        int pages = (int) Pages.bytesToPages(a.bytes());
        for (int node = 0; node < mem.nodes(); node++) {
            int pfn = mem.contig().allocPages(pages, rdmaClass, node);
            if (pfn < 0) {
                continue;
            }
            List<Integer> heads = new ArrayList<>();
            for (int off = 0; off < pages; off += 1 << mem.orderOf(pfn + off)) {
                heads.add(pfn + off);
            }
            int[] blocks = heads.stream().mapToInt(Integer::intValue).toArray();
            MemoryRegion region = MemoryRegion.register(mem, iova(a.jobId(), a.bytes()), blocks,
                    nic.translation().pageSizes());
            if (region == null) {
                mem.contig().freeRange(pfn, pages);
                return null;
            }
            buffers.put(a.jobId(), new Buffer(pfn, pages, region));
            return RegionLayout.of(region);
        }
        return null;
    }

    private void release(long jobId) {
        Buffer b = buffers.remove(jobId);
        if (b == null) {
            return; // the allocation failed: nothing to give back
        }
        b.region().deregister(mem);
        mem.contig().freeRange(b.pfn(), b.pages());
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
                mem.contig().largestRange() * Pages.PAGE_SIZE, mem.contig().largestAlignedRange() * Pages.PAGE_SIZE,
                largestOrder, VmStat.unusableIndex(freeByOrder, 9), buffers.size(), bufferBytes,
                mem.stats().contigAttempts, mem.stats().pagesMigrated, mem.stats().compactNanos);
    }
}
