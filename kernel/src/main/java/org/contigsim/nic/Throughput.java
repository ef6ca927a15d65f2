package org.contigsim.nic;

/**
 * What one QP's message stream achieves: payload bytes and messages per second, and the limit
 * that bound it.
 */
public record Throughput(long messageBytes, double nanosPerMessage, Limit bound) {
    private static final double MIB = 1024.0 * 1024.0;

    public double messagesPerSecond() {
        return 1e9 / nanosPerMessage;
    }

    public double bytesPerSecond() {
        return messageBytes * messagesPerSecond();
    }

    /** MiB/s, the unit perftest prints as "MB/sec". */
    public double mibPerSecond() {
        return bytesPerSecond() / MIB;
    }

    /** Seconds to move {@code bytes} at this rate. */
    public double secondsFor(long bytes) {
        return bytes / bytesPerSecond();
    }
}
