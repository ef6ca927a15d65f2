package org.contigsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.Extent;
import org.contigsim.nic.NicModel;
import org.contigsim.nic.Operation;
import org.contigsim.nic.RegionLayout;
import org.contigsim.nic.Throughput;
import org.contigsim.nic.Transfer;
import org.contigsim.base.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NIC model on a buffer of scattered 4 KiB frames (every frame its own extent, in random
 * physical order): choosing the MTT page size from the extents ({@code ib_umem_find_best_pgsz},
 * linear in the extent count) and then evaluating a transfer (constant time).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar NicBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NicBenchmark {
    /** 64 MiB, 256 MiB and 1 GiB of 4 KiB frames. */
    @Param({"16384", "65536", "262144"})
    public int extents;

    private static final long IOVA = 0x7f0000001000L;
    private List<Extent> scattered;
    private RegionLayout layout;
    private NicModel model;
    private long pageSizes;

    @Setup
    public void setup() {
        DeviceProfile cx5 = DeviceProfile.named("connectx5-edr");
        model = new NicModel(cx5);
        pageSizes = cx5.translation().pageSizes();
        // distinct frames of a 64 GiB host in random order
        long[] frames = new long[extents];
        Rng rng = new Rng(1);
        for (int i = 0; i < extents; i++) {
            frames[i] = (long) i * 4;
        }
        for (int i = extents - 1; i > 0; i--) {
            int j = (int) rng.nextLong(i + 1);
            long t = frames[i];
            frames[i] = frames[j];
            frames[j] = t;
        }
        scattered = new ArrayList<>(extents);
        for (long f : frames) {
            scattered.add(new Extent(f * 4096, 4096));
        }
        layout = RegionLayout.of(IOVA, scattered, pageSizes);
    }

    /** Page size and MTT entries from the extents, then one transfer: what a job pays per buffer. */
    @Benchmark
    public Throughput layoutAndEvaluate() {
        RegionLayout r = RegionLayout.of(IOVA, scattered, pageSizes);
        return model.evaluate(new Transfer(Operation.READ, 65536, AccessPattern.RANDOM, r, r));
    }

    /** One transfer on a known layout. */
    @Benchmark
    public Throughput evaluate() {
        return model.evaluate(new Transfer(Operation.READ, 65536, AccessPattern.RANDOM, layout, layout));
    }
}
