package org.contigsim.procfs;

import java.util.List;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.PageTypeInfo;
import org.contigsim.procfs.ProcSnapshot;

/**
 * A real host's {@code /proc/buddyinfo} (and optionally {@code /proc/pagetypeinfo}) that a
 * simulated host boots into instead of a fresh machine ({@link org.contigsim.procfs.HostImport}).
 * The text itself travels with the {@link HostSetup}, so a host can be built on any member.
 *
 * @param buddyinfoName the file the text came from, for error messages
 * @param pagetypeinfoName null when only buddyinfo was given
 */
public record ProcDump(String buddyinfoName, String buddyinfo, String pagetypeinfoName, String pagetypeinfo) {

    /**
     * The parsed, merged snapshot; {@link org.contigsim.procfs.ProcParseException} names the file
     * and line of the first problem, IllegalArgumentException when the two files disagree.
     */
    public ProcSnapshot snapshot() {
        ProcSnapshot buddy = BuddyInfo.parse(buddyinfoName, lines(buddyinfo));
        if (pagetypeinfo == null) {
            return buddy;
        }
        return ProcSnapshot.merge(buddy, PageTypeInfo.parse(pagetypeinfoName, lines(pagetypeinfo)));
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }
}
