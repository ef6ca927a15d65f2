package org.contigsim.scenario;

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
 * @param start the /proc/buddyinfo (and pagetypeinfo) the hosts boot into; null for fresh hosts
 */
public record HostClass(String name, int count, HostSpec host, String background, ProcDump start) {

    public static final String DEFAULT = "default";

    public HostClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(background, "background");
    }
}
