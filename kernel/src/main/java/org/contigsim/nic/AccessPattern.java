package org.contigsim.nic;

import java.util.List;
import org.contigsim.base.Labelled;

/**
 * Where successive messages of a stream fall in a registered buffer, which decides how many MTT
 * entries a message touches and how many stay in the NIC's translation cache. The first is a
 * scenario's default ({@code jobs.pattern}).
 */
public enum AccessPattern implements Labelled {
    /**
     * Every message starts at a uniformly random cache-line-aligned offset of the buffer, as
     * applications that scatter reads over a large registered region do. Every entry of the MTT
     * is equally likely, so the translation cache keeps only a share of them.
     */
    RANDOM("random"),
    /**
     * perftest's {@code ib_read_bw} / {@code ib_write_bw}: messages up to half a page (2 KiB) step
     * through the buffer's first 4 KiB in cache-line multiples and wrap; larger messages all start
     * at the buffer's beginning. The working set is the few entries under that window, reused by
     * every message.
     */
    PERFTEST("perftest");

    private final String label;

    AccessPattern(String label) {
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
