package org.contigsim.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.contigsim.memory.MemoryStats;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.base.Rng;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Allocator throughput on a fragmented host, one thread: the target is at least 10
 * million operations per second on a 64 GiB host after 6 h of the fragmenting workload, where
 * one order-0 allocation or one free is one operation.
 *
 * <p>The host is built once per fork (see the "# host" line in the log for how long that took).
 * Each benchmark invocation is a batch that leaves the host as it found it: allocate {@code N}
 * blocks into an array, then free them all, so the score (ops/s) counts {@code 2N} operations.
 * Simulated time does not advance inside these batches, so kswapd and kcompactd do not run:
 * the within-pool batches are pure buddy-allocator work. {@link ReclaimBenchmark} covers
 * batches that outgrow the free pool.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AllocBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllocBenchmark {
    /** Pre-generated mixed requests (cycled through). */
    static final int MIXED_LEN = 1 << 16;

    @Param("64GiB")
    public String memory;

    @Param("6h")
    public String uptime;

    PhysicalMemory mem;
    int anon;
    int[] held = new int[1 << 16];
    /** Blocks of {@link #held} currently allocated (for the migration listener). */
    int heldCount;
    int[] mixedOrders = new int[MIXED_LEN];
    int[] mixedClasses = new int[MIXED_LEN];
    int mixedCursor;
    MemoryStats before;

    @Setup(Level.Trial)
    public void setup() {
        mem = Hosts.fragmented(Hosts.parseBytes(memory), Hosts.parseDuration(uptime));
        anon = mem.classId(Owner.ANON);
        int slab = mem.classId(Owner.SLAB);
        int slabReclaimable = mem.classId(Owner.SLAB_RECLAIMABLE);
        // gen-trace.py's "mixed" mix: 90% order 0, else order 1..9 uniformly; 8 in 10 movable,
        // 1 unmovable, 1 reclaimable
        Rng r = new Rng(Rng.seedFor(2, 0));
        for (int i = 0; i < MIXED_LEN; i++) {
            mixedOrders[i] = r.nextDouble() < 0.9 ? 0 : 1 + r.nextInt(9);
            int t = r.nextInt(10);
            mixedClasses[i] = t < 8 ? anon : t == 8 ? slab : slabReclaimable;
        }
        // compaction may move a block the batch holds: follow it (scans only on a migration)
        mem.setMigrationListener((from, to, order, classId) -> {
            for (int i = 0; i < heldCount; i++) {
                if (held[i] == from) {
                    held[i] = to;
                    return;
                }
            }
        });
        System.out.printf(Locale.ROOT, "# free pages above the low watermarks: %d%n", Hosts.freeAboveLow(mem));
        before = mem.stats().snapshot();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        MemoryStats s = mem.stats();
        System.out.printf(Locale.ROOT,
                "%n# during the trial: allocations %d, failures %d, frees %d, reclaimed pages %d, "
                        + "compaction stalls %d (success %d, fail %d, deferred %d), pages migrated %d, fallback claims %d%n",
                s.allocations - before.allocations, s.allocFailures - before.allocFailures, s.frees - before.frees,
                s.pagesReclaimed - before.pagesReclaimed, s.compactStall - before.compactStall,
                s.compactSuccess - before.compactSuccess, s.compactFail - before.compactFail,
                s.compactDeferred - before.compactDeferred, s.pagesMigrated - before.pagesMigrated,
                s.fallbackClaims - before.fallbackClaims);
        System.out.println("# after: " + Hosts.summary(mem));
    }

    /** Allocates {@code n} order-0 movable pages and frees them. */
    int order0(int n) {
        PhysicalMemory m = mem;
        int[] h = held;
        int cls = anon;
        for (int i = 0; i < n; i++) {
            h[i] = m.allocate(0, cls, 0);
        }
        heldCount = n;
        return freeHeld(n);
    }

    /** Frees the first {@code n} held blocks (skipping failed allocations); a checksum for JMH. */
    int freeHeld(int n) {
        PhysicalMemory m = mem;
        int[] h = held;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int pfn = h[i];
            if (pfn >= 0) {
                m.free(pfn);
                sum += pfn;
            }
        }
        heldCount = 0;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(2 * 1024)
    public int order0Batch1024() {
        return order0(1024);
    }

    @Benchmark
    @OperationsPerInvocation(2 * 4096)
    public int order0Batch4096() {
        return order0(4096);
    }

    /**
     * 256 requests of gen-trace.py's mixed orders and types (about 3,100 pages), then their frees.
     * A failed allocation still counts as one operation.
     */
    @Benchmark
    @OperationsPerInvocation(2 * 256)
    public int mixedBatch256() {
        PhysicalMemory m = mem;
        int[] h = held;
        int c = mixedCursor;
        for (int i = 0; i < 256; i++) {
            h[i] = m.allocate(mixedOrders[c], mixedClasses[c], 0);
            heldCount = i + 1;
            c = (c + 1) & (MIXED_LEN - 1);
        }
        mixedCursor = c;
        return freeHeld(256);
    }

    /** Four order-9 (2 MiB) movable blocks, then their frees. */
    @Benchmark
    @OperationsPerInvocation(2 * 4)
    public void order9Batch4(Blackhole bh) {
        PhysicalMemory m = mem;
        int[] h = held;
        for (int i = 0; i < 4; i++) {
            h[i] = m.allocate(9, anon, 0);
            heldCount = i + 1;
        }
        for (int i = 0; i < 4; i++) {
            int pfn = h[i];
            bh.consume(pfn);
            if (pfn >= 0) {
                m.free(pfn);
            }
        }
        heldCount = 0;
    }
}
