package org.contigsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.InputException;
import org.contigsim.memory.KernelVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel-lab runs read, translated to memory scripts and compared with what the guest got. */
class LabComparisonTest {
    /** A real run: Debian's 6.1.0-57 in qemu, 1 GiB, 1 CPU, the lab's quick workload. */
    private static final String QUICK = "/kernel-lab/6.1-1G-1cpu-quick/";

    @TempDir
    Path out;
    private Path run;

    @BeforeEach
    void copyTheRealRun() throws IOException {
        run = out.resolve("6.1-1G-1cpu-quick");
        Files.createDirectories(run.resolve("boot"));
        for (String f : List.of("run.properties", "trace.txt", "boot/buddyinfo", "boot/pagetypeinfo")) {
            try (InputStream in = LabComparisonTest.class.getResourceAsStream(QUICK + f)) {
                Files.write(run.resolve(f), in.readAllBytes());
            }
        }
    }

    private void trace(String... lines) throws IOException {
        Files.writeString(run.resolve("trace.txt"), "@@lab kernel 6.1.0-57-amd64\n" + String.join("\n", lines)
                + "\n@@lab done\n");
    }

    @Test
    void aRunIsReadWithItsResolvedStepsAndEvents() {
        LabRun r = LabRun.read(run);
        assertEquals("6.1", r.kernel());
        assertEquals(1L << 30, r.memoryBytes());
        assertEquals(1, r.cpus());
        assertTrue(r.ok());
        assertEquals(new LabRun.Step(1, "anon 49085 fill"), r.steps().get(0));
        assertEquals(List.of("thp t asked 23 got 23", "hugepages 2048 asked 95 got 95"), r.events());
    }

    @Test
    void eachLabStepBecomesTheScriptStepThatDoesTheSame() {
        String script = LabScript.of(LabRun.read(run), KernelVersion.V6_1);
        assertTrue(script.contains("host { memory = 1GiB, kernel = \"6.1\" }\n"
                + "import { buddyinfo = \"boot/buddyinfo\", pagetypeinfo = \"boot/pagetypeinfo\" }\n"), script);
        assertTrue(script.contains("{ step = allocate, kind = anon, size = 196340KiB, tag = \"fill\" }"), script);
        assertTrue(script.contains("{ step = allocate, kind = unmovable, size = 19632KiB, tag = \"pin\" }"), script);
        assertTrue(script.contains("{ step = free, tag = \"fill\", every = 2 }"), script);
        // 23 huge pages as the guest got them: 23 x 2 MiB, nothing left at 4 KiB
        assertTrue(script.contains("{ step = allocate, kind = anon, size = 46MiB, chunk = 2MiB, tag = \"t\" }"), script);
        assertTrue(script.contains("{ step = allocate, kind = page-cache, size = 49084KiB, tag = \"file\" }"), script);
        assertTrue(script.contains("{ step = hugepages, size = 2MiB, max = 95 }"), script);
    }

    @Test
    void theQuickRunAgreesWithTheModel() {
        LabComparison.Result r = LabComparison.compare(List.of(run), LabComparison.DEFAULT_MODELS);
        assertEquals(1, r.rows().size());
        assertEquals(95, r.rows().get(0).real());
        assertEquals(95, r.rows().get(0).simulated());
        assertTrue(Files.exists(run.resolve("sim.conf")) && Files.exists(run.resolve("sim.out")));
        assertEquals(0.0, r.byKernel().get("6.1").mape());
    }

    @Test
    void aKeptRequestSetsThePoolAndAReleaseIsNotCompared() throws IOException {
        trace("@@lab step 1 anon 150000 fill", "@@lab step 2 free fill every 2",
                "@@lab step 3 hugepages 2048 512 keep", "@@lab event hugepages 2048 asked 512 got 100",
                "@@lab step 4 hugepages 2048 0", "@@lab event hugepages 2048 asked 0 got 0",
                "@@lab step 5 free fill all", "@@lab step 6 hugepages 2048 512",
                "@@lab event hugepages 2048 asked 512 got 400");
        String script = LabScript.of(LabRun.read(run), KernelVersion.V6_1);
        assertTrue(script.contains("{ step = hugepages, size = 2MiB, pool = 512 }"), script);
        assertTrue(script.contains("{ step = hugepages, size = 2MiB, pool = 0 }"), script);
        assertTrue(script.contains("{ step = hugepages, size = 2MiB, max = 512 }"), script);

        LabComparison.Result r = LabComparison.compare(List.of(run), LabComparison.DEFAULT_MODELS);
        assertEquals(List.of("3: hugepages 2048 512 keep", "6: hugepages 2048 512"),
                r.rows().stream().map(LabComparison.Row::step).toList());
        assertEquals(100, r.rows().get(0).real());
        assertEquals(400, r.rows().get(1).real());
        // every other 4 KiB page of 585 MiB taken leaves few 2 MiB blocks; freed, most are back
        assertTrue(r.rows().get(0).simulated() < r.rows().get(1).simulated(), r.rows().toString());
    }

    @Test
    void repeatedBootsOfOneConfigurationAreComparedByTheirMean() throws IOException {
        Path again = out.resolve("6.1-1G-1cpu-quick-r2");
        Path first = out.resolve("6.1-1G-1cpu-quick-r1");
        Files.move(run, first);
        copyTheRealRun();
        Files.move(run, again);
        Files.writeString(again.resolve("trace.txt"), Files.readString(again.resolve("trace.txt"))
                .replace("asked 95 got 95", "asked 95 got 85"));

        LabComparison.Result r = LabComparison.compare(List.of(first, again), LabComparison.DEFAULT_MODELS);
        assertEquals(1, r.cells().size());
        LabComparison.Cell c = r.cells().get(0);
        assertEquals("6.1-1G-1cpu-quick", c.config());
        assertEquals(90.0, c.realMean());
        assertEquals(95.0, c.simulatedMean());
        assertEquals(100.0 * 5 / 90, r.byKernel().get("6.1").mape(), 1e-9);
        assertTrue(LabComparison.table(r).contains("90 (85-95)"), LabComparison.table(r));
    }

    @Test
    void aFailedRunIsSkippedWithItsReason() throws IOException {
        Files.writeString(run.resolve("run.properties"),
                Files.readString(run.resolve("run.properties")).replace("status=ok", "status=failed"));
        LabComparison.Result r = LabComparison.compare(List.of(run), LabComparison.DEFAULT_MODELS);
        assertEquals(List.of(), r.rows());
        assertEquals(List.of("6.1-1G-1cpu-quick: the guest did not finish (status failed)"), r.skipped());
    }

    @Test
    void aDamagedTraceNamesTheFileAndStep() throws IOException {
        trace("@@lab step 1 anon lots fill");
        InputException e = assertThrows(InputException.class,
                () -> LabComparison.compare(List.of(run), LabComparison.DEFAULT_MODELS));
        assertEquals(run.resolve("trace.txt") + ": step 1 'anon lots fill': expected 'anon PAGES TAG' with PAGES resolved",
                e.getMessage());
    }
}
