package org.contigsim.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contigsim.memory.MemoryView;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneType;
import org.contigsim.memory.ZoneView;

import static org.contigsim.procfs.ProcParseException.quote;

/** {@code /proc/buddyinfo} ({@code frag_show_print()} in {@code mm/vmstat.c}): free blocks per order, all migrate types together. */
public final class BuddyInfo {
    /** {@code "Node %d, zone %8s"}: also the prefix of pagetypeinfo's pageblock rows. */
    static final Pattern ZONE_ROW = Pattern.compile("Node\\s+(\\S+?)\\s*,\\s*zone\\s+(\\S+)(.*)");

    private BuddyInfo() {
    }

    /** The file's exact text, one row per zone in {@link MemoryView#zones()} order, each ending in a space and a newline. */
    public static String format(MemoryView view) {
        StringBuilder sb = new StringBuilder();
        for (ZoneView zone : view.zones()) {
            Fmt.zonePrefix(sb, zone);
            for (int order = 0; order < Pages.NR_ORDERS; order++) {
                Fmt.count6(sb, zone.nrFree(order));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static ProcSnapshot parse(Path path) throws IOException {
        return parse(LineContext.fileName(path), LineContext.read(path));
    }

    /**
     * @param fileName names the file in error messages
     * @throws ProcParseException on the first line that the kernel could not have printed
     */
    public static ProcSnapshot parse(String fileName, List<String> lines) {
        LineContext ctx = new LineContext(fileName);
        List<ProcSnapshot.Zone> zones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            ctx.at(i + 1);
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = ZONE_ROW.matcher(text);
            if (!m.matches()) {
                if (text.startsWith("Page block order")) {
                    throw ctx.error("this is /proc/pagetypeinfo, not /proc/buddyinfo");
                }
                throw ctx.error("expected 'Node <id>, zone <name>' and " + Pages.NR_ORDERS
                        + " free-block counts, found " + quote(text));
            }
            int node = ctx.node(m.group(1));
            ZoneType zone = ctx.zone(m.group(2));
            if (!seen.add(node + "/" + zone)) {
                throw ctx.error("zone " + zone.procName() + " of node " + node + " appears twice");
            }
            zones.add(new ProcSnapshot.Zone(node, zone, freeCounts(ctx, LineContext.fields(m.group(3)))));
        }
        if (zones.isEmpty()) {
            throw ctx.fileError("file is empty");
        }
        return new ProcSnapshot(fileName, zones, false);
    }

    private static long[] freeCounts(LineContext ctx, String[] fields) {
        if (fields.length != Pages.NR_ORDERS) {
            throw ctx.error("expected " + Pages.NR_ORDERS + " free-block counts (orders 0.." + Pages.MAX_ORDER
                    + "), found " + fields.length);
        }
        long[] counts = new long[Pages.NR_ORDERS];
        for (int order = 0; order < counts.length; order++) {
            String what = "order " + order + " count";
            counts[order] = ctx.count(fields[order], what);
            ctx.addFreeBlocks(counts[order], order, what, fields[order]);
        }
        return counts;
    }
}
