package org.contigsim.nic;

/**
 * Throughput of one QP's RDMA message stream on a device profile, from the physics of the
 * pipeline: per-message work on both NICs, the outstanding-request window over the round trip,
 * the link and PCIe rates, and address translation (MTT lookups in an on-NIC cache, optionally
 * IOMMU IOTLB lookups) on both sides.
 *
 * <p>Each resource gives a time per message; a message takes {@code (sum t^q)^(1/q)}, a smooth
 * maximum. The terms:
 *
 * <ul>
 *   <li>window: (round trip + the two first translations + the message's wire time) / window;
 *   <li>requester and responder engines: their per-message work plus the first translation on
 *       their side; the sending engine is also busy until the message's first packet is on the
 *       wire, so per-message work does not overlap single-packet transmissions;
 *   <li>stream: per side, the message's wire time plus a stall at every translation page the
 *       DMA crosses (lookup plus restart), or PCIe DMA time, whichever is longer.
 * </ul>
 *
 * <p>An MR whose MTT fits its MKey context (one entry for a contiguous, aligned buffer) needs no
 * MTT lookups at all. The evaluation is O(1) in the buffer size: everything it needs about the
 * buffer is in its {@link RegionLayout}. Pure and deterministic; no framework imports.
 */
public final class NicModel {
    /** The stream is called translation- (or IOMMU-) bound when stalls exceed this share of its time. */
    static final double STALL_SHARE = 0.05;

    private final DeviceProfile profile;

    public NicModel(DeviceProfile profile) {
        this.profile = profile;
    }

    public Throughput evaluate(Transfer t) {
        DeviceProfile.Link link = profile.link();
        DeviceProfile.Engine engine = profile.engine();
        long size = t.messageBytes();
        Side local = side(t.local(), t, size);
        Side remote = side(t.remote(), t, size);
        double wire = link.wireNs(size);
        double firstPacket = link.wireNs(Math.min(size, link.mtu()));

        // READ: the responder sends from the remote buffer; WRITE: the requester sends from the local one
        boolean read = t.operation() == Operation.READ;
        Side sender = read ? remote : local;
        Side receiver = read ? local : remote;
        double senderEngine = (read ? engine.responderNs() : engine.requesterNs()) + sender.firstNs + firstPacket;
        double receiverEngine = (read ? engine.requesterNs() : engine.responderNs()) + receiver.firstNs;
        int window = read ? engine.readWindow() : engine.sendQueueDepth();
        double windowNs = (engine.roundTripNs() + local.firstNs + remote.firstNs + wire) / window;

        double senderStream = wire + sender.stallNs();
        double receiverStream = wire + receiver.stallNs();
        Side stalled = senderStream >= receiverStream ? sender : receiver;
        double stream = Math.max(senderStream, receiverStream);
        double pcie = profile.pcie().dmaNs(size);
        Limit streamLimit;
        if (pcie > stream) {
            stream = pcie;
            streamLimit = Limit.PCIE;
        } else if (stalled.stallNs() <= STALL_SHARE * stream) {
            streamLimit = Limit.LINK; // a few stalls per message do not make translation the bottleneck
        } else {
            streamLimit = stalled.mttStallNs >= stalled.iotlbStallNs ? Limit.TRANSLATION : Limit.IOMMU;
        }

        double q = engine.pipelineExponent();
        double requester = read ? receiverEngine : senderEngine;
        double responder = read ? senderEngine : receiverEngine;
        double sum = Math.pow(windowNs, q) + Math.pow(requester, q) + Math.pow(responder, q) + Math.pow(stream, q);
        double ns = Math.pow(sum, 1 / q);

        Limit bound = Limit.WINDOW;
        double worst = windowNs;
        if (requester > worst) {
            bound = Limit.REQUESTER;
            worst = requester;
        }
        if (responder > worst) {
            bound = Limit.RESPONDER;
            worst = responder;
        }
        if (stream > worst) {
            bound = streamLimit;
        }
        return new Throughput(size, ns, bound);
    }

    /**
     * Translation costs on one side: the first lookup of a message (on the engine's path) and the
     * stalls of the DMA stream at each translation page.
     */
    private record Side(double firstNs, double mttStallNs, double iotlbStallNs) {
        double stallNs() {
            return mttStallNs + iotlbStallNs;
        }
    }

    private Side side(RegionLayout r, Transfer t, long size) {
        DeviceProfile.Translation tr = profile.translation();
        double first = 0;
        double mttStall = 0;
        if (r.mttEntries() > tr.contextEntries()) {
            Footprint f = Footprint.of(t.pattern(), r.iova(), r.length(), r.pageSize(), size);
            double hit = f.hitRatio((long) Math.floor(tr.cacheEntries() * t.cacheShare()));
            double lookup = hit * tr.hitNs() + (1 - hit) * tr.missNs();
            first = lookup;
            mttStall = f.pagesPerMessage() * (lookup + tr.restartNs());
        }
        double iotlbStall = 0;
        DeviceProfile.Iommu io = profile.iommu();
        if (io.enabled()) {
            Footprint f = Footprint.of(t.pattern(), r.iova(), r.length(), 4096, size);
            double miss = 1 - f.hitRatio((long) Math.floor(io.iotlbEntries() * t.cacheShare()));
            first += miss * io.missNs();
            iotlbStall = f.pagesPerMessage() * miss * io.missNs();
        }
        return new Side(first, mttStall, iotlbStall);
    }
}
