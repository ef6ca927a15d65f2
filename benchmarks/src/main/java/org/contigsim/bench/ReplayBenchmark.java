package org.contigsim.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.contigsim.memory.AllocTrace;
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
 * Replays an allocator operation trace ({@code /work/shared/tools/gen-trace.py}'s format) on a
 * fresh host with {@link AllocTrace}, as {@code contigsim memory --replay} does.
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
    @Param("/tmp/trace-order0.csv")
    public String trace;

    @Param("16GiB")
    public String memory;

    /**
     * {@code false}: the trace's handles index the handle table, as {@code contigsim memory
     * --replay} does (a table as large as the largest handle: 24 MB for the 10M-op traces).
     * {@code true}: handles are renamed at load time to recycled slots, so the table is only as
     * large as the peak live set; this shows how much of the figure is the harness's cache misses.
     */
    @Param("false")
    public boolean denseHandles;

    AllocTrace.Trace parsed;
    AllocTrace.Replay replay;
    AllocTrace.Result result;
    long elapsed;

    @Setup(Level.Trial)
    public void load() throws IOException {
        long t0 = System.nanoTime();
        parsed = AllocTrace.parse(Path.of(trace), trace);
        int traceMax = parsed.maxHandle();
        if (denseHandles) {
            parsed = parsed.withDenseHandles();
        }
        System.out.printf(Locale.ROOT, "# trace %s: %d operations, handles 0..%d (table 0..%d), parsed in %.1f s%n",
                trace, parsed.size(), traceMax, parsed.maxHandle(), (System.nanoTime() - t0) / 1e9);
    }

    @Setup(Level.Iteration)
    public void freshHost() {
        replay = new AllocTrace.Replay(parsed, Hosts.fresh(Hosts.parseBytes(memory)));
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(Locale.ROOT, "# replay: %d ops in %.3f s = %.2f M ops/s, %d failed allocations%n",
                result.operations(), elapsed / 1e9, result.operations() * 1e3 / elapsed, result.failedAllocations());
    }

    @Benchmark
    public long replay() {
        long start = System.nanoTime();
        result = replay.run();
        elapsed = System.nanoTime() - start;
        return result.failedAllocations();
    }
}
