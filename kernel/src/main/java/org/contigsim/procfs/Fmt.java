package org.contigsim.procfs;

import org.contigsim.memory.ZoneView;

/** The few {@code printf} conversions the kernel's {@code /proc} writers use, without {@code String.format}'s cost. */
final class Fmt {
    private Fmt() {
    }

    /** {@code %Ns}, {@code %Nd}, {@code %Nlu}: right-justified in at least {@code width} columns. */
    static void padLeft(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(s);
    }

    /** {@code %-Ns}: left-justified in at least {@code width} columns. */
    static void padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    /** {@code "Node %d, zone %8s "}, the row prefix shared by buddyinfo, the pageblock table and the debugfs indexes. */
    static void zonePrefix(StringBuilder sb, ZoneView zone) {
        sb.append("Node ").append(zone.procNode()).append(", zone ");
        padLeft(sb, zone.type().procName(), 8);
        sb.append(' ');
    }

    /** {@code "%6lu "}, one free-block count column. */
    static void count6(StringBuilder sb, long count) {
        padLeft(sb, Long.toString(count), 6);
        sb.append(' ');
    }
}
