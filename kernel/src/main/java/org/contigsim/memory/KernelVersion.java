package org.contigsim.memory;

/**
 * Which kernel's fallback path ({@code __rmqueue}) the allocator follows. The difference is how
 * an allocation takes memory from another migrate type's free lists when its own are empty.
 */
public enum KernelVersion {
    /** Linux 6.1: {@code __rmqueue_fallback} / {@code steal_suitable_fallback}. */
    V6_1("6.1"),
    /** Linux 6.15+: {@code __rmqueue_claim} then {@code __rmqueue_steal}; free-list type always equals pageblock type. */
    V6_15("6.15");

    private final String label;

    KernelVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static KernelVersion fromLabel(String label) {
        for (KernelVersion v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown kernel version '" + label + "' (known: 6.1, 6.15)");
    }

    RmQueue rmqueue() {
        return this == V6_1 ? new RmQueue61() : new RmQueue615();
    }
}
