package org.contigsim.nic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * An RDMA NIC's parameters, as data ({@code nic-profiles.conf} next to this class). Each group
 * is one part of the device; docs/nic-model.md gives the source or the fit of every value.
 *
 * @param name the profile's name, e.g. {@code connectx5-edr}
 * @param description one line for listings
 * @param calibrated true when the values were fitted to measurements of this device, false for
 *     extrapolated profiles
 */
public record DeviceProfile(
        String name, String description, boolean calibrated, Link link, Pcie pcie, Engine engine,
        Translation translation, Iommu iommu) {

    /**
     * The InfiniBand port.
     *
     * @param gbps data rate after line encoding (EDR: 4 lanes x 25.78125 Gb/s x 64/66 = 100)
     * @param mtu payload bytes per packet
     * @param headerBytes transport and link headers per packet (LRH, BTH, ICRC, VCRC)
     * @param overheadBytes further link-layer bytes per packet (delimiters, flow-control
     *     packets, skip ordered sets), fitted on the contiguous plateau
     */
    public record Link(double gbps, int mtu, int headerBytes, double overheadBytes) {
        public double bytesPerNs() {
            return gbps / 8;
        }

        /** Nanoseconds the port needs to send {@code bytes} of payload in MTU-sized packets. */
        public double wireNs(long bytes) {
            long packets = Math.max(1, (bytes + mtu - 1) / mtu);
            return (bytes + packets * (headerBytes + overheadBytes)) / bytesPerNs();
        }
    }

    /**
     * The NIC's PCIe link to its host.
     *
     * @param gigatransfers per lane: 8 for Gen3, 16 for Gen4, 32 for Gen5 (128b/130b encoding)
     * @param lanes link width
     * @param maxPayload bytes of data per TLP (Max_Payload_Size)
     * @param tlpOverheadBytes framing, sequence number, header and LCRC per TLP
     */
    public record Pcie(int gigatransfers, int lanes, int maxPayload, int tlpOverheadBytes) {
        public double bytesPerNs() {
            return gigatransfers * lanes * (128.0 / 130.0) / 8;
        }

        /** Nanoseconds to move {@code bytes} of DMA data in one direction. */
        public double dmaNs(long bytes) {
            long tlps = Math.max(1, (bytes + maxPayload - 1) / maxPayload);
            return (bytes + tlps * tlpOverheadBytes) / bytesPerNs();
        }
    }

    /**
     * Per-message work of one QP.
     *
     * @param readWindow outstanding RDMA READs per QP ({@code max_qp_rd_atom})
     * @param sendQueueDepth posted work requests in flight (perftest's TX depth)
     * @param roundTripNs a small READ's round trip, requester to responder and back, without
     *     translation
     * @param requesterNs the requester's per-message work (work request, response, completion)
     * @param responderNs the responder's per-message work before its first packet leaves; the
     *     engine is then busy until that packet is on the wire
     * @param pipelineExponent how the per-message times combine: a message takes
     *     (sum of t^q)^(1/q); a large q approaches the plain maximum
     */
    public record Engine(
            int readWindow, int sendQueueDepth, double roundTripNs, double requesterNs, double responderNs,
            double pipelineExponent) {
    }

    /**
     * Memory translation: the MTT and the on-NIC cache of its entries.
     *
     * @param maxPageBytes largest MTT page size (2 GiB on ConnectX-4 and later)
     * @param contextEntries an MR with at most this many MTT entries translates from its MKey
     *     context alone, without an MTT lookup
     * @param cacheEntries MTT entries the on-NIC cache holds (LRU)
     * @param hitNs an MTT lookup that hits the cache
     * @param restartNs extra stall of the DMA stream at an MTT page boundary
     * @param missNs an MTT lookup that misses: a read of host memory across PCIe
     */
    public record Translation(
            long maxPageBytes, int contextEntries, int cacheEntries, double hitNs, double restartNs,
            double missNs) {
        /** Bitmap of the MTT page sizes the device supports, for {@link MttPageSize#best}. */
        public long pageSizes() {
            return MttPageSize.sizes(4096, maxPageBytes);
        }
    }

    /**
     * The host IOMMU, when DMA goes through it: every 4 KiB page of DMA needs an IOTLB entry.
     *
     * @param enabled whether DMA is translated by the IOMMU
     * @param iotlbEntries IOTLB entries (LRU)
     * @param missNs stall of the DMA stream per IOTLB miss (a page walk)
     */
    public record Iommu(boolean enabled, int iotlbEntries, double missNs) {
    }

    private static final String RESOURCE = "nic-profiles.conf";
    public static final String DEFAULT = "connectx5-edr";

    /** The profiles shipped with contigsim. */
    public static List<String> names() {
        Config all = shipped();
        List<String> names = new ArrayList<>(all.root().keySet());
        names.sort(null);
        return names;
    }

    /** A shipped profile by name. */
    public static DeviceProfile named(String name) {
        Config all = shipped();
        if (!all.hasPath(name) || all.getValue(name).valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
            throw new IllegalArgumentException("unknown NIC profile '" + name + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        return of(name, all.getConfig(name));
    }

    /** Reads one profile; every key must be present. */
    public static DeviceProfile of(String name, Config c) {
        try {
            return new DeviceProfile(name, c.getString("description"), c.getBoolean("calibrated"),
                    new Link(c.getDouble("link.gbps"), c.getInt("link.mtu"), c.getInt("link.header-bytes"),
                            c.getDouble("link.overhead-bytes")),
                    new Pcie(c.getInt("pcie.gigatransfers"), c.getInt("pcie.lanes"), c.getInt("pcie.max-payload"),
                            c.getInt("pcie.tlp-overhead-bytes")),
                    new Engine(c.getInt("engine.read-window"), c.getInt("engine.send-queue-depth"),
                            c.getDouble("engine.round-trip-ns"), c.getDouble("engine.requester-ns"),
                            c.getDouble("engine.responder-ns"), c.getDouble("engine.pipeline-exponent")),
                    new Translation(c.getBytes("translation.max-page").longValue(),
                            c.getInt("translation.context-entries"), c.getInt("translation.cache-entries"),
                            c.getDouble("translation.hit-ns"), c.getDouble("translation.restart-ns"),
                            c.getDouble("translation.miss-ns")),
                    new Iommu(c.getBoolean("iommu.enabled"), c.getInt("iommu.iotlb-entries"),
                            c.getDouble("iommu.miss-ns")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("NIC profile '" + name + "': " + e.getMessage(), e);
        }
    }

    /** This profile with the IOMMU on or off. */
    public DeviceProfile withIommu(boolean enabled) {
        return new DeviceProfile(name, description, calibrated, link, pcie, engine, translation,
                new Iommu(enabled, iommu.iotlbEntries(), iommu.missNs()));
    }

    /** This profile with other per-message and translation values (used by calibration). */
    public DeviceProfile with(Link link, Engine engine, Translation translation) {
        return new DeviceProfile(name, description, calibrated, link, pcie, engine, translation, iommu);
    }

    /** Parsed once: every host boot and scenario check looks profiles up. */
    private static Config shipped() {
        return Shipped.CONFIG;
    }

    private static final class Shipped {
        static final Config CONFIG = ConfigFactory.parseResources(DeviceProfile.class, RESOURCE).resolve();
    }
}
