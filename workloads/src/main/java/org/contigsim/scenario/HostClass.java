package org.contigsim.scenario;

import java.util.List;
import java.util.Objects;
import org.contigsim.machine.HostSpec;
import org.contigsim.procfs.ProcDump;

/**
 * One kind of host in a heterogeneous fleet ({@code classes { NAME { ... } }}): how many, their
 * hardware, their background and, optionally, the real /proc dump they boot into.
 *
 * @param name the key in {@code classes}; {@code default} for the hosts the top-level
 *     {@code host} and {@code background} describe
 * @param count hosts of this class
 * @param background background workload spec (org.contigsim.workload.Workloads)
 * @param start the /proc/buddyinfo (and pagetypeinfo) every host of the class boots into; null for
 *     fresh hosts or a fleet
 * @param fleet one dump per host, from a directory of dumps; null unless the class imports one
 */
public record HostClass(String name, int count, HostSpec host, String background, ProcDump start, Fleet fleet) {

    public static final String DEFAULT = "default";

    public HostClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(background, "background");
        if (fleet != null && (start != null || fleet.dumps().size() != count)) {
            throw new IllegalArgumentException("a fleet import gives each of the class's " + count
                    + " hosts its own dump, and no shared one");
        }
    }

    /** A class whose hosts all boot alike: fresh, or into the one dump {@code start}. */
    public HostClass(String name, int count, HostSpec host, String background, ProcDump start) {
        this(name, count, host, background, start, null);
    }

    /** The dump the class's {@code index}-th host boots into; null for a fresh host. */
    public ProcDump startOf(int index) {
        return fleet != null ? fleet.dumps().get(index) : start;
    }

    /**
     * A directory of real hosts' dumps ({@code import { dir = ... }}), one host each, in file name
     * order: {@code NAME.buddyinfo}, with {@code NAME.pagetypeinfo} beside it when there is one.
     *
     * @param dir the directory as the scenario names it, resolved
     */
    public record Fleet(String dir, List<ProcDump> dumps) {
        public Fleet {
            dumps = List.copyOf(dumps);
        }
    }
}
