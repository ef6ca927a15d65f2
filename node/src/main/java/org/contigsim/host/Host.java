package org.contigsim.host;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.contigsim.base.Rng;
import org.contigsim.buffer.BufferSource;
import org.contigsim.memory.ContigAllocator;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.Zone;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.MemoryRegion;
import org.contigsim.nic.RegionLayout;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.HostImport;
import org.contigsim.workload.MemoryWorkload;
import org.contigsim.workload.WorkloadHost;
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
    /** Where buffers come from under the host's policy. */
    private final BufferSource source;
    private final TreeMap<Long, Buffer> buffers = new TreeMap<>();
    private long now;

    /**
     * A registered buffer of {@code pages}: the region's blocks are the buffer's memory, wherever
     * pinning moved them; {@code taken} is what the source handed out, for giving it back.
     */
    private record Buffer(int pages, MemoryRegion region, BufferSource.Taken taken) {
    }

    /** The allocated buffer and its smallest chunk, before registration is reported. */
    private record Placed(RegionLayout layout, long minChunkBytes, int chunks) {
    }

    /** The result of one {@link #advance}. */
    public record Epoch(HostSummary summary, List<BufferOutcome> outcomes) {
    }

    public Host(HostSetup setup) {
        this.setup = setup;
        HostConfig.Builder config = setup.policy().configure(setup.host().builder());
        long seed = Rng.seedFor(setup.runSeed(), setup.hostId());
        this.mem = setup.start() == null ? new PhysicalMemory(config.build(), seed)
                : HostImport.build(setup.start().snapshot(), setup.host().memoryBytes(), config, seed);
        this.workload = Workloads.fromSpec(setup.background());
        this.rng = new Rng(seed);
        this.workloadHost = new WorkloadHost(mem, rng);
        this.nic = setup.host().nic();
        this.rdmaClass = mem.classId(PageClass.of(Owner.RDMA_BUFFER));
        this.source = setup.policy().source(mem, rdmaClass);
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

    /** The buffer from the policy's source, then registration (long-term pins); null when it cannot be had. */
    private Placed allocate(Assignment.Allocate a) {
        if (buffers.containsKey(a.jobId())) {
            throw new IllegalArgumentException("job " + a.jobId() + " already has a buffer on host " + setup.hostId());
        }
        BufferSource.Taken taken = source.take(a.bytes());
        if (taken == null) {
            return null;
        }
        MemoryRegion.Pinned pinned = MemoryRegion.pin(mem, taken.blocks());
        if (!pinned.complete()) {
            source.giveBack(taken, pinned.blocks()); // wherever the pins that succeeded moved them
            return null;
        }
        MemoryRegion region = MemoryRegion.of(mem, iova(a.jobId(), a.bytes()), pinned.blocks(),
                nic.translation().pageSizes());
        buffers.put(a.jobId(), new Buffer((int) Pages.bytesToPages(a.bytes()), region, taken));
        long smallest = Long.MAX_VALUE;
        for (org.contigsim.nic.Extent e : region.extents()) {
            smallest = Math.min(smallest, e.bytes());
        }
        return new Placed(RegionLayout.of(region), smallest, region.extents().size());
    }

    private void release(long jobId) {
        Buffer b = buffers.remove(jobId);
        if (b == null) {
            return; // the allocation failed: nothing to give back
        }
        b.region().deregister(mem);
        source.giveBack(b.taken(), b.region().blocks());
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
                source.poolFreeBytes(),
                (mem.freePages() + mem.evictablePages()) * Pages.PAGE_SIZE,
                mem.stats().allocations + mem.stats().frees);
    }
}
