package org.contigsim.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.workload.WorkloadHost;
import org.contigsim.memory.Zone;
import org.contigsim.memory.ZoneType;
import org.contigsim.workload.FragmentingWorkload;
import org.contigsim.base.Rng;
import org.contigsim.base.Units;

/**
 * Builds the hosts the benchmarks measure: a freshly booted host, and a host aged by the
 * fragmenting workload (the reference state: 64 GiB after 6 h of
 * {@link FragmentingWorkload#defaults()}, workload stream {@code Rng.seedFor(1, 0)}).
 */
final class Hosts {
    static final long GIB = 1L << 30;
    static final long HOUR_NANOS = 3600L * 1_000_000_000L;
    /** Seed of the host's own Rng (reclaim sampling). */
    static final long HOST_SEED = 1;

    private Hosts() {
    }

    /** A freshly booted host with the kernel's defaults. */
    static PhysicalMemory fresh(long memoryBytes) {
        return new PhysicalMemory(HostConfig.defaults(memoryBytes), HOST_SEED);
    }

    /**
     * Aged hosts already built in this JVM. Building the 64 GiB / 6 h host takes minutes, and JMH
     * builds it again in every fork; with {@code -f 0} every benchmark of the run shares one
     * host instead (each leaves it in the steady state it found).
     */
    private static final Map<String, PhysicalMemory> BUILT = new HashMap<>();

    /**
     * A host aged by {@code uptimeNanos} of the default fragmenting workload, built once per JVM
     * (see {@link #BUILT}); logs how long building took.
     */
    static synchronized PhysicalMemory fragmented(long memoryBytes, long uptimeNanos) {
        String key = memoryBytes + "/" + uptimeNanos;
        PhysicalMemory cached = BUILT.get(key);
        if (cached != null) {
            System.out.println("# reusing the host built earlier in this JVM: " + summary(cached));
            return cached;
        }
        PhysicalMemory mem = build(memoryBytes, uptimeNanos);
        BUILT.put(key, mem);
        return mem;
    }

    /** Builds a new aged host (no caching); logs how long that took. */
    static PhysicalMemory build(long memoryBytes, long uptimeNanos) {
        long t0 = System.nanoTime();
        PhysicalMemory mem = fresh(memoryBytes);
        long t1 = System.nanoTime();
        if (uptimeNanos > 0) {
            Rng rng = new Rng(Rng.seedFor(1, 0));
            FragmentingWorkload.defaults().run(new WorkloadHost(mem, rng), rng, 0, uptimeNanos);
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "# host %s: boot %.2f s, %s of fragmenting workload %.1f s%n",
                bytes(memoryBytes), (t1 - t0) / 1e9, duration(uptimeNanos), (t2 - t1) / 1e9);
        System.out.println("# " + summary(mem));
        return mem;
    }

    /** Free pages, watermarks and buddyinfo of each zone, for the logs. */
    static String summary(PhysicalMemory mem) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "free %d of %d pages; page cache %d, anon %d",
                mem.freePages(), mem.totalPages(),
                mem.classPages(mem.classId(Owner.PAGE_CACHE)), mem.classPages(mem.classId(Owner.ANON))));
        for (Zone z : mem.zones()) {
            sb.append(String.format(Locale.ROOT, "%n#   %-14s free %8d  min/low/high %d/%d/%d  lowmem_reserve %d  buddyinfo %s",
                    z.toString(), z.freePages(), z.watermarkMin(), z.watermarkLow(), z.watermarkHigh(),
                    lowmemReserve(z), java.util.Arrays.toString(z.freeBlocks())));
        }
        return sb.toString();
    }

    /**
     * Free pages above each zone's low watermark plus its lowmem reserve against movable
     * requests, summed: what order-0 movable allocations can take on the fast path before the
     * slow path (kswapd wake-up, then direct reclaim below min) starts.
     */
    static long freeAboveLow(PhysicalMemory mem) {
        long n = 0;
        for (Zone z : mem.zones()) {
            n += Math.max(0, z.freePages() - z.watermarkLow() - lowmemReserve(z));
        }
        return n;
    }

    /** The zone's lowmem_reserve against requests that may use ZONE_MOVABLE. */
    static long lowmemReserve(Zone z) {
        return z.lowmemReserve(ZoneType.MOVABLE.ordinal());
    }

    static String bytes(long b) {
        if (b >= (1L << 40) && b % (1L << 40) == 0) {
            return (b >> 40) + " TiB";
        }
        if (b >= GIB && b % GIB == 0) {
            return (b >> 30) + " GiB";
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }

    static String duration(long nanos) {
        if (nanos % HOUR_NANOS == 0) {
            return (nanos / HOUR_NANOS) + " h";
        }
        return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
    }

    /** Parses {@code 64GiB}, {@code 1TiB}, {@code 512MiB} (the project's {@link Units}). */
    static long parseBytes(String s) {
        return Units.bytes(s);
    }

    /** Parses {@code 6h}, {@code 30m}, {@code 90s} or {@code 0} (the project's {@link Units}). */
    static long parseDuration(String s) {
        return Units.nanos(s);
    }
}
