package org.contigsim.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An allocation may name the highest zone it may use, as a GFP zone modifier does (gfp_zone). */
class ScriptZoneTest {
    @TempDir
    Path dir;

    private List<String> run(String text) throws IOException {
        Path file = dir.resolve("z.conf");
        Files.writeString(file, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptRunner.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Free pages per zone name from a {@code print json} line. */
    private static long free(String json, String zone) {
        for (Config z : ConfigFactory.parseString(json).getConfigList("zones")) {
            if (z.getString("zone").equals(zone)) {
                return z.getLong("free_pages");
            }
        }
        throw new AssertionError("no zone " + zone + " in " + json);
    }

    @Test
    void aDma32RequestTakesNothingFromNormal() throws IOException {
        List<String> out = run("host { memory = 8GiB }\nsteps = [\n"
                + "  { step = print, what = json }\n"
                + "  { step = allocate, kind = anon, size = 64MiB, tag = a, zone = DMA32 }\n"
                + "  { step = print, what = json }\n]\n");
        assertEquals(free(out.get(0), "Normal"), free(out.get(1), "Normal"));
        assertEquals(free(out.get(0), "DMA32") - 16384, free(out.get(1), "DMA32"));
    }

    @Test
    void aDmaRequestStopsWhenTheDmaZoneIsSpent() throws IOException {
        List<String> out = run("host { memory = 1GiB }\nsteps = [\n"
                + "  { step = allocate, kind = unmovable, size = 32MiB, tag = d, zone = DMA }\n]\n");
        Config line = ConfigFactory.parseString(out.get(0));
        assertEquals("allocate", line.getString("step"));
        long got = line.getLong("obtained_pages");
        // ZONE_DMA is the first 16 MiB: less than 4096 pages, most of them
        assertTrue(got > 3000 && got < 4096, "obtained " + got);
    }

    @Test
    void onlyMovableKindsMayNameZoneMovableAndTheNamesAreTheKernels() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "host { memory = 1GiB }\nsteps = [\n"
                + "  { step = allocate, kind = unmovable, size = 4KiB, tag = k, zone = Movable }\n]\n");
        InputException e = assertThrows(InputException.class, () -> ScriptParser.parse(file));
        assertEquals(file + ":3: steps[0].zone: only movable kinds (anon, page-cache) may use ZONE_MOVABLE, "
                + "not unmovable", e.getMessage());
        Files.writeString(file, "host { memory = 1GiB }\nsteps = [\n"
                + "  { step = allocate, kind = anon, size = 4KiB, tag = k, zone = HighMem }\n]\n");
        InputException named = assertThrows(InputException.class, () -> ScriptParser.parse(file));
        assertEquals(file + ":3: steps[0].zone: \"HighMem\" is not a zone (known: DMA, DMA32, Normal, Movable)",
                named.getMessage());
    }
}
