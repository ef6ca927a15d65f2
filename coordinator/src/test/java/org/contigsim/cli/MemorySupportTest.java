package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.junit.jupiter.api.Test;
import org.contigsim.runtime.Progress;
import org.contigsim.runtime.UsageException;

/** The helpers behind {@code contigsim memory}: flag syntaxes, progress text, the script's output stream. */
class MemorySupportTest {

    @Test
    void hugepagesParsesSizeCountPairs() {
        List<HostConfig.HugetlbReservation> r = HostFlags.hugepages("2MiB:512, 1GiB:4");
        assertEquals(List.of(new HostConfig.HugetlbReservation(2L << 20, 512),
                new HostConfig.HugetlbReservation(1L << 30, 4)), r);
        assertEquals(List.of(new HostConfig.HugetlbReservation(2L << 20, 0)), HostFlags.hugepages("2m:0"));
    }

    @Test
    void hugepagesRejectsBadSyntax() {
        for (String bad : List.of("", "2MiB", "2MiB:", ":4", "2MiB:4:1", "2MiB:-1", "2MiB:1.5", "4KiB:1", "3MiB:1",
                "2MiB:1,", "2MiB:99999999999", "2MiB:1,2MiB:1")) {
            UsageException e = assertThrows(UsageException.class, () -> HostFlags.hugepages(bad), bad);
            assertEquals("--hugepages: ", e.getMessage().substring(0, 13), e.getMessage());
        }
    }

    @Test
    void protectOrdersParsesOrderCountPairs() {
        long[] expected = new long[11];
        expected[9] = 4;
        expected[10] = 2;
        assertArrayEquals(expected, HostFlags.protectOrders("9:4,10:2"));
        assertArrayEquals(new long[11], HostFlags.protectOrders("0:0"));
    }

    @Test
    void protectOrdersRejectsBadSyntax() {
        for (String bad : List.of("", "9", "9:", "x:1", "11:1", "9:-1", "9:1,9:2", "9:1,,10:1", "99999999999999999999:1")) {
            UsageException e = assertThrows(UsageException.class, () -> HostFlags.protectOrders(bad), bad);
            assertEquals("--protect-orders: ", e.getMessage().substring(0, 18), e.getMessage());
        }
    }

    @Test
    void kernelAndProactiveness() {
        assertEquals(KernelVersion.V6_1, new Choices.Kernel().convert(" 6.1"));
        UsageException e = assertThrows(UsageException.class, () -> new Choices.Kernel().convert("6.2"));
        assertEquals("--kernel: unknown kernel version '6.2' (known: 6.1, 6.15)", e.getMessage());
        assertEquals(0, HostFlags.proactiveness(0));
        assertEquals(100, HostFlags.proactiveness(100));
        assertThrows(UsageException.class, () -> HostFlags.proactiveness(101));
    }

    @Test
    void modelMessagesNameTheirFlag() {
        assertEquals("--movablecore/--cma",
                HostFlags.flagFor("movablecore and CMA together must be less than half of memory", "x"));
        assertEquals("--movablecore", HostFlags.flagFor("movablecore takes more than half of node 0's Normal zone", "x"));
        assertEquals("--cma", HostFlags.flagFor("CMA area does not fit in node 0's Normal zone", "x"));
        assertEquals("--hugepages", HostFlags.flagFor("boot hugetlb reservation of 4 x 1024 MiB pages does not fit", "x"));
        assertEquals("--nodes", HostFlags.flagFor("nodes must be 1..64, not 0", "x"));
        assertEquals("--memory/--nodes", HostFlags.flagFor("each NUMA node needs at least 64 MiB", "x"));
        assertEquals("--memory", HostFlags.flagFor("memory must be at least 32 MiB", "x"));
        assertEquals("x", HostFlags.flagFor("something else", "x"));
    }

    @Test
    void progressDurations() {
        assertEquals("0s", Progress.duration(0));
        assertEquals("500ms", Progress.duration(500_000_000L));
        assertEquals("10m", Progress.duration(600_000_000_000L));
        assertEquals("2h10m", Progress.duration(7_800_000_000_000L));
        assertEquals("1d2h", Progress.duration(93_600_000_000_000L));
    }

    @Test
    void scriptStreamDecodesCharactersSplitAcrossWritesAndLeavesTheWriterOpen() {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        PrintStream os = MemoryCommand.printStream(out);
        byte[] bytes = "zone Normal: 4 MiB – ok ✓\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            os.write(b);
            os.flush();
        }
        os.close();
        out.print("after");
        out.flush();
        assertFalse(out.checkError(), "picocli's writer is still open");
        assertEquals("zone Normal: 4 MiB – ok ✓\nafter", sink.toString());

        StringWriter sink2 = new StringWriter();
        PrintWriter out2 = new PrintWriter(sink2);
        PrintStream ps = MemoryCommand.printStream(out2);
        String big = "x".repeat(20_000) + "é";
        ps.println(big);
        ps.close();
        out2.flush();
        assertEquals(big + System.lineSeparator(), sink2.toString());
    }
}
