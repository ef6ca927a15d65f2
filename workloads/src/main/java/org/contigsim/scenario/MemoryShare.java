package org.contigsim.scenario;

import org.contigsim.base.Units;

/**
 * An amount of a host's memory, written as a size ({@code 16GiB}) or as a percentage of the
 * host's memory ({@code 25%}), so one setting fits hosts of every size.
 *
 * @param bytes the size; 0 when given as a percentage
 * @param percent the percentage, 0..100; 0 when given as a size
 */
public record MemoryShare(long bytes, double percent) {

    public static MemoryShare percent(double p) {
        return new MemoryShare(0, p);
    }

    public static MemoryShare bytes(long b) {
        return new MemoryShare(b, 0);
    }

    /** The amount on a host of {@code memoryBytes}, rounded down to a byte. */
    public long bytesOf(long memoryBytes) {
        return bytes > 0 ? bytes : (long) (memoryBytes * percent / 100);
    }

    /** As the scenario file writes it. */
    public String text() {
        if (bytes > 0) {
            return Units.format(bytes);
        }
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }
}
