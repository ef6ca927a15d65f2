package org.contigsim.singlehost;

import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.workload.MemoryWorkload;
import org.contigsim.base.Rng;
import org.contigsim.runtime.Progress;

/** Runs a background workload on one host from boot for a simulated uptime, with progress. */
public final class HostAging {
    /** Workload calls are made in pieces of this much simulated time, between progress updates. */
    static final long CHUNK_NANOS = 10 * 60 * 1_000_000_000L;

    private HostAging() {
    }

    /** Runs {@code w} from simulated time 0 to {@code uptimeNanos}; host 0's stream of run {@code seed}. */
    public static void run(PhysicalMemory mem, MemoryWorkload w, long seed, long uptimeNanos, Progress progress) {
        if (uptimeNanos == 0) {
            return;
        }
        Rng rng = new Rng(Rng.seedFor(seed, 0));
        WorkloadHost host = new WorkloadHost(mem, rng);
        for (long from = 0; from < uptimeNanos; ) {
            long to = Math.min(uptimeNanos, from + CHUNK_NANOS);
            w.run(host, rng, from, to);
            progress.simulated(to, uptimeNanos);
            from = to;
        }
        progress.finish();
    }
}
