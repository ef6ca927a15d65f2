package org.contigsim.memory;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;

/**
 * Which kernel's fallback path ({@code __rmqueue}) the allocator follows. The difference is how
 * an allocation takes memory from another migrate type's free lists when its own are empty.
 */
public enum KernelVersion implements Labelled {
    /** Linux 6.1: {@code __rmqueue_fallback} / {@code steal_suitable_fallback}. */
    V6_1("6.1"),
    /** Linux 6.15+: {@code __rmqueue_claim} then {@code __rmqueue_steal}; free-list type always equals pageblock type. */
    V6_15("6.15");

    private final String label;

    KernelVersion(String label) {
        this.label = label;
    }

    /** The version as scenarios, scripts and {@code --kernel} write it. */
    @Override
    public String label() {
        return label;
    }

    public static List<String> names() {
        return Labelled.labels(values());
    }

    public static Optional<KernelVersion> named(String label) {
        return Labelled.find(label, values());
    }

    RmQueue rmqueue() {
        return this == V6_1 ? new RmQueue61() : new RmQueue615();
    }
}
