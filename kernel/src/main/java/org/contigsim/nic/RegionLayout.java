package org.contigsim.nic;

import java.util.List;

/**
 * What the NIC knows of a registered buffer: its virtual range (iova, length) and the MTT page
 * size and entry count the driver chose from the buffer's physical extents. This is all the
 * throughput model needs, so a layout can be kept after the extents are gone.
 */
public record RegionLayout(long iova, long length, long pageSize, long mttEntries) {
    public RegionLayout {
        if (length <= 0 || iova < 0) {
            throw new IllegalArgumentException("a region needs a non-negative iova and a positive length");
        }
        if (Long.bitCount(pageSize) != 1 || pageSize < 4096) {
            throw new IllegalArgumentException("MTT page size must be a power of two of at least 4 KiB");
        }
        if (mttEntries != MttPageSize.entries(iova, length, pageSize)) {
            throw new IllegalArgumentException("MTT entries do not match the page size and range");
        }
    }

    public static RegionLayout of(MemoryRegion mr) {
        return new RegionLayout(mr.iova(), mr.length(), mr.pageSize(), mr.mttEntries());
    }

    /** The layout of physical extents (in virtual order) registered at {@code iova}; linear in extents. */
    public static RegionLayout of(long iova, List<Extent> extents, long pageSizes) {
        long length = 0;
        for (Extent e : extents) {
            length += e.bytes();
        }
        long pageSize = MttPageSize.best(iova, extents, pageSizes);
        return new RegionLayout(iova, length, pageSize, MttPageSize.entries(iova, length, pageSize));
    }

    /** A buffer of scattered 4 KiB frames at a page-aligned iova: one entry per page. */
    public static RegionLayout scattered(long iova, long length) {
        return new RegionLayout(iova, length, 4096, MttPageSize.entries(iova, length, 4096));
    }

    /** A buffer made of physically contiguous, aligned chunks of {@code chunk} bytes. */
    public static RegionLayout chunked(long iova, long length, long chunk) {
        return new RegionLayout(iova, length, chunk, MttPageSize.entries(iova, length, chunk));
    }
}
