package org.contigsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.Perftest;
import org.contigsim.workload.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.contigsim.runtime.Progress;
import org.contigsim.runtime.UsageException;
import org.contigsim.singlehost.ReadBandwidth;

/**
 * {@code contigsim ib-read-bw}: perftest's {@code ib_read_bw -a} on a simulated 16 GiB host after
 * a fragmenting workload, once with a scattered (memalign) buffer and once with a contiguous one,
 * as CSV on stdout.
 */
@Command(
        name = "ib-read-bw",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        header = "RDMA READ bandwidth from a scattered versus a contiguous buffer (perftest's ib_read_bw -a).",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "contigsim ib-read-bw [--sizes 2,4,8,...] [--profile NAME] [--seed N] [--uptime DURATION] "
                + "[--iommu]",
        descriptionHeading = "%n",
        description = {
            "Boots a simulated 16 GiB host, runs the fragmenting workload on it for --uptime, then allocates "
                    + "perftest's 16 MiB -a region twice: the memalign way (order-0 frames wherever the allocator "
                    + "finds them) and physically contiguous (alloc_contig_pages). Both are registered "
                    + "(pinned, MTT page size chosen as ib_umem_find_best_pgsz does) and the NIC model gives "
                    + "the single-QP RDMA READ bandwidth of each, perftest's access pattern, for every size.",
            "",
            "Prints CSV on stdout: size_bytes,memalign_mib_s,contiguous_mib_s,improvement_pct (MiB/s, what "
                    + "perftest calls MB/sec). Exit 1 if the contiguous allocation fails."
        },
        optionListHeading = "%nOptions:%n")
final class IbReadBwCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "LIST", order = 1,
            description = "Message sizes, comma-separated, in bytes or with a unit (4KiB), each at most 8MiB. "
                    + "Default: every power of two from 2 to 8388608.")
    String sizes;

    @Option(names = "--profile", paramLabel = "NAME", order = 2, defaultValue = DeviceProfile.DEFAULT,
            converter = Choices.Profile.class,
            description = "NIC profile: connectx5-edr (calibrated), connectx6-hdr or connectx7-ndr "
                    + "(extrapolated). Default: ${DEFAULT-VALUE}.")
    DeviceProfile profile;

    @Option(names = "--seed", paramLabel = "N", order = 3, defaultValue = "1",
            description = "Seed of the host and its workload. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--uptime", paramLabel = "DURATION", order = 4, defaultValue = "1h",
            description = "Simulated uptime of the fragmenting workload before the buffers are allocated. "
                    + "Default: ${DEFAULT-VALUE}.")
    String uptime;

    @Option(names = "--iommu", order = 5,
            description = "DMA goes through the host IOMMU (IOTLB lookups per 4 KiB page).")
    boolean iommu;

    @Option(names = {"-q", "--quiet"}, order = 6, description = "No progress line on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        long[] messageSizes = sizes == null ? Perftest.allSizes() : parseSizes(sizes);
        DeviceProfile device = profile.withIommu(iommu);
        long uptimeNanos = Durations.parseNanos("--uptime", uptime);

        ReadBandwidth.Result r = ReadBandwidth.measure(device, Preset.FRAGMENTING.background(), seed, uptimeNanos,
                messageSizes, new Progress(spec.commandLine().getErr(), !quiet, "contigsim ib-read-bw"));
        if (r.csv() == null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(Main.PREFIX + "ib-read-bw: the simulated host has no " + Sizes.format(Perftest.REGION_BYTES)
                    + " " + r.missing() + " after " + uptime + " of the fragmenting workload (seed " + seed + ")");
            err.flush();
            return Main.EXIT_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(r.csv());
        out.flush();
        return Main.EXIT_OK;
    }

    static long[] parseSizes(String text) {
        List<Long> out = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new UsageException("--sizes: empty entry in '" + text + "' (give sizes like 2,4,8)");
            }
            long size = Sizes.parseBytes("--sizes", item.strip());
            if (size <= 0) {
                throw new UsageException("--sizes: '" + item.strip() + "' must be at least 1 byte");
            }
            if (size > Perftest.MAX_MESSAGE) {
                throw new UsageException("--sizes: '" + item.strip() + "' is larger than the 8MiB largest message "
                        + "of the 16MiB perftest region");
            }
            out.add(size);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
