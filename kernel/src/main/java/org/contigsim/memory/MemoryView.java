package org.contigsim.memory;

import java.util.List;

/** Read-only view of a host's zones in node, then zone-index order. */
public interface MemoryView {
    List<? extends ZoneView> zones();

    /** Whether the simulated kernel has CMA configured: {@code /proc/pagetypeinfo} then prints CMA rows. */
    boolean cmaConfigured();
}
