package org.contigsim.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.hocon.InputException;
import org.contigsim.procfs.ProcDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts that start from a real machine's state: an imported /proc dump, by the script or by the command line. */
class ScriptImportTest {
    /** A Debian 6.1 guest with 1 GiB, right after boot (kernel test resources). */
    private static final String BOOT = "/proc-samples/linux-6.1-1g-boot";

    @TempDir
    Path dir;

    private Path copy(String resource, String name) throws IOException {
        try (InputStream in = ScriptImportTest.class.getResourceAsStream(resource)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private String run(Path script, ScriptParser.Start start) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptRunner.run(script, start, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String squeeze(String procText) {
        return procText.strip().replaceAll("[ \\t]+", " ").replaceAll(" \\n", "\n");
    }

    @Test
    void aScriptBootsIntoItsImportAndPrintsTheSameFreeBlocksBack() throws IOException {
        Path buddy = copy(BOOT + ".buddyinfo", "buddyinfo");
        copy(BOOT + ".pagetypeinfo", "pagetypeinfo");
        Path script = dir.resolve("s.conf");
        Files.writeString(script, "host { memory = 1GiB, kernel = \"6.1\" }\n"
                + "import { buddyinfo = buddyinfo, pagetypeinfo = pagetypeinfo }\n"
                + "steps = [ { step = print, what = buddyinfo } ]\n");
        assertEquals(squeeze(Files.readString(buddy)), squeeze(run(script, null)));
    }

    @Test
    void theCommandLinesDumpTakesThePlaceOfTheScriptsOwn() throws IOException {
        Path buddy = copy(BOOT + ".buddyinfo", "buddyinfo");
        Path types = copy(BOOT + ".pagetypeinfo", "pagetypeinfo");
        Path script = dir.resolve("s.conf");
        // no memory: the size is the one the dump's zones imply, or the command line's
        Files.writeString(script, "host { kernel = \"6.1\" }\nsteps = [ { step = hugepages }, { step = print, what = buddyinfo } ]\n");
        ProcDump dump = new ProcDump(buddy.toString(), Files.readString(buddy), types.toString(),
                Files.readString(types));
        String viaFlags = run(script, new ScriptParser.Start(dump, 1L << 30));

        Path withImport = dir.resolve("i.conf");
        Files.writeString(withImport, "host { memory = 1GiB, kernel = \"6.1\" }\n"
                + "import { buddyinfo = buddyinfo, pagetypeinfo = pagetypeinfo }\n"
                + "steps = [ { step = hugepages }, { step = print, what = buddyinfo } ]\n");
        assertEquals(run(withImport, null), viaFlags);
        assertTrue(viaFlags.startsWith("{\"step\":\"hugepages\""), viaFlags);
    }

    @Test
    void aMissingDumpFileIsAnErrorAtItsKey() throws IOException {
        Path script = dir.resolve("s.conf");
        Files.writeString(script, "host { memory = 1GiB }\nimport {\n  buddyinfo = nope.txt\n}\nsteps = []\n");
        InputException e = assertThrows(InputException.class, () -> ScriptParser.parse(script));
        assertTrue(e.getMessage().startsWith(script + ":3: import.buddyinfo: cannot read "), e.getMessage());
    }

    @Test
    void aScriptWithoutAnImportStillNeedsItsMemory() throws IOException {
        Path script = dir.resolve("s.conf");
        Files.writeString(script, "host { kernel = \"6.1\" }\nsteps = []\n");
        InputException e = assertThrows(InputException.class, () -> ScriptParser.parse(script));
        assertEquals(script + ": host.memory: missing (the host's RAM, e.g. memory = 4GiB)", e.getMessage());
    }
}
