package org.contigsim.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contigsim.memory.MemoryView;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneView;

/**
 * {@code /proc/pagetypeinfo} ({@code pagetypeinfo_show()} in {@code mm/vmstat.c}): free blocks
 * per order and migrate type, then pageblocks per migrate type. The kernel prints the whole
 * block (header, both tables) once per node with memory.
 */
public final class PageTypeInfo {
    /**
     * Since Linux 5.5 the kernel stops counting a free list at this many entries (it holds the
     * zone lock meanwhile) and prints {@code >100000}.
     */
    public static final int FREE_COUNT_CAP = 100_000;

    static final String ORDER_LINE = "Page block order:";
    static final String PER_BLOCK_LINE = "Pages per block:";
    static final String FREE_HEADER = "Free pages count per migrate type at order";
    static final String BLOCKS_HEADER = "Number of blocks type";
    /** Only with {@code CONFIG_PAGE_OWNER} and {@code page_owner=on}; parsed past, not kept. */
    static final String MIXED_HEADER = "Number of mixed blocks";

    private PageTypeInfo() {
    }

    /** Migrate types printed: all of them, less CMA when the kernel has no {@code CONFIG_CMA}. */
    public static List<MigrateType> printedTypes(boolean cmaConfigured) {
        List<MigrateType> types = new ArrayList<>(List.of(MigrateType.values()));
        if (!cmaConfigured) {
            types.remove(MigrateType.CMA);
        }
        return List.copyOf(types);
    }

    /** The file's exact text, including the kernel's trailing spaces. */
    public static String format(MemoryView view) {
        List<MigrateType> types = printedTypes(view.cmaConfigured());
        Map<Integer, List<ZoneView>> byNode = new LinkedHashMap<>();
        for (ZoneView zone : view.zones()) {
            byNode.computeIfAbsent(zone.node(), n -> new ArrayList<>()).add(zone);
        }
        StringBuilder sb = new StringBuilder();
        for (List<ZoneView> zones : byNode.values()) {
            sb.append(ORDER_LINE).append(' ').append(Pages.PAGEBLOCK_ORDER).append('\n');
            sb.append(PER_BLOCK_LINE).append("  ").append(Pages.PAGEBLOCK_PAGES).append('\n');
            sb.append('\n');
            freeTable(sb, zones, types);
            blockTable(sb, zones, types);
        }
        return sb.toString();
    }

    private static void freeTable(StringBuilder sb, List<ZoneView> zones, List<MigrateType> types) {
        Fmt.padRight(sb, FREE_HEADER, 43);
        sb.append(' ');
        for (int order = 0; order < Pages.NR_ORDERS; order++) {
            Fmt.count6(sb, order);
        }
        sb.append('\n');
        for (ZoneView zone : zones) {
            for (MigrateType type : types) {
                sb.append("Node ");
                Fmt.padLeft(sb, Integer.toString(zone.procNode()), 4);
                sb.append(", zone ");
                Fmt.padLeft(sb, zone.type().procName(), 8);
                sb.append(", type ");
                Fmt.padLeft(sb, type.procName(), 12);
                sb.append(' ');
                for (int order = 0; order < Pages.NR_ORDERS; order++) {
                    long count = zone.nrFree(order, type);
                    if (count >= FREE_COUNT_CAP) {
                        sb.append('>').append(FREE_COUNT_CAP).append(' ');
                    } else {
                        Fmt.count6(sb, count);
                    }
                }
                sb.append('\n');
            }
        }
    }

    private static void blockTable(StringBuilder sb, List<ZoneView> zones, List<MigrateType> types) {
        sb.append('\n');
        Fmt.padRight(sb, BLOCKS_HEADER + " ", 23);
        for (MigrateType type : types) {
            Fmt.padLeft(sb, type.procName(), 12);
            sb.append(' ');
        }
        sb.append('\n');
        for (ZoneView zone : zones) {
            Fmt.zonePrefix(sb, zone);
            for (MigrateType type : types) {
                Fmt.padLeft(sb, Long.toString(zone.pageblocks(type)), 12);
                sb.append(' ');
            }
            sb.append('\n');
        }
    }

    public static ProcSnapshot parse(Path path) throws IOException {
        return parse(LineContext.fileName(path), LineContext.read(path));
    }

    /**
     * Accepts one node block or several, with or without CMA (and Isolate) rows and columns, with
     * capped {@code >100000} counts, and with the optional mixed-blocks table.
     *
     * @param fileName names the file in error messages
     * @throws ProcParseException on the first line that the kernel could not have printed
     */
    public static ProcSnapshot parse(String fileName, List<String> lines) {
        PageTypeInfoParser parser = new PageTypeInfoParser(new LineContext(fileName));
        for (int i = 0; i < lines.size(); i++) {
            parser.accept(i + 1, lines.get(i));
        }
        return parser.finish(fileName);
    }

    static EnumSet<MigrateType> typeSet(List<MigrateType> types) {
        return types.isEmpty() ? EnumSet.noneOf(MigrateType.class) : EnumSet.copyOf(types);
    }
}
