package org.contigsim.procfs;

import org.contigsim.memory.MemoryView;
import org.contigsim.memory.VmStat;
import org.contigsim.memory.ZoneView;

/** The debugfs files {@code extfrag/unusable_index} and {@code extfrag/extfrag_index}, as the kernel prints them. */
public final class ExtfragIndex {
    private ExtfragIndex() {
    }

    /** The text of debugfs {@code extfrag/unusable_index} ({@code unusable_show_print()}). */
    public static String formatUnusableIndex(MemoryView view) {
        return formatRows(view, false);
    }

    /** The text of debugfs {@code extfrag/extfrag_index} ({@code extfrag_show_print()}, {@code "%2d.%03d "}). */
    public static String formatExtfragIndex(MemoryView view) {
        return formatRows(view, true);
    }

    private static String formatRows(MemoryView view, boolean extfrag) {
        StringBuilder sb = new StringBuilder();
        for (ZoneView zone : view.zones()) {
            Fmt.zonePrefix(sb, zone);
            long[] counts = VmStat.nrFreeByOrder(zone);
            int[] values = extfrag ? VmStat.fragmentationIndexes(counts) : VmStat.unusableIndexes(counts);
            for (int value : values) {
                String whole = Integer.toString(value / 1000);
                if (extfrag) {
                    Fmt.padLeft(sb, whole, 2);
                } else {
                    sb.append(whole);
                }
                sb.append(String.format(".%03d ", value % 1000));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

}
