package org.contigsim.workload;

import java.util.List;

/** The built-in background workloads, by the name the command line and scenarios use. */
public final class Workloads {
    public static final List<String> NAMES = List.of("fragmenting", "idle");

    private Workloads() {
    }

    /** The workload called {@code name}; IllegalArgumentException naming the known ones otherwise. */
    public static MemoryWorkload byName(String name) {
        switch (name) {
            case "fragmenting":
                return FragmentingWorkload.defaults();
            case "idle":
                return (host, rng, from, to) -> host.advanceTo(to);
            default:
                throw new IllegalArgumentException("unknown workload '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
    }
}
