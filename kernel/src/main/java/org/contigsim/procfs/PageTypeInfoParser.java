package org.contigsim.procfs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneType;

import static org.contigsim.procfs.PageTypeInfo.BLOCKS_HEADER;
import static org.contigsim.procfs.PageTypeInfo.FREE_HEADER;
import static org.contigsim.procfs.PageTypeInfo.MIXED_HEADER;
import static org.contigsim.procfs.PageTypeInfo.ORDER_LINE;
import static org.contigsim.procfs.PageTypeInfo.PER_BLOCK_LINE;
import static org.contigsim.procfs.ProcParseException.quote;

/** The line-by-line state machine behind {@link PageTypeInfo#parse}: one instance per file. */
final class PageTypeInfoParser {
    private static final Pattern FREE_ROW =
            Pattern.compile("Node\\s+(\\S+?)\\s*,\\s*zone\\s+(\\S+?)\\s*,\\s*type\\s+(\\S+)(.*)");

    /** What the next non-blank line may be. */
    private enum Expect {
        ORDER_LINE, PER_BLOCK_LINE, FREE_HEADER, FREE_ROWS, BLOCK_ROWS, MIXED_ROWS
    }

    /** A zone being read: its free rows come first, its pageblock row later in the same node block. */
    private static final class ZoneRows {
        final int node;
        final ZoneType zone;
        final int firstLine;
        final Map<MigrateType, long[]> free = new EnumMap<>(MigrateType.class);
        final Set<ProcSnapshot.FreeList> capped = new TreeSet<>();
        Map<MigrateType, Long> blocks;

        ZoneRows(int node, ZoneType zone, int firstLine) {
            this.node = node;
            this.zone = zone;
            this.firstLine = firstLine;
        }

        String label() {
            return "zone " + zone.procName() + " of node " + node;
        }

        ProcSnapshot.Zone toZone() {
            long[] total = new long[Pages.NR_ORDERS];
            for (long[] counts : free.values()) {
                for (int order = 0; order < total.length; order++) {
                    total[order] += counts[order];
                }
            }
            return new ProcSnapshot.Zone(node, zone, total, free, blocks, capped);
        }
    }

    private final LineContext ctx;
    private Expect expect = Expect.ORDER_LINE;
    /** Every zone of the file, in file order, keyed by label. */
    private final Map<String, ZoneRows> zones = new LinkedHashMap<>();
    /** Zones of the current node block. */
    private final List<ZoneRows> block = new ArrayList<>();
    private ZoneRows current;
    /** Columns of the first pageblock table; later node blocks must repeat them. */
    private List<MigrateType> columns;
    private boolean sawText;

    PageTypeInfoParser(LineContext ctx) {
        this.ctx = ctx;
    }

    void accept(int lineNumber, String line) {
        ctx.at(lineNumber);
        String text = line.strip();
        if (text.isEmpty()) {
            return;
        }
        sawText = true;
        if (text.startsWith(ORDER_LINE)) {
            orderLine(text);
            return;
        }
        switch (expect) {
            case ORDER_LINE -> throw ctx.error("expected '" + ORDER_LINE + " " + Pages.PAGEBLOCK_ORDER + "', found "
                    + quote(text));
            case PER_BLOCK_LINE -> perBlockLine(text);
            case FREE_HEADER -> freeHeader(text);
            case FREE_ROWS -> {
                if (text.startsWith(BLOCKS_HEADER)) {
                    blockHeader(text);
                } else {
                    freeRow(text);
                }
            }
            case BLOCK_ROWS -> {
                if (text.startsWith(MIXED_HEADER)) {
                    expect = Expect.MIXED_ROWS;
                } else {
                    blockRow(text);
                }
            }
            case MIXED_ROWS -> {
                if (!text.startsWith("Node")) {
                    throw ctx.error("expected a row of the '" + MIXED_HEADER + "' table, found " + quote(text));
                }
            }
            default -> throw new AssertionError(expect);
        }
    }

    ProcSnapshot finish(String fileName) {
        if (!sawText) {
            throw ctx.fileError("file is empty");
        }
        switch (expect) {
            case PER_BLOCK_LINE, FREE_HEADER -> throw ctx.fileError("file ends before the '" + FREE_HEADER + "' table");
            case FREE_ROWS -> throw ctx.fileError("file ends before the '" + BLOCKS_HEADER + "' table");
            default -> endNodeBlock();
        }
        List<ProcSnapshot.Zone> out = new ArrayList<>(zones.size());
        for (ZoneRows z : zones.values()) {
            out.add(z.toZone());
        }
        return new ProcSnapshot(fileName, out, columns.contains(MigrateType.CMA));
    }

    private void orderLine(String text) {
        if (expect != Expect.ORDER_LINE && expect != Expect.BLOCK_ROWS && expect != Expect.MIXED_ROWS) {
            throw ctx.error("'" + ORDER_LINE + "' line in the middle of a node's tables");
        }
        if (expect != Expect.ORDER_LINE) {
            endNodeBlock();
        }
        String value = text.substring(ORDER_LINE.length()).strip();
        if (!value.equals(Integer.toString(Pages.PAGEBLOCK_ORDER))) {
            throw ctx.error("page block order " + quote(value) + " is not supported: contigsim models order "
                    + Pages.PAGEBLOCK_ORDER + " (2 MiB pageblocks of 4 KiB pages)");
        }
        expect = Expect.PER_BLOCK_LINE;
    }

    private void perBlockLine(String text) {
        if (!text.startsWith(PER_BLOCK_LINE)) {
            throw ctx.error("expected '" + PER_BLOCK_LINE + "  " + Pages.PAGEBLOCK_PAGES + "', found " + quote(text));
        }
        String value = text.substring(PER_BLOCK_LINE.length()).strip();
        if (!value.equals(Integer.toString(Pages.PAGEBLOCK_PAGES))) {
            throw ctx.error("pages per block " + quote(value) + " does not match page block order "
                    + Pages.PAGEBLOCK_ORDER + " (" + Pages.PAGEBLOCK_PAGES + ")");
        }
        expect = Expect.FREE_HEADER;
    }

    private void freeHeader(String text) {
        if (!text.startsWith(FREE_HEADER)) {
            throw ctx.error("expected the '" + FREE_HEADER + "' header, found " + quote(text));
        }
        String[] orders = LineContext.fields(text.substring(FREE_HEADER.length()));
        boolean ok = orders.length == Pages.NR_ORDERS;
        for (int order = 0; ok && order < orders.length; order++) {
            ok = orders[order].equals(Integer.toString(order));
        }
        if (!ok) {
            throw ctx.error("expected order columns 0.." + Pages.MAX_ORDER + " in the header, found "
                    + quote(String.join(" ", orders)));
        }
        expect = Expect.FREE_ROWS;
    }

    private void freeRow(String text) {
        Matcher m = FREE_ROW.matcher(text);
        if (!m.matches()) {
            throw ctx.error("expected 'Node <id>, zone <name>, type <type>' and " + Pages.NR_ORDERS
                    + " free-block counts, found " + quote(text));
        }
        int node = ctx.node(m.group(1));
        ZoneType zone = ctx.zone(m.group(2));
        MigrateType type = ctx.migrateType(m.group(3));
        String label = "zone " + zone.procName() + " of node " + node;
        if (current == null || !current.label().equals(label)) {
            if (zones.containsKey(label)) {
                throw ctx.error(label + " appears twice");
            }
            current = new ZoneRows(node, zone, ctx.line());
            zones.put(label, current);
            block.add(current);
        }
        if (current.free.containsKey(type)) {
            throw ctx.error("type " + type.procName() + " of " + label + " appears twice");
        }
        String[] fields = LineContext.fields(m.group(4));
        if (fields.length != Pages.NR_ORDERS) {
            throw ctx.error("expected " + Pages.NR_ORDERS + " free-block counts (orders 0.." + Pages.MAX_ORDER
                    + "), found " + fields.length);
        }
        long[] counts = new long[Pages.NR_ORDERS];
        for (int order = 0; order < counts.length; order++) {
            String field = fields[order];
            boolean capped = field.startsWith(">");
            String what = type.procName() + " order " + order + " count";
            counts[order] = ctx.count(capped ? field.substring(1) : field, field, what);
            ctx.addFreeBlocks(counts[order], order, what, field);
            if (capped) {
                current.capped.add(new ProcSnapshot.FreeList(type, order));
            }
        }
        current.free.put(type, counts);
    }

    private void blockHeader(String text) {
        String[] names = LineContext.fields(text.substring(BLOCKS_HEADER.length()));
        List<MigrateType> types = new ArrayList<>();
        for (String name : names) {
            MigrateType type = ctx.migrateType(name);
            if (types.contains(type)) {
                throw ctx.error("migrate type '" + name + "' appears twice in the '" + BLOCKS_HEADER + "' header");
            }
            types.add(type);
        }
        if (types.isEmpty()) {
            throw ctx.error("the '" + BLOCKS_HEADER + "' header lists no migrate type");
        }
        if (columns != null && !columns.equals(types)) {
            throw ctx.error("pageblock columns " + names(types) + " differ from the first node's " + names(columns));
        }
        if (block.isEmpty()) {
            throw ctx.error("the '" + FREE_HEADER + "' table has no rows");
        }
        columns = List.copyOf(types);
        EnumSet<MigrateType> expected = PageTypeInfo.typeSet(types);
        for (ZoneRows z : block) {
            EnumSet<MigrateType> missing = EnumSet.copyOf(expected);
            missing.removeAll(z.free.keySet());
            if (!missing.isEmpty()) {
                throw ctx.errorAt(z.firstLine, z.label() + " has no free-count row for type "
                        + missing.iterator().next().procName() + ", which the pageblock table lists");
            }
            for (MigrateType t : z.free.keySet()) {
                if (!expected.contains(t)) {
                    throw ctx.errorAt(z.firstLine, z.label() + " has a free-count row for type " + t.procName()
                            + ", which the pageblock table does not list");
                }
            }
        }
        current = null;
        expect = Expect.BLOCK_ROWS;
    }

    private void blockRow(String text) {
        Matcher m = BuddyInfo.ZONE_ROW.matcher(text);
        if (!m.matches()) {
            throw ctx.error("expected 'Node <id>, zone <name>' and " + columns.size() + " pageblock counts, found "
                    + quote(text));
        }
        int node = ctx.node(m.group(1));
        ZoneType zone = ctx.zone(m.group(2));
        String label = "zone " + zone.procName() + " of node " + node;
        ZoneRows z = zones.get(label);
        if (z == null || !block.contains(z)) {
            throw ctx.error(label + " has a pageblock row but no free-count rows above it");
        }
        if (z.blocks != null) {
            throw ctx.error(label + " appears twice in the '" + BLOCKS_HEADER + "' table");
        }
        String[] fields = LineContext.fields(m.group(3));
        if (fields.length != columns.size()) {
            throw ctx.error("expected " + columns.size() + " pageblock counts " + names(columns) + ", found "
                    + fields.length);
        }
        Map<MigrateType, Long> blocks = new EnumMap<>(MigrateType.class);
        for (int i = 0; i < fields.length; i++) {
            String what = columns.get(i).procName() + " pageblock count";
            long n = ctx.count(fields[i], what);
            ctx.addPageblocks(n, what, fields[i]);
            blocks.put(columns.get(i), n);
        }
        z.blocks = blocks;
    }

    private void endNodeBlock() {
        for (ZoneRows z : block) {
            if (z.blocks == null) {
                throw ctx.errorAt(z.firstLine, z.label() + " has free-count rows but no row in the '"
                        + BLOCKS_HEADER + "' table");
            }
        }
        block.clear();
        current = null;
    }

    private static String names(List<MigrateType> types) {
        List<String> out = new ArrayList<>();
        for (MigrateType t : types) {
            out.add(t.procName());
        }
        return "(" + String.join(", ", out) + ")";
    }
}
