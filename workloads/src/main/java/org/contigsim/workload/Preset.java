package org.contigsim.workload;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;

/**
 * The background presets, by the name scenarios, memory scripts and {@code --workload} give
 * them; the first is the default background.
 */
public enum Preset implements Labelled {
    /** A busy server's memory: page cache, anonymous memory churning with processes, slab and network buffers. */
    FRAGMENTING("fragmenting"),
    /** Nothing runs: memory stays as it booted. */
    IDLE("idle");

    private final String label;

    Preset(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The preset's background. */
    public Background background() {
        return switch (this) {
            case FRAGMENTING -> FragmentingWorkload.defaults();
            case IDLE -> Background.IDLE;
        };
    }

    public static List<String> names() {
        return Labelled.labels(values());
    }

    public static Optional<Preset> named(String label) {
        return Labelled.find(label, values());
    }
}
