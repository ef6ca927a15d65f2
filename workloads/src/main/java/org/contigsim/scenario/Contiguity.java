package org.contigsim.scenario;

import java.util.List;
import org.contigsim.base.Labelled;

/** What a job does with buffers whose chunks are smaller than {@code jobs.min-chunk} ({@code jobs.contiguity}). */
public enum Contiguity implements Labelled {
    /** It gives them back and waits for better ones: only contiguous buffers run. */
    STRICT("strict"),
    /** It runs on them, at the throughput the NIC model gives for those buffers. */
    PREFERRED("preferred");

    private final String label;

    Contiguity(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static List<String> names() {
        return Labelled.labels(values());
    }
}
