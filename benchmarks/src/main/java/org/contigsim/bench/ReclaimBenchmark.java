package org.contigsim.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.contigsim.memory.MemoryStats;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order-0 throughput when requests outgrow the free pool, on the same fragmented host as
 * {@link AllocBenchmark}: the cost of reclaim is part of the figure.
 *
 * <ul>
 *   <li>{@code order0Beyond65536}: 65,536 order-0 movable (anonymous) pages, then their frees, 2 ×
 *       65,536 operations. 256 MiB is several times the free pool above the low watermarks, so
 *       most of the batch comes after the slow path: kswapd is woken (it only runs when
 *       simulated time advances, which it does not here) and the allocator reclaims page cache
 *       directly, 32 pages at a time per zone. Before each batch (untimed) the page cache is
 *       refilled until free memory is back where the aged host had it, so every batch
 *       reclaims as much as the first.</li>
 *   <li>{@code pageCacheStream4096}: the workload's own pattern: 4,096 order-0 page-cache pages
 *       read in and kept, then simulated time advances by the 250 ms that 16 MiB takes at the
 *       workload's 64 MiB/s, which runs kswapd (reclaiming back to the high watermark) and,
 *       every other batch, kcompactd's proactive check. Score: allocations per second (each
 *       allocation is matched by about one page reclaimed, not counted as an operation).</li>
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReclaimBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReclaimBenchmark {
    static final int BEYOND = 65536;
    static final int STREAM = 4096;
    /** Simulated time the workload takes to read STREAM pages (64 MiB/s of 4 KiB pages). */
    static final long STREAM_NANOS = STREAM * 1_000_000_000L / ((64 << 20) / 4096);

    /** The aged host, shared by both benchmarks' states. */
    public abstract static class HostState {
        PhysicalMemory mem;
        int anon;
        int pageCache;
        long baselineFree;
        MemoryStats before;
        long invocations;

        void build(String memory, String uptime) {
            mem = Hosts.fragmented(Hosts.parseBytes(memory), Hosts.parseDuration(uptime));
            anon = mem.classId(Owner.ANON);
            pageCache = mem.classId(Owner.PAGE_CACHE);
            baselineFree = mem.freePages();
            System.out.printf(Locale.ROOT, "# free pages above the low watermarks: %d (free %d)%n",
                    Hosts.freeAboveLow(mem), baselineFree);
            before = mem.stats().snapshot();
        }

        void report() {
            MemoryStats s = mem.stats();
            long n = Math.max(1, invocations);
            System.out.printf(Locale.ROOT,
                    "%n# during the trial: %d batches; per batch: allocations %.0f, failures %.1f, frees %.0f, "
                            + "pages reclaimed %.0f, kswapd runs %.2f, compaction stalls %.2f, pages migrated %.0f%n",
                    invocations, (s.allocations - before.allocations) / (double) n,
                    (s.allocFailures - before.allocFailures) / (double) n, (s.frees - before.frees) / (double) n,
                    (s.pagesReclaimed - before.pagesReclaimed) / (double) n,
                    (s.kswapdWakeups - before.kswapdWakeups) / (double) n,
                    (s.compactStall - before.compactStall) / (double) n,
                    (s.pagesMigrated - before.pagesMigrated) / (double) n);
            System.out.println("# after: " + Hosts.summary(mem));
        }
    }

    @State(Scope.Benchmark)
    public static class Beyond extends HostState {
        @Param("64GiB")
        public String memory;

        @Param("6h")
        public String uptime;

        final int[] held = new int[BEYOND];
        long refillAllocations;

        @Setup(Level.Trial)
        public void setup() {
            build(memory, uptime);
        }

        /** Untimed: reads page cache back in until free memory is at the aged host's level. */
        @Setup(Level.Invocation)
        public void refill() {
            PhysicalMemory m = mem;
            while (m.freePages() > baselineFree) {
                if (m.allocate(0, pageCache, 0) < 0) {
                    break;
                }
                refillAllocations++;
            }
            invocations++;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            report();
            System.out.printf(Locale.ROOT, "# (untimed refill allocations per batch, included above: %.0f)%n",
                    refillAllocations / (double) Math.max(1, invocations));
        }
    }

    @State(Scope.Benchmark)
    public static class Stream extends HostState {
        @Param("64GiB")
        public String memory;

        @Param("6h")
        public String uptime;

        long now;

        @Setup(Level.Trial)
        public void setup() {
            build(memory, uptime);
            now = mem.nowNanos();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            report();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * BEYOND)
    public int order0Beyond65536(Beyond s) {
        PhysicalMemory m = s.mem;
        int[] h = s.held;
        int cls = s.anon;
        for (int i = 0; i < BEYOND; i++) {
            h[i] = m.allocate(0, cls, 0);
        }
        int sum = 0;
        for (int i = 0; i < BEYOND; i++) {
            int pfn = h[i];
            if (pfn >= 0) {
                m.free(pfn);
                sum += pfn;
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(STREAM)
    public int pageCacheStream4096(Stream s) {
        PhysicalMemory m = s.mem;
        int cls = s.pageCache;
        int sum = 0;
        for (int i = 0; i < STREAM; i++) {
            sum += m.allocate(0, cls, 0);
        }
        s.now += STREAM_NANOS;
        m.advanceTo(s.now);
        s.invocations++;
        return sum;
    }
}
