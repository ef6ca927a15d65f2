package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.InputException;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.script.Script;
import org.contigsim.script.ScriptParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One host block, read the same by scenarios and memory scripts. */
class HostBlockTest {
    private static final String SYSCTLS = "min-free-kbytes = 8192, watermark-scale-factor = 200, "
            + "watermark-boost-factor = 0, extfrag-threshold = 400, direct-compaction = false";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aScenarioAndAScriptGiveTheSameHostForTheSameBlock() throws IOException {
        String block = "host { memory = 2GiB, nodes = 2, kernel = \"6.1\", " + SYSCTLS + " }\n";
        Scenario scenario = ScenarioParser.parse(write("s.conf", "hosts = 2\nduration = 1h\n" + block));
        Script script = ScriptParser.parse(write("m.conf", block + "steps = []\n"));

        HostConfig fromScenario = scenario.host().builder().build();
        HostConfig fromScript = script.host().spec().builder().build();
        assertEquals(2L << 30, fromScript.memoryBytes());
        assertEquals(2, fromScript.nodes());
        assertEquals(KernelVersion.V6_1, fromScript.kernel());
        assertEquals(8192, fromScript.minFreeKbytes());
        assertEquals(200, fromScript.watermarkScaleFactor());
        assertEquals(0, fromScript.watermarkBoostFactor());
        assertEquals(400, fromScript.extfragThreshold());
        assertEquals(false, fromScript.directCompaction());
        assertEquals(fromScript.toString().replaceAll("\\[J@[0-9a-f]+", ""),
                fromScenario.toString().replaceAll("\\[J@[0-9a-f]+", ""));
    }

    @Test
    void aScenarioLeavesTheReservationsToItsBufferPolicy() throws IOException {
        Path file = write("s.conf", "hosts = 1\nduration = 1h\nhost {\n  memory = 2GiB\n  cma = 64MiB\n}\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioParser.parse(file));
        assertEquals(file + ":5: host.cma: unknown key (known: direct-compaction, extfrag-threshold, kernel, memory, "
                + "min-free-kbytes, nic, nodes, watermark-boost-factor, watermark-scale-factor)", e.getMessage());
    }

    @Test
    void aClassInheritsTheTopLevelSysctlsAndTheRenderedScenarioReadsBackEqual() throws IOException {
        Scenario s = ScenarioParser.parse(write("c.conf", "hosts = 3\nduration = 1h\n"
                + "host { memory = 1GiB, watermark-scale-factor = 150 }\n"
                + "classes {\n  big { count = 1, host { memory = 2GiB, extfrag-threshold = 300 } }\n}\n"));
        HostSpec big = s.classes().stream().filter(c -> c.name().equals("big")).findFirst().orElseThrow().host();
        assertEquals(150, big.tuning().watermarkScaleFactor());
        assertEquals(300, big.tuning().extfragThreshold());
        assertEquals(null, s.host().tuning().extfragThreshold());

        String text = s.render();
        assertTrue(text.contains("  watermark-scale-factor = 150\n"), text);
        assertEquals(s, ScenarioParser.parse(write("again.conf", text)));
    }

    @Test
    void aHostWithoutSysctlsRendersAsBefore() throws IOException {
        Scenario s = ScenarioParser.parse(write("p.conf", "hosts = 2\nduration = 1h\n"));
        assertTrue(s.render().contains("host {\n  memory = 64GiB\n  nodes = 1\n  kernel = \"6.15\"\n"
                + "  nic = \"connectx5-edr\"\n}\n"), s.render());
        assertEquals(HostSpec.Tuning.NONE, s.host().tuning());
    }

    @Test
    void aScriptMayIncludeItsHostFromAnotherFile() throws IOException {
        write("host.conf", "host {\n  memory = 512MiB\n  hugetlb = [ { size = 2MiB, count = 8 } ]\n}\n");
        Script script = ScriptParser.parse(write("m.conf", "include \"host.conf\"\nsteps = []\n"));
        assertEquals(512L << 20, script.host().spec().builder().build().memoryBytes());
        assertEquals(List.of(new HostConfig.HugetlbReservation(2L << 20, 8)), script.host().spec().builder().build().hugetlb());
    }

    @Test
    void aBadValueInAnIncludedHostNamesTheIncludedFile() throws IOException {
        Path host = write("host.conf", "host {\n  memory = 512MiB\n  watermark-scale-factor = 5000\n}\n");
        Path script = write("m.conf", "include \"host.conf\"\nsteps = []\n");
        InputException e = assertThrows(InputException.class, () -> ScriptParser.parse(script));
        assertEquals(host + ":3: host.watermark-scale-factor: 5000 is out of range (1 to 3000)", e.getMessage());
    }
}
