package org.contigsim.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneType;

/**
 * What one parsed {@code /proc/buddyinfo} or {@code /proc/pagetypeinfo} says about a host, or
 * both merged. Immutable; zones are in file order.
 *
 * @param source file name (or names, once merged), used in messages
 * @param zones  one entry per (node, zone) in file order
 * @param hasCma whether the file printed CMA rows and a CMA column (never for buddyinfo, which cannot tell)
 */
public record ProcSnapshot(String source, List<Zone> zones, boolean hasCma) {

    /** The NUMA node numbers the file lists, ascending (a dump of nodes 1 and 2 only gives [1, 2]). */
    public List<Integer> nodeIds() {
        return zones.stream().map(Zone::node).distinct().sorted().toList();
    }

    public ProcSnapshot {
        Objects.requireNonNull(source, "source");
        zones = List.copyOf(zones);
        Set<String> seen = new TreeSet<>();
        boolean typed = !zones.isEmpty() && zones.get(0).hasMigrateTypes();
        for (Zone z : zones) {
            if (!seen.add(z.node() + "/" + z.zone())) {
                throw new IllegalArgumentException("zone " + z.zone().procName() + " of node " + z.node() + " appears twice");
            }
            if (z.hasMigrateTypes() != typed) {
                throw new IllegalArgumentException("zones mix buddyinfo-only and per-migrate-type data");
            }
        }
    }

    /** One free list, {@code free_area[order].free_list[type]}. */
    public record FreeList(MigrateType type, int order) implements Comparable<FreeList> {
        public FreeList {
            Objects.requireNonNull(type, "type");
            if (order < 0 || order > Pages.MAX_ORDER) {
                throw new IllegalArgumentException("order " + order + " outside 0.." + Pages.MAX_ORDER);
            }
        }

        @Override
        public int compareTo(FreeList o) {
            int c = type.compareTo(o.type);
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }

    /**
     * One zone's counters.
     *
     * @param freeBlocks  free blocks per order 0..10 over all migrate types (the buddyinfo row)
     * @param freeByType  free blocks per order for each migrate type the file listed; empty for buddyinfo
     * @param pageblocks  pageblocks per migrate type the file listed; empty for buddyinfo
     * @param cappedLists free lists the kernel stopped counting at 100000 (printed {@code >100000}, kernels since
     *                    5.5): their {@code freeByType} value is a lower bound, so {@code freeBlocks} may exceed
     *                    the sum over types at those orders
     */
    public record Zone(int node, ZoneType zone, long[] freeBlocks, Map<MigrateType, long[]> freeByType,
            Map<MigrateType, Long> pageblocks, Set<FreeList> cappedLists) {

        public Zone {
            Objects.requireNonNull(zone, "zone");
            if (node < 0) {
                throw new IllegalArgumentException("node " + node + " is negative");
            }
            freeBlocks = checkedCounts(freeBlocks, "free blocks");
            EnumMap<MigrateType, long[]> types = new EnumMap<>(MigrateType.class);
            freeByType.forEach((t, counts) -> types.put(t, checkedCounts(counts, t.procName() + " free blocks")));
            freeByType = Collections.unmodifiableMap(types);
            EnumMap<MigrateType, Long> blocks = new EnumMap<>(MigrateType.class);
            pageblocks.forEach((t, n) -> {
                if (n < 0) {
                    throw new IllegalArgumentException(t.procName() + " pageblock count " + n + " is negative");
                }
                blocks.put(t, n);
            });
            pageblocks = Collections.unmodifiableMap(blocks);
            cappedLists = Collections.unmodifiableSet(new TreeSet<>(cappedLists));
            checkTypesAddUp(node, zone, freeBlocks, freeByType, cappedLists);
        }

        /** A zone as buddyinfo describes it: totals only. */
        public Zone(int node, ZoneType zone, long[] freeBlocks) {
            this(node, zone, freeBlocks, Map.of(), Map.of(), Set.of());
        }

        /** A zone as pagetypeinfo describes it, with no capped count. */
        public Zone(int node, ZoneType zone, long[] freeBlocks, Map<MigrateType, long[]> freeByType,
                Map<MigrateType, Long> pageblocks) {
            this(node, zone, freeBlocks, freeByType, pageblocks, Set.of());
        }

        @Override
        public long[] freeBlocks() {
            return freeBlocks.clone();
        }

        /** A read-only view; the arrays are copies. */
        @Override
        public Map<MigrateType, long[]> freeByType() {
            EnumMap<MigrateType, long[]> copy = new EnumMap<>(MigrateType.class);
            freeByType.forEach((t, counts) -> copy.put(t, counts.clone()));
            return Collections.unmodifiableMap(copy);
        }

        public boolean hasMigrateTypes() {
            return !freeByType.isEmpty();
        }

        public long nrFree(int order) {
            return freeBlocks[order];
        }

        /** 0 for a type the file did not list. */
        public long nrFree(int order, MigrateType type) {
            long[] counts = freeByType.get(type);
            return counts == null ? 0 : counts[order];
        }

        /** 0 for a type the file did not list. */
        public long pageblocks(MigrateType type) {
            return pageblocks.getOrDefault(type, 0L);
        }

        public boolean isCapped(MigrateType type, int order) {
            return cappedLists.contains(new FreeList(type, order));
        }

        public long freePages() {
            long pages = 0;
            for (int order = 0; order < Pages.NR_ORDERS; order++) {
                pages += freeBlocks[order] << order;
            }
            return pages;
        }

        public String label() {
            return "zone " + zone.procName() + " of node " + node;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Zone z)) {
                return false;
            }
            if (node != z.node || zone != z.zone || !Arrays.equals(freeBlocks, z.freeBlocks)
                    || !pageblocks.equals(z.pageblocks) || !cappedLists.equals(z.cappedLists)
                    || !freeByType.keySet().equals(z.freeByType.keySet())) {
                return false;
            }
            for (Map.Entry<MigrateType, long[]> e : freeByType.entrySet()) {
                if (!Arrays.equals(e.getValue(), z.freeByType.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = Objects.hash(node, zone, pageblocks, cappedLists);
            h = 31 * h + Arrays.hashCode(freeBlocks);
            for (Map.Entry<MigrateType, long[]> e : freeByType.entrySet()) {
                h = 31 * h + (e.getKey().hashCode() ^ Arrays.hashCode(e.getValue()));
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Zone[node=").append(node).append(", zone=").append(zone)
                    .append(", freeBlocks=").append(Arrays.toString(freeBlocks));
            if (hasMigrateTypes()) {
                sb.append(", freeByType={");
                freeByType.forEach((t, c) -> sb.append(t).append('=').append(Arrays.toString(c)).append(' '));
                sb.append("}, pageblocks=").append(pageblocks);
            }
            if (!cappedLists.isEmpty()) {
                sb.append(", capped=").append(cappedLists);
            }
            return sb.append(']').toString();
        }

        private static long[] checkedCounts(long[] counts, String what) {
            if (counts.length != Pages.NR_ORDERS) {
                throw new IllegalArgumentException("expected " + Pages.NR_ORDERS + " " + what + " counts (orders 0.."
                        + Pages.MAX_ORDER + "), got " + counts.length);
            }
            for (int order = 0; order < counts.length; order++) {
                if (counts[order] < 0) {
                    throw new IllegalArgumentException(what + " at order " + order + " is negative: " + counts[order]);
                }
            }
            return counts.clone();
        }

        private static void checkTypesAddUp(int node, ZoneType zone, long[] total, Map<MigrateType, long[]> byType,
                Set<FreeList> capped) {
            if (byType.isEmpty()) {
                return;
            }
            for (int order = 0; order < Pages.NR_ORDERS; order++) {
                long sum = sumAt(byType, order);
                boolean lowerBound = hasCapAt(capped, order);
                if (lowerBound ? sum > total[order] : sum != total[order]) {
                    throw new IllegalArgumentException("zone " + zone.procName() + " of node " + node + " order " + order
                            + ": " + total[order] + " free blocks in total but " + sum + " summed over migrate types");
                }
            }
        }
    }

    public Optional<Zone> zone(int node, ZoneType type) {
        for (Zone z : zones) {
            if (z.node() == node && z.zone() == type) {
                return Optional.of(z);
            }
        }
        return Optional.empty();
    }

    /** Whether this came from pagetypeinfo (or a merge), i.e. knows free lists and pageblocks per migrate type. */
    public boolean hasMigrateTypes() {
        return !zones.isEmpty() && zones.get(0).hasMigrateTypes();
    }

    public long freePages() {
        long pages = 0;
        for (Zone z : zones) {
            pages += z.freePages();
        }
        return pages;
    }

    /**
     * Combines a buddyinfo and a pagetypeinfo read from the same host at the same moment: exact
     * per-order totals from the first (pagetypeinfo caps long lists at 100000), free lists and
     * pageblocks per migrate type from the second. Both must list the same zones and agree on every
     * total, which a live system only guarantees when nothing allocates between the two reads.
     *
     * @throws ProcParseException naming both files and, on a mismatch, the zone and order
     */
    public static ProcSnapshot merge(ProcSnapshot buddyinfo, ProcSnapshot pagetypeinfo) {
        if (buddyinfo.hasMigrateTypes()) {
            throw new IllegalArgumentException(buddyinfo.source + " is not a buddyinfo snapshot");
        }
        if (!pagetypeinfo.hasMigrateTypes()) {
            throw new IllegalArgumentException(pagetypeinfo.source + " is not a pagetypeinfo snapshot");
        }
        String against = "disagrees with " + buddyinfo.source + ": ";
        Map<String, Zone> typed = new LinkedHashMap<>();
        for (Zone z : pagetypeinfo.zones) {
            typed.put(z.label(), z);
        }
        List<Zone> merged = new ArrayList<>();
        for (Zone b : buddyinfo.zones) {
            Zone t = typed.remove(b.label());
            if (t == null) {
                throw mismatch(pagetypeinfo, against + b.label() + " is in " + buddyinfo.source + " but not in "
                        + pagetypeinfo.source);
            }
            for (int order = 0; order < Pages.NR_ORDERS; order++) {
                long sum = sumAt(t.freeByType, order);
                long total = b.freeBlocks[order];
                boolean lowerBound = hasCapAt(t.cappedLists, order);
                if (lowerBound ? sum > total : sum != total) {
                    throw mismatch(pagetypeinfo, against + b.label() + ", order " + order + ": " + total
                            + " free blocks in " + buddyinfo.source + ", " + (lowerBound ? "at least " : "") + sum
                            + " summed over migrate types in " + pagetypeinfo.source);
                }
            }
            merged.add(new Zone(b.node(), b.zone(), b.freeBlocks, t.freeByType, t.pageblocks, t.cappedLists));
        }
        if (!typed.isEmpty()) {
            throw mismatch(pagetypeinfo, against + typed.keySet().iterator().next() + " is in " + pagetypeinfo.source
                    + " but not in " + buddyinfo.source);
        }
        return new ProcSnapshot(buddyinfo.source + "+" + pagetypeinfo.source, merged, pagetypeinfo.hasCma);
    }

    private static ProcParseException mismatch(ProcSnapshot file, String problem) {
        return new ProcParseException(file.source, 0, problem);
    }

    private static long sumAt(Map<MigrateType, long[]> byType, int order) {
        long sum = 0;
        for (long[] counts : byType.values()) {
            sum += counts[order];
        }
        return sum;
    }

    private static boolean hasCapAt(Set<FreeList> capped, int order) {
        for (FreeList f : capped) {
            if (f.order() == order) {
                return true;
            }
        }
        return false;
    }
}
