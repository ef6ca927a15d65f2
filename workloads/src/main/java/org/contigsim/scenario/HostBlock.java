package org.contigsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contigsim.base.Units;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.Section;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.nic.DeviceProfile;

/**
 * Reads a {@code host} block into a {@link HostSpec}: the one reader of a host's settings, shared
 * by scenarios ({@code host}, {@code classes.NAME.host}) and memory scripts, so a key means the
 * same, is checked the same and fails with the same words in both. The host must boot: a setting
 * the memory model refuses fails at its own key.
 */
public final class HostBlock {
    static final String MEMORY = "memory";
    static final String NODES = "nodes";
    static final String KERNEL = "kernel";
    static final String NIC = "nic";
    static final String MOVABLECORE = "movablecore";
    static final String CMA = "cma";
    static final String HUGETLB = "hugetlb";
    /** A host's per-order minimums: the boot setting of the buffer policy of that name. */
    static final String PROTECT_ORDERS = BufferPolicy.Kind.PROTECT_ORDERS.label();
    static final String MIN_FREE_KBYTES = "min-free-kbytes";
    static final String WATERMARK_SCALE_FACTOR = "watermark-scale-factor";
    static final String WATERMARK_BOOST_FACTOR = "watermark-boost-factor";
    static final String EXTFRAG_THRESHOLD = "extfrag-threshold";
    static final String COMPACTION_PROACTIVENESS = "compaction-proactiveness";
    static final String DIRECT_COMPACTION = "direct-compaction";
    /** HostConfig refuses less: DMA alone is 16 MiB. */
    private static final long MIN_MEMORY_BYTES = 2 * HostConfig.DMA_BYTES;

    /** The sysctls every host block may set. */
    private static final List<String> SYSCTLS = List.of(MIN_FREE_KBYTES, WATERMARK_SCALE_FACTOR,
            WATERMARK_BOOST_FACTOR, EXTFRAG_THRESHOLD, DIRECT_COMPACTION);

    /** Who reads the block, which decides the keys it may hold. */
    public enum Use {
        /**
         * A scenario's host: the machine and the sysctls. The reservations and proactive
         * compaction are the buffer policy's ({@code policies}), so they are not keys here.
         */
        SCENARIO(List.of(MEMORY, NODES, KERNEL, NIC)),
        /** A memory script's host: no NIC, and every boot setting, since no policy sets them. */
        SCRIPT(List.of(MEMORY, NODES, KERNEL, MOVABLECORE, CMA, HUGETLB, PROTECT_ORDERS, COMPACTION_PROACTIVENESS));

        private final List<String> keys;

        Use(List<String> machine) {
            List<String> all = new ArrayList<>(machine);
            all.addAll(SYSCTLS);
            this.keys = List.copyOf(all);
        }

        public List<String> keys() {
            return keys;
        }
    }

    private HostBlock() {
    }

    /**
     * The host {@code h} describes; keys it leaves out take {@code inherit}'s values, and
     * {@code memory} is required when {@code inherit} is null.
     */
    public static HostSpec read(Section h, HostSpec inherit, Use use) {
        return read(h, inherit, use, false);
    }

    /**
     * The host of a machine booted from a {@code /proc} dump ({@link ImportBlock}): {@code memory}
     * may be left out (0: the size the dump's zones imply), and the boot is checked with the dump.
     */
    public static HostSpec readImported(Section h, Use use) {
        return read(h, null, use, true);
    }

    private static HostSpec read(Section h, HostSpec inherit, Use use, boolean imported) {
        h.allowOnly(use.keys());
        if (imported && !h.has(MEMORY)) {
            return spec(h, 0, null, imported, null);
        }
        Field memoryField = inherit == null ? h.required(MEMORY, "a size", "the host's RAM, e.g. memory = 4GiB")
                : h.field(MEMORY, "a size", Units.format(inherit.memoryBytes()));
        return spec(h, memory(memoryField), inherit, imported, memoryField);
    }

    /** The rest of the block around its {@code memory} ({@code memoryField} null: the dump's). */
    private static HostSpec spec(Section h, long memory, HostSpec inherit, boolean imported, Field memoryField) {
        int nodes = (int) h.field(NODES, "a whole number", inherit == null ? "1" : Integer.toString(inherit.nodes()))
                .whole(1, 64);
        KernelVersion kernel = h.field(KERNEL, "a kernel version",
                (inherit == null ? KernelVersion.V6_15 : inherit.kernel()).label())
                .oneOf(KernelVersion.values(), "a modelled kernel");
        DeviceProfile nic = DeviceProfile.named(h.field(NIC, "a NIC profile name",
                inherit == null ? DeviceProfile.DEFAULT : inherit.nic().name())
                .oneOf(DeviceProfile.names(), "a NIC profile"));
        HostSpec.Tuning tuning = tuning(h);
        HostSpec spec = new HostSpec(memory, nodes, kernel, nic,
                inherit == null ? tuning : inherit.tuning().with(tuning));
        if (!imported) {
            boots(h, memoryField, spec);
        }
        return spec;
    }

    private static long memory(Field f) {
        long memory = f.bytes();
        if (memory > HostConfig.MAX_MEMORY_BYTES) {
            throw f.error(f.shown() + " is more than the model addresses ("
                    + Units.format(HostConfig.MAX_MEMORY_BYTES) + ": page frame numbers are 32-bit ints)");
        }
        if (memory < MIN_MEMORY_BYTES) {
            throw f.outOfRange(Units.format(MIN_MEMORY_BYTES), Units.format(HostConfig.MAX_MEMORY_BYTES));
        }
        return pages(f, memory);
    }

    private static long pages(Field f, long bytes) {
        if (bytes % Pages.PAGE_SIZE != 0) {
            throw f.error(f.shown() + " is not a whole number of 4KiB pages");
        }
        return bytes;
    }

    private static HostSpec.Tuning tuning(Section h) {
        return new HostSpec.Tuning(
                h.has(MOVABLECORE) ? pagesOf(h, MOVABLECORE) : null,
                h.has(CMA) ? pagesOf(h, CMA) : null,
                h.has(HUGETLB) ? hugetlb(h) : null,
                h.has(PROTECT_ORDERS) ? protectOrders(h.section(PROTECT_ORDERS)) : null,
                h.has(MIN_FREE_KBYTES) ? whole(h, MIN_FREE_KBYTES, 0, 1L << 40) : null,
                h.has(WATERMARK_SCALE_FACTOR) ? (int) whole(h, WATERMARK_SCALE_FACTOR, 1, 3000) : null,
                h.has(WATERMARK_BOOST_FACTOR) ? (int) whole(h, WATERMARK_BOOST_FACTOR, 0, Integer.MAX_VALUE) : null,
                h.has(EXTFRAG_THRESHOLD) ? (int) whole(h, EXTFRAG_THRESHOLD, 0, 1000) : null,
                h.has(COMPACTION_PROACTIVENESS) ? (int) whole(h, COMPACTION_PROACTIVENESS, 0, 100) : null,
                h.has(DIRECT_COMPACTION) ? h.field(DIRECT_COMPACTION, "true or false", "true").bool() : null);
    }

    private static long pagesOf(Section h, String key) {
        Field f = h.field(key, "a size", "0");
        return pages(f, f.bytes());
    }

    private static long whole(Section h, String key, long min, long max) {
        return h.field(key, "a whole number", "0").whole(min, max);
    }

    private static List<HostConfig.HugetlbReservation> hugetlb(Section h) {
        List<HostConfig.HugetlbReservation> out = new ArrayList<>();
        for (Section.Element e : h.list(HUGETLB, "a list of reservations such as [{ size = 2MiB, count = 64 }]")) {
            Section r = e.section("an object such as { size = 2MiB, count = 64 }");
            r.allowOnly(List.of("size", "count"));
            Field size = r.required("size", "a size", "the huge page size, e.g. 2MiB");
            long bytes = hugePageBytes(size);
            int count = (int) r.required("count", "a whole number", "how many pages to reserve")
                    .whole(0, Integer.MAX_VALUE);
            for (HostConfig.HugetlbReservation earlier : out) {
                if (earlier.pageBytes() == bytes) {
                    throw size.error(size.shown() + " is reserved twice");
                }
            }
            out.add(new HostConfig.HugetlbReservation(bytes, count));
        }
        return out;
    }

    /** A huge page size: a power of two of at least 2 MiB (what HostConfig.HugetlbReservation takes). */
    public static long hugePageBytes(Field f) {
        long b = f.bytes();
        if (b < (2L << 20) || Long.bitCount(b) != 1) {
            throw f.error(f.quoted() + " is not a huge page size (a power of two of at least 2MiB)");
        }
        return b;
    }

    private static List<Long> protectOrders(Section o) {
        long[] counts = new long[Pages.NR_ORDERS];
        for (String key : o.keys()) {
            int order = key.matches("[0-9]{1,2}") ? Integer.parseInt(key) : -1;
            if (order < 0 || order > Pages.MAX_ORDER) {
                throw o.problem(key, "\"" + key + "\" is not an order (0.." + Pages.MAX_ORDER + ")");
            }
            counts[order] = o.field(key, "a whole number", "0").whole(0, Integer.MAX_VALUE);
        }
        List<Long> out = new ArrayList<>();
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }

    /**
     * Fails at the key responsible when the memory model refuses the host: the zone layout has
     * limits of its own (at least 64 MiB per node; movablecore and CMA under half of memory).
     */
    private static void boots(Section h, Field memoryField, HostSpec spec) {
        try {
            ZoneLayout.of(spec.builder().build());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            for (String key : List.of(MOVABLECORE, CMA, HUGETLB)) {
                if (m.contains(key) && h.has(key)) {
                    throw h.problem(key, e.getMessage());
                }
            }
            if (m.contains("huge page") && h.has(HUGETLB)) {
                throw h.problem(HUGETLB, e.getMessage());
            }
            throw memoryField.error(memoryField.shown() + " on " + spec.nodes() + (spec.nodes() == 1 ? " node"
                    : " nodes") + " does not boot: " + e.getMessage());
        }
    }
}
