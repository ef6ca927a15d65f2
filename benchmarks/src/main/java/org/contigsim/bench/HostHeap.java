package org.contigsim.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Zone;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.util.Multiset;
import org.openjdk.jol.vm.VM;

/**
 * Heap held by one simulated host: the retained size of its object graph (JOL's
 * {@link GraphLayout}, free lists and everything reachable from the {@link PhysicalMemory}
 * included), per simulated 4 KiB page, with a histogram by class and a breakdown by zone field.
 *
 * <pre>
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar org.contigsim.bench.HostHeap --memory 64GiB --uptime 6h
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar org.contigsim.bench.HostHeap --memory 1TiB --uptime 0
 * </pre>
 *
 * Options: {@code --memory SIZE} (default 64GiB), {@code --uptime DURATION} of the default
 * fragmenting workload (default 6h; 0 = freshly booted), {@code --top N} histogram rows
 * (default 15). Target from the issue: at most 1 byte of heap per simulated page; more than 2
 * is a defect.
 */
public final class HostHeap {
    private HostHeap() {
    }

    public static void main(String[] args) throws Exception {
        // JDK 17 refuses Unsafe.objectFieldOffset on records (HostConfig, PageClass): let JOL find offsets its own way
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
        long memory = 64L << 30;
        long uptime = 6 * Hosts.HOUR_NANOS;
        int top = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--memory" -> memory = Hosts.parseBytes(args[++i]);
                case "--uptime" -> uptime = Hosts.parseDuration(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: HostHeap [--memory 64GiB] [--uptime 6h] [--top 15]");
                    System.exit(2);
                }
            }
        }
        Runtime rt = Runtime.getRuntime();
        long usedBefore = usedAfterGc(rt);
        long t0 = System.nanoTime();
        PhysicalMemory mem = Hosts.build(memory, uptime);
        long t1 = System.nanoTime();
        long usedAfter = usedAfterGc(rt);

        System.out.println("# JVM: " + VM.current().details().lines().findFirst().orElse(""));
        long t2 = System.nanoTime();
        GraphLayout all = GraphLayout.parseInstance(mem);
        long t3 = System.nanoTime();
        long pages = mem.totalPages();
        long total = all.totalSize();
        double perPage = (double) total / pages;

        System.out.printf(Locale.ROOT, "host: %s, uptime %s of FragmentingWorkload.defaults()%n",
                Hosts.bytes(memory), Hosts.duration(uptime));
        System.out.printf(Locale.ROOT, "created in: %.2f s (boot and workload)%n", (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "simulated pages: %d%n", pages);
        System.out.printf(Locale.ROOT, "retained heap (JOL GraphLayout.totalSize): %d bytes (%.1f MiB) in %d objects%n",
                total, total / 1048576.0, all.totalCount());
        System.out.printf(Locale.ROOT, "bytes per simulated page: %.4f  (target <= 1.0, defect > 2.0)%n", perPage);
        System.out.printf(Locale.ROOT, "bytes per simulated GiB: %.1f KiB  (target <= 256 KiB)%n",
                total / (memory / (double) Hosts.GIB) / 1024.0);
        System.out.printf(Locale.ROOT, "heap used after GC, before/after creating the host: %.1f / %.1f MiB (delta %.1f MiB)%n",
                usedBefore / 1048576.0, usedAfter / 1048576.0, (usedAfter - usedBefore) / 1048576.0);
        System.out.printf(Locale.ROOT, "graph walk took: %.2f s%n", (t3 - t2) / 1e9);

        System.out.println();
        System.out.println("by class (top " + top + " by bytes):");
        System.out.printf(Locale.ROOT, "  %14s %10s %8s  %s%n", "bytes", "objects", "share", "class");
        Multiset<Class<?>> sizes = all.getClassSizes();
        Multiset<Class<?>> counts = all.getClassCounts();
        List<Class<?>> classes = new ArrayList<>(all.getClasses());
        classes.sort((a, b) -> Long.compare(sizes.count(b), sizes.count(a)));
        long shown = 0;
        for (int i = 0; i < Math.min(top, classes.size()); i++) {
            Class<?> c = classes.get(i);
            shown += sizes.count(c);
            System.out.printf(Locale.ROOT, "  %14d %10d %7.2f%%  %s%n", sizes.count(c), counts.count(c),
                    100.0 * sizes.count(c) / total, c.getTypeName());
        }
        if (classes.size() > top) {
            System.out.printf(Locale.ROOT, "  %14d %10s %7.2f%%  (%d other classes)%n", total - shown, "",
                    100.0 * (total - shown) / total, classes.size() - top);
        }

        System.out.println();
        System.out.println("by Zone field, summed over " + mem.zones().size() + " zones (bytes reachable from the field):");
        Map<String, Long> byField = zoneFields(mem.zones());
        long zoneSum = 0;
        for (Map.Entry<String, Long> e : byField.entrySet()) {
            zoneSum += e.getValue();
            System.out.printf(Locale.ROOT, "  %14d  %7.4f B/page  Zone.%s%n", e.getValue(), (double) e.getValue() / pages, e.getKey());
        }
        System.out.printf(Locale.ROOT, "  %14d  %7.4f B/page  everything else (PhysicalMemory, Zone headers, compaction, classes, config)%n",
                total - zoneSum, (double) (total - zoneSum) / pages);
        for (Zone z : mem.zones()) {
            System.out.printf(Locale.ROOT, "  zone %-14s %10d pages, %10d free%n", z, z.spannedPages(), z.freePages());
        }

        // what finding "a random block of a group" (reclaim, freeRandom) costs on this host: the
        // sampler walks pageblocks from a random one until the group's counter is non-zero
        System.out.println();
        System.out.println("pageblocks holding a group's pages, and the mean pageblocks a scan from a random one visits to reach one:");
        for (Zone z : mem.zones()) {
            Field pbField = Zone.class.getDeclaredField("pageblocks");
            pbField.setAccessible(true);
            Object pageblocks = pbField.get(z);
            for (String field : new String[] {"evictable", "nonMovable", "pinned"}) {
                Field f = pageblocks.getClass().getDeclaredField(field);
                f.setAccessible(true);
                char[] perBlock = (char[]) f.get(pageblocks);
                long holding = 0;
                for (char c : perBlock) {
                    if (c > 0) {
                        holding++;
                    }
                }
                System.out.printf(Locale.ROOT, "  zone %-14s %-13s %6d of %6d pageblocks, mean scan %.1f pageblocks%n",
                        z, field, holding, perBlock.length, meanScan(perBlock));
            }
        }
    }

    /** Mean over start pageblocks of the pageblocks visited (wrapping) until one with a non-zero count. */
    static double meanScan(char[] counts) {
        int n = counts.length;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Double.NaN;
        }
        long total = 0;
        int dist = 0; // pageblocks from i to the next holder, walking backwards from the first holder with wrap
        for (int k = 0; k < n; k++) {
            int i = Math.floorMod(first - k, n);
            dist = counts[i] > 0 ? 1 : dist + 1;
            total += dist;
        }
        return (double) total / n;
    }

    /**
     * Heap reachable from each non-static reference field of {@link Zone}, over all zones (shared
     * objects once); a field holding one of the zone's parts (its free area, pageblocks,
     * compaction fields) is broken down by the part's own fields, skipping what the zone
     * itself refers to (the page-state bytes the free area checks its lists against).
     */
    private static Map<String, Long> zoneFields(List<Zone> zones) throws IllegalAccessException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Field f : Zone.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType().isEnum()
                    || f.getName().equals("classes")) {
                continue;
            }
            f.setAccessible(true);
            if (f.getType().getPackage() == Zone.class.getPackage()) {
                for (Field sub : f.getType().getDeclaredFields()) {
                    if (Modifier.isStatic(sub.getModifiers()) || sub.getType().isPrimitive()
                            || sub.getName().equals("classes")) {
                        continue;
                    }
                    sub.setAccessible(true);
                    List<Object> values = new ArrayList<>();
                    for (Zone z : zones) {
                        Object part = f.get(z);
                        Object v = part == null ? null : sub.get(part);
                        if (v != null && !isZoneField(z, v)) {
                            values.add(v);
                        }
                    }
                    put(out, f.getName() + "." + sub.getName(), values);
                }
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (Zone z : zones) {
                Object v = f.get(z);
                if (v != null) {
                    values.add(v);
                }
            }
            put(out, f.getName(), values);
        }
        return out;
    }

    private static void put(Map<String, Long> out, String name, List<Object> values) {
        if (!values.isEmpty()) {
            out.put(name, GraphLayout.parseInstance(values.toArray()).totalSize());
        }
    }

    /** Whether {@code v} is the value of one of the zone's own fields (so counted there). */
    private static boolean isZoneField(Zone z, Object v) throws IllegalAccessException {
        for (Field f : Zone.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                f.setAccessible(true);
                if (f.get(z) == v) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long usedAfterGc(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
