package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.Zone;
import org.contigsim.memory.ZoneType;
import org.contigsim.memory.ZoneView;
import org.junit.jupiter.api.Test;

/**
 * Dumps of machines that are not an x86-64 node 0 import and print back the same zones and
 * counts: one Normal zone (ppc64, a container's view), DMA + Normal (arm64), nodes 1 and 2 only,
 * and Device zones (ZONE_DEVICE, never managed by the buddy allocator).
 */
class ImportLayoutsTest {
    private static final String NORMAL = "Node 0, zone   Normal    100     50     20     10      5      3      2      1      1      1    200 ";
    private static final String ARM_DMA = "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 ";
    private static final String NODE1 = "Node 1, zone   Normal     10      5      2      1      0      3      2      1      1      1     50 ";
    private static final String NODE2 = "Node 2, zone   Normal      7      0      2      1      4      0      2      1      1      1     80 ";
    private static final String X86_DMA = "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 ";
    private static final String X86_DMA32 = "Node 0, zone    DMA32      2      3      0      1      1      2      1      1      2      3    225 ";
    private static final String DEVICE = "Node 0, zone   Device      0      0      0      0      0      0      0      0      0      0      0 ";

    private static PhysicalMemory imported(long memoryBytes, String... lines) {
        return HostImport.build(BuddyInfo.parse("buddyinfo", List.of(lines)), memoryBytes,
                HostConfig.builder(memoryBytes), 1);
    }

    private static String squeezed(String text) {
        return text.strip().replaceAll("[ \\t]+", " ").replaceAll(" \\n", "\n");
    }

    private static void printsBack(PhysicalMemory mem, String... lines) {
        assertEquals(squeezed(String.join("\n", lines)), squeezed(BuddyInfo.format(mem)));
    }

    @Test
    void oneNormalZoneImportsAndPrintsBack() {
        PhysicalMemory mem = imported(0, NORMAL);
        printsBack(mem, NORMAL);
        assertEquals(1, mem.zones().size());
        assertEquals(ZoneType.NORMAL, mem.zones().get(0).type());
    }

    @Test
    void memoryGivenOnTheCommandLineGoesToTheZone() {
        PhysicalMemory mem = imported(2L << 30, NORMAL);
        printsBack(mem, NORMAL);
        assertEquals(2L << 30, mem.zones().get(0).spannedPages() * 4096L);
    }

    @Test
    void arm64DmaAndNormalImportAndPrintBack() {
        PhysicalMemory mem = imported(0, ARM_DMA, NORMAL);
        printsBack(mem, ARM_DMA, NORMAL);
        // and the host works: an order-9 allocation is served from the free 4 MiB blocks
        assertTrue(mem.allocate(9, mem.classId(Owner.ANON), 0) >= 0);
    }

    @Test
    void aDumpOfNodesOneAndTwoKeepsTheirNumbers() {
        PhysicalMemory mem = imported(0, NODE1, NODE2);
        printsBack(mem, NODE1, NODE2);
        assertEquals(2, mem.nodes());
        assertEquals(List.of(1, 2), mem.zones().stream().map(ZoneView::procNode).toList());
        assertTrue(PageTypeInfo.format(mem).contains("Node    2, zone   Normal, type    Unmovable"),
                PageTypeInfo.format(mem));
    }

    @Test
    void aDeviceZoneImportsButServesNoAllocation() {
        PhysicalMemory mem = imported(1L << 30, X86_DMA, X86_DMA32, DEVICE);
        printsBack(mem, X86_DMA, X86_DMA32, DEVICE);
        Zone device = mem.zones().get(2);
        assertEquals(ZoneType.DEVICE, device.type());
        int cls = mem.classId(Owner.ANON);
        for (int i = 0; i < 2000; i++) {
            int pfn = mem.allocate(0, cls, 0);
            assertTrue(pfn < 0 || pfn < device.startPfn(), "page " + pfn + " from Device");
        }
        assertEquals(0, device.managedPages());
        assertTrue(BuddyInfo.format(mem).lines().toList().get(2).matches("Node 0, zone +Device( +0){11} *"));
    }

    @Test
    void aDeviceZoneWithFreePagesIsRefusedWithItsReason() {
        String bad = "Node 0, zone   Device      1      0      0      0      0      0      0      0      0      0      0 ";
        ProcParseException e = assertThrows(ProcParseException.class, () -> imported(0, X86_DMA, X86_DMA32, bad));
        assertTrue(e.getMessage().contains("never manages device memory"), e.getMessage());
    }

    @Test
    void anX86DumpKeepsItsX86Layout() {
        PhysicalMemory mem = imported(0, X86_DMA, X86_DMA32);
        printsBack(mem, X86_DMA, X86_DMA32);
        // the DMA32 zone starts at 16 MiB, as on x86-64
        assertEquals(4096, mem.zones().get(1).startPfn());
    }
}
