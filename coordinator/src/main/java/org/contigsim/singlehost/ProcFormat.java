package org.contigsim.singlehost;

import org.contigsim.base.Labelled;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.ExtfragIndex;
import org.contigsim.procfs.PageTypeInfo;

/** How {@code contigsim memory} prints a host: one of the kernel's text views, or JSON. */
public enum ProcFormat implements Labelled {
    /** {@code /proc/buddyinfo}. */
    BUDDYINFO("buddyinfo"),
    /** {@code /proc/pagetypeinfo}. */
    PAGETYPEINFO("pagetypeinfo"),
    /** {@link MemoryJson}: zones, counters and the run's parameters in one object. */
    JSON("json"),
    /** debugfs {@code extfrag/unusable_index}. */
    UNUSABLE_INDEX("unusable_index"),
    /** debugfs {@code extfrag/extfrag_index}. */
    EXTFRAG_INDEX("extfrag_index");

    private final String label;

    ProcFormat(String label) {
        this.label = label;
    }

    /** The name a user writes ({@code --format}). */
    @Override
    public String label() {
        return label;
    }

    /** The host in this format; {@code run} is echoed by JSON only. */
    public String render(PhysicalMemory mem, MemoryJson.RunInfo run) {
        return switch (this) {
            case BUDDYINFO -> BuddyInfo.format(mem);
            case PAGETYPEINFO -> PageTypeInfo.format(mem);
            case UNUSABLE_INDEX -> ExtfragIndex.formatUnusableIndex(mem);
            case EXTFRAG_INDEX -> ExtfragIndex.formatExtfragIndex(mem);
            case JSON -> MemoryJson.render(mem, run);
        };
    }
}
