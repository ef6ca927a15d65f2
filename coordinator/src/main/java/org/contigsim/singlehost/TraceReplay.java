package org.contigsim.singlehost;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.contigsim.memory.AllocTrace;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.runtime.UsageException;
import org.contigsim.runtime.Io;

/**
 * {@code contigsim memory --replay}: an allocator operation trace ({@link AllocTrace}) replayed
 * against a fresh host, timed, for speed comparisons with other allocators on the same
 * operations. The trace is replayed once on a fresh host to warm up the JIT, then once more on
 * another fresh host with the clock running around the operation loop alone.
 */
public final class TraceReplay {

    /** A replay's counts and the time its operation loop took. */
    public record Timed(AllocTrace.Result counts, long nanos) {

        public double seconds() {
            return nanos / 1e9;
        }

        public double opsPerSecond() {
            return nanos == 0 ? 0 : counts.operations() * 1e9 / nanos;
        }

        /** One line of JSON; everything but {@code seconds} and {@code ops_per_second} is deterministic. */
        public String toJson() {
            return "{\"operations\":" + counts.operations()
                    + ",\"seconds\":" + seconds()
                    + ",\"ops_per_second\":" + Math.round(opsPerSecond())
                    + ",\"allocations\":" + counts.allocations()
                    + ",\"frees\":" + counts.frees()
                    + ",\"failed_allocations\":" + counts.failedAllocations()
                    + ",\"skipped_frees\":" + counts.skippedFrees()
                    + "}";
        }
    }

    private TraceReplay() {
    }

    /**
     * Reads and checks a trace.
     *
     * @param name the file as the user named it, the {@code FILE} of {@code FILE:LINE:} messages
     * @throws UsageException on the first bad line, or naming the file when it cannot be read
     */
    public static AllocTrace.Trace parse(Path path, String name) {
        try {
            return AllocTrace.parse(path, name);
        } catch (IOException e) {
            throw new UsageException("--replay: " + Io.describe(name, e), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** One warm-up replay on a fresh host, then the measured one on another fresh host. */
    public static Timed warmUpAndMeasure(AllocTrace.Trace trace, Supplier<PhysicalMemory> freshHost) {
        new AllocTrace.Replay(trace, freshHost.get()).run();
        AllocTrace.Replay measured = new AllocTrace.Replay(trace, freshHost.get());
        long start = System.nanoTime();
        AllocTrace.Result counts = measured.run();
        return new Timed(counts, System.nanoTime() - start);
    }
}
