package org.contigsim.nic;

/**
 * One QP's message stream: the operation, the message size, where messages fall in the buffers,
 * the two registered buffers, and the share of each NIC's translation cache (and IOTLB) the
 * stream gets when other streams compete for it.
 *
 * @param local the requester's buffer
 * @param remote the responder's buffer
 * @param cacheShare fraction (0, 1] of the translation cache and IOTLB available to this stream
 */
public record Transfer(
        Operation operation, long messageBytes, AccessPattern pattern, RegionLayout local, RegionLayout remote,
        double cacheShare) {
    public Transfer {
        if (messageBytes <= 0) {
            throw new IllegalArgumentException("message size must be positive");
        }
        if (messageBytes > local.length() || messageBytes > remote.length()) {
            throw new IllegalArgumentException("a " + messageBytes + " B message does not fit the registered buffers");
        }
        if (!(cacheShare > 0 && cacheShare <= 1)) {
            throw new IllegalArgumentException("cache share must be in (0, 1]");
        }
    }

    public Transfer(Operation operation, long messageBytes, AccessPattern pattern, RegionLayout local,
            RegionLayout remote) {
        this(operation, messageBytes, pattern, local, remote, 1.0);
    }

    /** perftest's ib_read_bw between two hosts whose buffers are laid out alike. */
    public static Transfer perftestRead(long messageBytes, RegionLayout buffer) {
        return new Transfer(Operation.READ, messageBytes, AccessPattern.PERFTEST, buffer, buffer);
    }
}
