package org.contigsim.singlehost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.contigsim.memory.HugetlbPool;
import org.contigsim.memory.MemoryStats;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.Zone;
import org.contigsim.procfs.PageTypeInfo;
import org.contigsim.base.Units;

/**
 * {@code contigsim memory --format json}: one object describing a host's memory. Keys are in a
 * fixed order and every value derives from the simulated state, so the same arguments print the
 * same bytes.
 */
public final class MemoryJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MemoryJson() {
    }

    /** What the run was, echoed at the top of the object. */
    public record RunInfo(long seed, String workload, long uptimeNanos, String importedFrom) {
    }

    /** The pretty-printed object followed by a newline. */
    public static String render(PhysicalMemory mem, RunInfo run) {
        return write(describe(mem, run));
    }

    static ObjectNode describe(PhysicalMemory mem, RunInfo run) {
        ObjectNode root = NODES.objectNode();
        root.put("memory_bytes", mem.config().memoryBytes());
        root.put("nodes", mem.nodes());
        root.put("kernel", mem.config().kernel().label());
        if (run.importedFrom() != null) {
            root.put("imported_from", run.importedFrom());
        }
        root.put("seed", run.seed());
        root.put("workload", run.workload());
        if (run.uptimeNanos() % 1_000_000_000L == 0) {
            root.put("uptime_seconds", run.uptimeNanos() / 1_000_000_000L);
        } else {
            root.put("uptime_seconds", run.uptimeNanos() / 1e9);
        }
        root.put("total_pages", mem.totalPages());
        root.put("free_pages", mem.freePages());
        root.put("largest_free_block_pages", largestFreeBlockPages(mem));
        root.put("largest_contig_range_pages", mem.contig().largestRange());
        root.set("pages_by_migratetype", pagesByMigrateType(mem));
        root.set("pages_by_owner", pagesByOwner(mem));
        root.set("hugetlb", hugetlb(mem));
        root.set("stats", stats(mem.stats()));
        ArrayNode zones = root.putArray("zones");
        List<MigrateType> types = PageTypeInfo.printedTypes(mem.cmaConfigured());
        for (Zone z : mem.zones()) {
            zones.add(zone(z, types));
        }
        return root;
    }

    private static ObjectNode zone(Zone z, List<MigrateType> types) {
        ObjectNode o = NODES.objectNode();
        o.put("node", z.node());
        o.put("zone", z.type().procName());
        o.put("start_pfn", z.startPfn());
        o.put("spanned_pages", z.spannedPages());
        o.put("managed_pages", z.managedPages());
        o.put("free_pages", z.freePages());
        ObjectNode wm = o.putObject("watermarks");
        wm.put("min", z.watermarkMin());
        wm.put("low", z.watermarkLow());
        wm.put("high", z.watermarkHigh());
        long[] free = VmStat.nrFreeByOrder(z);
        o.set("free_blocks", longs(free));
        ObjectNode byType = o.putObject("free_blocks_by_type");
        for (MigrateType t : types) {
            long[] counts = new long[Pages.NR_ORDERS];
            for (int order = 0; order < counts.length; order++) {
                counts[order] = z.nrFree(order, t);
            }
            byType.set(t.procName(), longs(counts));
        }
        ObjectNode blocks = o.putObject("pageblocks_by_type");
        for (MigrateType t : types) {
            blocks.put(t.procName(), z.pageblocks(t));
        }
        o.set("unusable_index", ints(VmStat.unusableIndexes(free)));
        o.set("fragmentation_index", ints(VmStat.fragmentationIndexes(free)));
        return o;
    }

    /** Pages in the largest free buddy block of any zone (0 when nothing is free). */
    static long largestFreeBlockPages(PhysicalMemory mem) {
        int best = -1;
        for (Zone z : mem.zones()) {
            for (int order = Pages.MAX_ORDER; order > best; order--) {
                if (z.nrFree(order) > 0) {
                    best = order;
                    break;
                }
            }
        }
        return best < 0 ? 0 : 1L << best;
    }

    private static ObjectNode pagesByMigrateType(PhysicalMemory mem) {
        long[] pages = new long[MigrateType.PCPTYPES];
        List<PageClass> classes = mem.classes().all();
        for (int id = 1; id < classes.size(); id++) {
            pages[classes.get(id).type().ordinal()] += mem.classPages(id);
        }
        ObjectNode o = NODES.objectNode();
        for (int t = 0; t < pages.length; t++) {
            o.put(MigrateType.of(t).procName(), pages[t]);
        }
        return o;
    }

    private static ObjectNode pagesByOwner(PhysicalMemory mem) {
        long[] pages = new long[Owner.values().length];
        List<PageClass> classes = mem.classes().all();
        for (int id = 1; id < classes.size(); id++) {
            pages[classes.get(id).owner().ordinal()] += mem.classPages(id);
        }
        ObjectNode o = NODES.objectNode();
        for (Owner owner : Owner.values()) {
            o.put(owner.label(), pages[owner.ordinal()]);
        }
        return o;
    }

    private static ArrayNode hugetlb(PhysicalMemory mem) {
        ArrayNode pools = NODES.arrayNode();
        mem.hugetlbPools().stream()
                .sorted((a, b) -> Long.compare(a.pageBytes(), b.pageBytes()))
                .forEach(p -> pools.add(pool(p)));
        return pools;
    }

    private static ObjectNode pool(HugetlbPool p) {
        ObjectNode o = NODES.objectNode();
        o.put("page_bytes", p.pageBytes());
        o.put("page_size", Units.format(p.pageBytes()));
        o.put("total", p.total());
        o.put("free", p.free());
        return o;
    }

    /**
     * Every public counter of {@link MemoryStats}, in declaration order (the order the class file
     * lists them, which is what reflection returns), with snake_case names.
     */
    static ObjectNode stats(MemoryStats stats) {
        ObjectNode o = NODES.objectNode();
        for (Field f : MemoryStats.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isPublic(mod) || Modifier.isStatic(mod) || f.getType() != long.class) {
                continue;
            }
            try {
                o.put(snakeCase(f.getName()), f.getLong(stats));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    /** {@code pagesMigrated} -> {@code pages_migrated}. */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static ArrayNode longs(long[] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Pretty-printed with two-space indentation, {@code "key": value}, and arrays of numbers on
     * one line, then a newline.
     */
    static String write(ObjectNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
