package org.contigsim.bench;

import java.util.concurrent.TimeUnit;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.PhysicalMemory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to create (boot) a host: {@code new PhysicalMemory(HostConfig.defaults(size), 1)}.
 * Single-shot: each measurement is one boot on a heap just collected (the host's arrays are
 * zeroed by the JVM as part of the boot; a 1 TiB host's page-state array alone is 256 MiB).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BootBenchmark -f 1 -wi 2 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class BootBenchmark {
    @Param({"64GiB", "1TiB"})
    public String memory;

    /** Untimed: collects the previous iteration's host, so a boot does not pay for its predecessor's garbage. */
    @Setup(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @Benchmark
    public PhysicalMemory boot() {
        return new PhysicalMemory(HostConfig.defaults(Hosts.parseBytes(memory)), 1);
    }
}
