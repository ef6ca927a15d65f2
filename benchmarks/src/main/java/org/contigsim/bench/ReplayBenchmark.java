package org.contigsim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Zone;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays an allocator operation trace ({@code /work/shared/tools/gen-trace.py}'s format:
 * {@code alloc,HANDLE,ORDER,MIGRATETYPE} or {@code free,HANDLE}) on a fresh host, as
 * {@code contigsim memory --replay} does: movable blocks as anonymous memory, unmovable as kernel
 * memory, reclaimable as reclaimable slab (none evictable); compaction moves are followed.
 *
 * <p>One invocation replays the whole trace on a host booted fresh for that iteration (boot
 * untimed); mode single-shot, so the score is seconds per replay. Operations per second are
 * {@code trace lines / score}; each iteration also logs its own figure ("# replay").
 *
 * <pre>
 * python3 /work/shared/tools/gen-trace.py 10000000 --mix order0 --seed 1 &gt; /tmp/trace-order0.csv
 * java -jar benchmarks/target/benchmarks.jar ReplayBenchmark -p trace=/tmp/trace-order0.csv -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ReplayBenchmark {
    static final byte ALLOC = 0;
    static final byte FREE = 1;

    @Param("/tmp/trace-order0.csv")
    public String trace;

    @Param("16GiB")
    public String memory;

    /**
     * {@code false}: the trace's handles index the handle table, as {@code contigsim memory
     * --replay} does (a table as large as the largest handle: 24 MB for the 10M-op traces).
     * {@code true}: handles are renamed at parse time to recycled slots, so the table is only as
     * large as the peak live set; this shows how much of the figure is the harness's cache misses.
     */
    @Param("false")
    public boolean denseHandles;

    int size;
    byte[] ops;
    int[] handles;
    byte[] orders;
    /** 0 movable, 1 unmovable, 2 reclaimable. */
    byte[] types;
    int maxHandle;

    PhysicalMemory mem;
    int[] classIds;
    int[] pfnOf;
    int[] handleAt;
    long failed;
    long elapsed;

    @Setup(Level.Trial)
    public void load() {
        long t0 = System.nanoTime();
        parse(Path.of(trace));
        int traceMax = maxHandle;
        if (denseHandles) {
            renameHandles();
        }
        System.out.printf(Locale.ROOT, "# trace %s: %d operations, handles 0..%d (table 0..%d), parsed in %.1f s%n",
                trace, size, traceMax, maxHandle, (System.nanoTime() - t0) / 1e9);
    }

    @Setup(Level.Iteration)
    public void freshHost() {
        mem = Hosts.fresh(Hosts.parseBytes(memory));
        classIds = new int[3];
        classIds[0] = mem.classId(PageClass.of(Owner.ANON));
        classIds[1] = mem.classId(PageClass.of(Owner.KERNEL));
        classIds[2] = mem.classId(PageClass.of(Owner.SLAB_RECLAIMABLE));
        int maxPfn = 0;
        for (Zone z : mem.zones()) {
            maxPfn = Math.max(maxPfn, z.startPfn() + z.spannedPages());
        }
        pfnOf = new int[maxHandle + 1];
        handleAt = new int[maxPfn];
        int[] p = pfnOf;
        int[] at = handleAt;
        mem.setMigrationListener((from, to, order, classId) -> {
            int h = at[from];
            p[h] = to;
            at[to] = h;
        });
        failed = 0;
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(Locale.ROOT, "# replay: %d ops in %.3f s = %.2f M ops/s, %d failed allocations%n",
                size, elapsed / 1e9, size * 1e3 / elapsed, failed);
    }

    @Benchmark
    public long replay() {
        long start = System.nanoTime();
        PhysicalMemory m = mem;
        int[] cls = classIds;
        int[] p = pfnOf;
        int[] at = handleAt;
        byte[] op = ops;
        int[] hs = handles;
        byte[] os = orders;
        byte[] ts = types;
        long fail = 0;
        for (int i = 0, n = size; i < n; i++) {
            int h = hs[i];
            if (op[i] == ALLOC) {
                int pfn = m.allocate(os[i], cls[ts[i]], 0);
                p[h] = pfn;
                if (pfn >= 0) {
                    at[pfn] = h;
                } else {
                    fail++;
                }
            } else {
                int pfn = p[h];
                if (pfn >= 0) {
                    m.free(pfn);
                }
            }
        }
        failed = fail;
        elapsed = System.nanoTime() - start;
        return fail;
    }

    /** Renames handles to the lowest free slot numbers (freed slots reused last-in first-out). */
    private void renameHandles() {
        int[] slotOf = new int[maxHandle + 1];
        int[] freeSlots = new int[1024];
        int freeCount = 0;
        int next = 0;
        for (int i = 0; i < size; i++) {
            int h = handles[i];
            if (ops[i] == ALLOC) {
                int slot;
                if (freeCount > 0) {
                    slot = freeSlots[--freeCount];
                } else {
                    slot = next++;
                }
                slotOf[h] = slot;
                handles[i] = slot;
            } else {
                int slot = slotOf[h];
                handles[i] = slot;
                if (freeCount == freeSlots.length) {
                    freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
                }
                freeSlots[freeCount++] = slot;
            }
        }
        maxHandle = next - 1;
    }

    private void parse(Path path) {
        int cap = 1 << 20;
        ops = new byte[cap];
        handles = new int[cap];
        orders = new byte[cap];
        types = new byte[cap];
        int n = 0;
        int max = -1;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (n == ops.length) {
                    int c = n * 2;
                    ops = Arrays.copyOf(ops, c);
                    handles = Arrays.copyOf(handles, c);
                    orders = Arrays.copyOf(orders, c);
                    types = Arrays.copyOf(types, c);
                }
                String[] f = line.split(",");
                int h = Integer.parseInt(f[1].strip());
                max = Math.max(max, h);
                handles[n] = h;
                switch (f[0].strip()) {
                    case "alloc" -> {
                        ops[n] = ALLOC;
                        orders[n] = (byte) Integer.parseInt(f[2].strip());
                        types[n] = switch (f[3].strip()) {
                            case "movable" -> 0;
                            case "unmovable" -> 1;
                            case "reclaimable" -> 2;
                            default -> throw new IllegalArgumentException("line " + (n + 1) + ": bad type " + f[3]);
                        };
                    }
                    case "free" -> ops[n] = FREE;
                    default -> throw new IllegalArgumentException("line " + (n + 1) + ": bad op " + f[0]);
                }
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = n;
        maxHandle = max;
    }
}
