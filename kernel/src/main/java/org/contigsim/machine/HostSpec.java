package org.contigsim.machine;

import java.util.List;
import java.util.Objects;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;

/**
 * One simulated machine, as a scenario's {@code host} block, a memory script's {@code host} block
 * or the {@code memory} command's flags describe it; {@link #builder()} is the one way from it to
 * the memory model's {@link HostConfig}, so the three cannot drift apart.
 *
 * @param memoryBytes RAM in bytes, a whole number of 4 KiB pages, split evenly over the nodes
 *     (0 only for a host whose size comes from an imported dump)
 * @param nodes NUMA nodes, 1..64
 * @param kernel whose page allocator fallback path the host follows
 * @param nic the NIC model, one of the shipped profiles ({@link DeviceProfile#names()})
 * @param tuning the kernel command line and sysctls the block sets; the rest keep the kernel's defaults
 */
public record HostSpec(long memoryBytes, int nodes, KernelVersion kernel, DeviceProfile nic, Tuning tuning) {
    /** A scenario's host when its file gives no {@code host} block. */
    public static final HostSpec DEFAULT = new HostSpec(64L << 30, 1, KernelVersion.V6_15,
            DeviceProfile.named(DeviceProfile.DEFAULT));

    public HostSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nic, "nic");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** A host with the kernel's defaults for everything its block can tune. */
    public HostSpec(long memoryBytes, int nodes, KernelVersion kernel, DeviceProfile nic) {
        this(memoryBytes, nodes, kernel, nic, Tuning.NONE);
    }

    /** This machine with {@code bytes} of RAM. */
    public HostSpec withMemory(long bytes) {
        return new HostSpec(bytes, nodes, kernel, nic, tuning);
    }

    /** The memory model's configuration of this host, for a buffer policy to add its boot settings to. */
    public HostConfig.Builder builder() {
        return tuning.applyTo(HostConfig.builder(memoryBytes).nodes(nodes).kernel(kernel));
    }

    /**
     * What a host block sets beyond the machine itself, each null when the block leaves it to the
     * kernel's default ({@link HostConfig} documents each setting). In a scenario the reservations
     * (movablecore, CMA, hugetlb, protected orders) and proactive compaction belong to the buffer
     * policy, so only memory scripts and the {@code memory} flags set them here.
     */
    public record Tuning(Long movableBytes, Long cmaBytes, List<HostConfig.HugetlbReservation> hugetlb,
            List<Long> protectOrders, Long minFreeKbytes, Integer watermarkScaleFactor,
            Integer watermarkBoostFactor, Integer extfragThreshold, Integer compactionProactiveness,
            Boolean directCompaction) {
        public static final Tuning NONE = new Tuning(null, null, null, null, null, null, null, null, null, null);

        public Tuning {
            hugetlb = hugetlb == null ? null : List.copyOf(hugetlb);
            protectOrders = protectOrders == null ? null : List.copyOf(protectOrders);
        }

        HostConfig.Builder applyTo(HostConfig.Builder b) {
            if (movableBytes != null) {
                b.movableBytes(movableBytes);
            }
            if (cmaBytes != null) {
                b.cmaBytes(cmaBytes);
            }
            if (hugetlb != null) {
                b.hugetlb(hugetlb);
            }
            if (protectOrders != null) {
                b.protectOrders(protectOrders.stream().mapToLong(Long::longValue).toArray());
            }
            if (minFreeKbytes != null) {
                b.minFreeKbytes(minFreeKbytes);
            }
            if (watermarkScaleFactor != null) {
                b.watermarkScaleFactor(watermarkScaleFactor);
            }
            if (watermarkBoostFactor != null) {
                b.watermarkBoostFactor(watermarkBoostFactor);
            }
            if (extfragThreshold != null) {
                b.extfragThreshold(extfragThreshold);
            }
            if (compactionProactiveness != null) {
                b.compactionProactiveness(compactionProactiveness);
            }
            if (directCompaction != null) {
                b.directCompaction(directCompaction);
            }
            return b;
        }

        /** This tuning with {@code over}'s settings where {@code over} has one. */
        public Tuning with(Tuning over) {
            return new Tuning(pick(over.movableBytes, movableBytes), pick(over.cmaBytes, cmaBytes),
                    pick(over.hugetlb, hugetlb), pick(over.protectOrders, protectOrders),
                    pick(over.minFreeKbytes, minFreeKbytes), pick(over.watermarkScaleFactor, watermarkScaleFactor),
                    pick(over.watermarkBoostFactor, watermarkBoostFactor), pick(over.extfragThreshold, extfragThreshold),
                    pick(over.compactionProactiveness, compactionProactiveness),
                    pick(over.directCompaction, directCompaction));
        }

        private static <T> T pick(T over, T base) {
            return over != null ? over : base;
        }
    }
}
