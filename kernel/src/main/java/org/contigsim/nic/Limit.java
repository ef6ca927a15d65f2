package org.contigsim.nic;

/** The resource that bounds a message stream (the largest of the per-message times). */
public enum Limit {
    /** The outstanding-request window divided by the round trip (latency-bound small READs). */
    WINDOW,
    /** The requester's per-message work: work request, completion, its first translation. */
    REQUESTER,
    /** The responder's per-message work up to the departure of the message's first packet. */
    RESPONDER,
    /** The link's payload rate after headers. */
    LINK,
    /** The link, stalled between pages while the NIC translates the next MTT page. */
    TRANSLATION,
    /** The link, stalled on IOMMU IOTLB misses. */
    IOMMU,
    /** The PCIe bus between NIC and host memory. */
    PCIE;

    /** Lower-case name for CSV and JSON output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
