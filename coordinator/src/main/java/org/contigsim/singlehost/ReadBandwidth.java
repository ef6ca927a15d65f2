package org.contigsim.singlehost;

import java.util.Locale;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.MemoryRegion;
import org.contigsim.nic.NicModel;
import org.contigsim.nic.Perftest;
import org.contigsim.nic.RegionLayout;
import org.contigsim.nic.Transfer;
import org.contigsim.runtime.Progress;
import org.contigsim.workload.MemoryWorkload;

/**
 * {@code contigsim ib-read-bw}'s work: perftest's {@code ib_read_bw} on a simulated host aged
 * under a workload, once from a memalign buffer (scattered 4 KiB pages) and once from an
 * alloc_contig_pages buffer, at each message size.
 */
public final class ReadBandwidth {
    /** The simulated host: big enough that perftest's 16 MiB region is never the limit. */
    public static final long HOST_BYTES = 16L << 30;
    public static final String HEADER = "size_bytes,memalign_mib_s,contiguous_mib_s,improvement_pct";

    /**
     * The CSV (header and one row per size), or why there is none.
     *
     * @param missing what the aged host could not give, when {@code csv} is null
     */
    public record Result(String csv, String missing) {
    }

    private ReadBandwidth() {
    }

    public static Result measure(DeviceProfile device, MemoryWorkload workload, long seed, long uptimeNanos,
            long[] messageSizes, Progress progress) {
        PhysicalMemory mem = new PhysicalMemory(HostConfig.defaults(HOST_BYTES), seed);
        HostAging.run(mem, workload, seed, uptimeNanos, progress);
        MemoryRegion memalign = Perftest.memalign(mem, device);
        MemoryRegion contiguous = memalign == null ? null : Perftest.contiguous(mem, device);
        if (contiguous == null) {
            return new Result(null, memalign == null ? "of free memory for the memalign buffer"
                    : "physically contiguous range for alloc_contig_pages");
        }
        NicModel model = new NicModel(device);
        RegionLayout scattered = RegionLayout.of(memalign);
        RegionLayout contig = RegionLayout.of(contiguous);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (long size : messageSizes) {
            double m = model.evaluate(Transfer.perftestRead(size, scattered)).mibPerSecond();
            double c = model.evaluate(Transfer.perftestRead(size, contig)).mibPerSecond();
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f%n", size, m, c, (c / m - 1) * 100));
        }
        return new Result(csv.toString(), null);
    }
}
