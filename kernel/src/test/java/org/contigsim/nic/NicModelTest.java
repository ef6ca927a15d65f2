package org.contigsim.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NicModelTest {
    private static final long MIB = 1 << 20;
    private static final long GIB = 1L << 30;
    private static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    private static final NicModel MODEL = new NicModel(CX5);
    private static final RegionLayout SCATTERED = RegionLayout.scattered(Perftest.MEMALIGN_IOVA, 16 * MIB);
    private static final RegionLayout CONTIGUOUS = RegionLayout.chunked(Perftest.CONTIGUOUS_IOVA, 16 * MIB, 16 * MIB);

    private static double mibs(NicModel model, Operation op, long size, AccessPattern pattern, RegionLayout r) {
        return model.evaluate(new Transfer(op, size, pattern, r, r)).mibPerSecond();
    }

    @Test
    void shouldBeSlowerFromScatteredPagesAtEverySize() {
        for (long size = 1; size <= 8 * MIB; size = size * 3 / 2 + 1) {
            double scattered = MODEL.evaluate(Transfer.perftestRead(size, SCATTERED)).mibPerSecond();
            double contiguous = MODEL.evaluate(Transfer.perftestRead(size, CONTIGUOUS)).mibPerSecond();
            assertTrue(scattered < contiguous, size + " B: " + scattered + " vs " + contiguous);
        }
    }

    @Test
    void shouldNeverBeSlowerWithMoreContiguity() {
        long iova = 0x7f0040000000L; // 1 GiB aligned, so every chunk size below is a legal MTT page
        long length = 64 * MIB;
        List<RegionLayout> moreContiguous = List.of(
                RegionLayout.scattered(iova, length),
                RegionLayout.chunked(iova, length, 64 << 10),
                RegionLayout.chunked(iova, length, 2 * MIB),
                RegionLayout.chunked(iova, length, 32 * MIB),
                RegionLayout.chunked(iova, length, 64 * MIB));
        for (String name : DeviceProfile.names()) {
            for (boolean iommu : new boolean[] {false, true}) {
                NicModel model = new NicModel(DeviceProfile.named(name).withIommu(iommu));
                for (Operation op : Operation.values()) {
                    for (AccessPattern pattern : AccessPattern.values()) {
                        for (long size = 2; size <= 8 * MIB; size *= 4) {
                            double previous = 0;
                            for (RegionLayout r : moreContiguous) {
                                double t = mibs(model, op, size, pattern, r);
                                assertTrue(t >= previous, name + " " + op + " " + pattern + " " + size + " B, "
                                        + r.pageSize() + " B pages: " + t + " < " + previous);
                                previous = t;
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldLoseThroughputOnceRandomAccessOutgrowsTheTranslationCache() {
        long size = 64 << 10;
        int entries = CX5.translation().cacheEntries();
        long fits = entries * 4096L; // 16 MiB of 4 KiB pages: every entry stays cached
        double inCache = mibs(MODEL, Operation.READ, size, AccessPattern.RANDOM, RegionLayout.scattered(GIB, fits));
        double half = mibs(MODEL, Operation.READ, size, AccessPattern.RANDOM, RegionLayout.scattered(GIB, fits / 2));
        assertEquals(half, inCache, 1e-9, "while every entry fits, the buffer size does not matter");
        double previous = inCache;
        for (long buffer = 2 * fits; buffer <= 4 * GIB; buffer *= 4) {
            double t = mibs(MODEL, Operation.READ, size, AccessPattern.RANDOM, RegionLayout.scattered(GIB, buffer));
            assertTrue(t < previous, buffer + " B: " + t + " not below " + previous);
            previous = t;
            double contiguous = mibs(MODEL, Operation.READ, size, AccessPattern.RANDOM,
                    RegionLayout.chunked(4 * GIB, buffer, buffer));
            assertEquals(11_708, contiguous, 60, "one MTT entry: the cache never matters");
        }
        assertTrue(previous < 0.5 * inCache, "with almost every lookup a miss, a 4 GiB scattered buffer "
                + "loses more than half: " + previous);
        Throughput worst = MODEL.evaluate(new Transfer(Operation.READ, size, AccessPattern.RANDOM,
                RegionLayout.scattered(GIB, 4 * GIB), RegionLayout.scattered(GIB, 4 * GIB)));
        assertEquals(Limit.TRANSLATION, worst.bound());
    }

    @Test
    void shouldShareTheCacheBetweenStreams() {
        RegionLayout r = RegionLayout.scattered(GIB, 16 * MIB);
        double alone = MODEL.evaluate(new Transfer(Operation.READ, 4096, AccessPattern.RANDOM, r, r, 1)).mibPerSecond();
        double quarter = MODEL.evaluate(new Transfer(Operation.READ, 4096, AccessPattern.RANDOM, r, r, 0.25))
                .mibPerSecond();
        assertTrue(quarter < alone);
    }

    @Test
    void shouldNameTheBindingLimit() {
        assertEquals(Limit.WINDOW, MODEL.evaluate(Transfer.perftestRead(64, CONTIGUOUS)).bound());
        assertEquals(Limit.REQUESTER, MODEL.evaluate(Transfer.perftestRead(64, SCATTERED)).bound());
        assertEquals(Limit.RESPONDER, MODEL.evaluate(Transfer.perftestRead(2048, CONTIGUOUS)).bound());
        assertEquals(Limit.LINK, MODEL.evaluate(Transfer.perftestRead(MIB, CONTIGUOUS)).bound());
        assertEquals(Limit.TRANSLATION, MODEL.evaluate(Transfer.perftestRead(MIB, SCATTERED)).bound());
        NicModel iommu = new NicModel(CX5.withIommu(true));
        assertEquals(Limit.IOMMU, iommu.evaluate(Transfer.perftestRead(MIB, CONTIGUOUS)).bound(),
                "256 pages per message do not fit a 64-entry IOTLB");
    }

    @Test
    void shouldSlowDmaThroughTheIommuOnlyWhenTheIotlbMisses() {
        NicModel iommu = new NicModel(CX5.withIommu(true));
        for (long size = 2; size <= 8 * MIB; size *= 2) {
            for (RegionLayout r : List.of(SCATTERED, CONTIGUOUS)) {
                double off = MODEL.evaluate(Transfer.perftestRead(size, r)).mibPerSecond();
                double on = iommu.evaluate(Transfer.perftestRead(size, r)).mibPerSecond();
                if (size <= 64 * 4096) {
                    assertEquals(off, on, 1e-9, size + " B: the working set fits the IOTLB");
                } else {
                    assertTrue(on < off, size + " B");
                }
            }
        }
    }

    @Test
    void shouldScaleTheExtrapolatedProfilesWithTheirLinks() {
        DeviceProfile hdr = DeviceProfile.named("connectx6-hdr");
        DeviceProfile ndr = DeviceProfile.named("connectx7-ndr");
        assertTrue(CX5.calibrated());
        assertFalse(hdr.calibrated());
        assertFalse(ndr.calibrated());
        double edr = MODEL.evaluate(Transfer.perftestRead(8 * MIB, CONTIGUOUS)).mibPerSecond();
        assertEquals(2 * edr, new NicModel(hdr).evaluate(Transfer.perftestRead(8 * MIB, CONTIGUOUS)).mibPerSecond(),
                edr * 0.02);
        assertEquals(4 * edr, new NicModel(ndr).evaluate(Transfer.perftestRead(8 * MIB, CONTIGUOUS)).mibPerSecond(),
                edr * 0.04);
        // the per-page translation stall is a fixed time, so a faster link loses a larger share to it
        double lossEdr = 1 - MODEL.evaluate(Transfer.perftestRead(8 * MIB, SCATTERED)).mibPerSecond() / edr;
        NicModel h = new NicModel(hdr);
        double lossHdr = 1 - h.evaluate(Transfer.perftestRead(8 * MIB, SCATTERED)).mibPerSecond()
                / h.evaluate(Transfer.perftestRead(8 * MIB, CONTIGUOUS)).mibPerSecond();
        assertTrue(lossHdr > lossEdr);
    }

    @Test
    void shouldLetSmallWritesPassTheReadWindow() {
        Throughput read = MODEL.evaluate(new Transfer(Operation.READ, 64, AccessPattern.PERFTEST, CONTIGUOUS, CONTIGUOUS));
        Throughput write = MODEL.evaluate(new Transfer(Operation.WRITE, 64, AccessPattern.PERFTEST, CONTIGUOUS,
                CONTIGUOUS));
        assertTrue(write.messagesPerSecond() > read.messagesPerSecond());
        assertTrue(write.bound() != Limit.WINDOW);
    }

    @Test
    void shouldTakeTheSlowerSideWhenTheBuffersDiffer() {
        Transfer mixed = new Transfer(Operation.READ, MIB, AccessPattern.PERFTEST, CONTIGUOUS, SCATTERED);
        Transfer mixedOther = new Transfer(Operation.READ, MIB, AccessPattern.PERFTEST, SCATTERED, CONTIGUOUS);
        double scattered = MODEL.evaluate(Transfer.perftestRead(MIB, SCATTERED)).mibPerSecond();
        assertEquals(scattered, MODEL.evaluate(mixed).mibPerSecond(), scattered * 0.01);
        assertEquals(scattered, MODEL.evaluate(mixedOther).mibPerSecond(), scattered * 0.01);
    }
}
