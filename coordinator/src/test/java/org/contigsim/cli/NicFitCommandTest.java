package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.cli.MemoryCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NicFitCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldFitTheShippedTableToTheShippedValues() throws IOException {
        Path svg = dir.resolve("fit.svg");
        Run r = MemoryCommandTest.run("nic-fit", "--svg", svg.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("engine.requester-ns = 136.1\n"), r.out());
        assertTrue(r.out().contains("translation.hit-ns = 80.2\n"), r.out());
        assertTrue(r.out().contains("| 8,388,608 | 9,199.97 |"), r.out());
        String chart = Files.readString(svg);
        assertTrue(chart.startsWith("<svg ") && chart.strip().endsWith("</svg>"));
        assertEquals(List.of("fit.svg"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void shouldFitAnotherTable() throws IOException {
        // a device 10% faster everywhere: the fit follows it
        StringBuilder table = new StringBuilder("size_bytes,memalign_mib_s,contiguous_mib_s\n");
        for (String line : Files.readAllLines(Path.of("../kernel/src/main/resources/org/contigsim/nic/"
                + "connectx5-edr-ib_read_bw.csv"))) {
            if (!line.startsWith("#") && !line.startsWith("size")) {
                String[] f = line.split(",");
                table.append(f[0]).append(',').append(Double.parseDouble(f[1]) * 1.1).append(',')
                        .append(Double.parseDouble(f[2]) * 1.1).append('\n');
            }
        }
        Path csv = dir.resolve("faster.csv");
        Files.writeString(csv, table);
        Run r = MemoryCommandTest.run("nic-fit", "--table", csv.toString());
        assertEquals(0, r.exit(), r.err());
        String mae = r.outLines().get(r.outLines().size() - 1);
        assertTrue(mae.startsWith("Mean absolute error: memalign 1."), mae);
    }

    @Test
    void shouldNameTheFileAndLineOfABadRow() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "2,8.7,10.6\n8,35.6,-1\n");
        Run r = MemoryCommandTest.run("nic-fit", "--table", csv.toString());
        assertEquals(2, r.exit());
        assertEquals(List.of("contigsim: " + csv + ":2: contiguous_mib_s: '-1' is not a positive number"), r.errLines());
        Run missing = MemoryCommandTest.run("nic-fit", "--table", dir.resolve("none.csv").toString());
        assertEquals(List.of("contigsim: --table: " + dir.resolve("none.csv") + ": no such file"), missing.errLines());
    }
}
