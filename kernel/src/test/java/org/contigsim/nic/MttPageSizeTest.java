package org.contigsim.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MttPageSizeTest {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    /** ConnectX-5: 4 KiB up to 2 GiB pages. */
    private static final long CX5 = MttPageSize.sizes(4 * KIB, 2 * GIB);

    @Test
    void shouldUseOneLargePageForAnAlignedContiguousBuffer() {
        long va = 0x7f0000000000L;
        List<Extent> one = List.of(new Extent(64 * MIB, 16 * MIB));
        long size = MttPageSize.best(va, one, CX5);
        assertEquals(16 * MIB, size);
        assertEquals(1, MttPageSize.entries(va, 16 * MIB, size));
    }

    @Test
    void shouldUseFourKibPagesForScatteredFrames() {
        long va = 0x7f0000000000L;
        List<Extent> scattered = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            scattered.add(new Extent((2L * i + 1) * 4 * KIB, 4 * KIB)); // every other frame
        }
        long size = MttPageSize.best(va, scattered, CX5);
        assertEquals(4 * KIB, size);
        assertEquals(4096, MttPageSize.entries(va, 16 * MIB, size));
    }

    @Test
    void shouldFallToTheLargestSizeOnWhichVaAndPaAgree() {
        // physical 2 MiB aligned, virtual only 64 KiB aligned: they agree modulo 64 KiB
        long va = 0x7f0000010000L;
        long size = MttPageSize.best(va, List.of(new Extent(2 * MIB, 8 * MIB)), CX5);
        assertEquals(64 * KIB, size);
        assertEquals(8 * MIB / (64 * KIB), MttPageSize.entries(va, 8 * MIB, size));
    }

    @Test
    void shouldLimitThePageToWhereTheFirstDiscontinuityFalls() {
        // 2 MiB aligned pieces of 1 MiB, then 3 MiB, physically apart: the break is at VA +1 MiB
        long va = 0x40000000L;
        List<Extent> mixed = List.of(new Extent(10 * MIB, MIB), new Extent(20 * MIB + MIB, 3 * MIB));
        assertEquals(MIB, MttPageSize.best(va, mixed, CX5));
        // two 2 MiB aligned pieces of 2 MiB each: 2 MiB pages
        List<Extent> huge = List.of(new Extent(10 * MIB, 2 * MIB), new Extent(40 * MIB, 2 * MIB));
        assertEquals(2 * MIB, MttPageSize.best(va, huge, CX5));
    }

    @Test
    void shouldNotExceedTheDevicesLargestPage() {
        long va = 0;
        long size = MttPageSize.best(va, List.of(new Extent(8 * GIB, 4 * GIB)), CX5);
        assertEquals(2 * GIB, size);
        assertEquals(2, MttPageSize.entries(va, 4 * GIB, size));
    }

    @Test
    void shouldNotUsePagesLargerThanTheRegionNeeds() {
        // 8 KiB at a 1 GiB aligned VA and PA: an 8 KiB page covers it (the kernel's VA-span cap)
        long size = MttPageSize.best(GIB, List.of(new Extent(4 * GIB, 8 * KIB)), CX5);
        assertEquals(8 * KIB, size);
        assertEquals(1, MttPageSize.entries(GIB, 8 * KIB, size));
    }

    @Test
    void shouldCountPagesCoveringAnUnalignedRange() {
        assertEquals(2, MttPageSize.entries(4 * KIB - 16, 32, 4 * KIB));
        assertEquals(3, MttPageSize.entries(2 * MIB - 4 * KIB, 2 * MIB + 8 * KIB, 2 * MIB));
    }
}
