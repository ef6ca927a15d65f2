package org.contigsim.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each step does and prints, on small hosts. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    /** Runs {@code text} as a script; stdout. */
    String run(String text) throws IOException {
        Path file = dir.resolve("s" + text.hashCode() + ".conf");
        Files.writeString(file, text);
        return run(file);
    }

    static String run(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptRunner.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Parses a JSON output line (strict JSON syntax, so malformed output fails the test). */
    static Config json(String line) {
        return ConfigFactory.parseString(line, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    }

    /** The output lines that are JSON objects of the given step. */
    static List<Config> steps(String output, String step) {
        List<Config> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                Config c = json(line);
                if (c.getString("step").equals(step)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void shouldFreeEveryKthChunkInPhysicalOrderAndRandomFractions() throws IOException {
        String out = run("host { memory = 64MiB }\nsteps = [\n"
                + "  { step = allocate, kind = anon, size = 400KiB, tag = a, report = true }\n"
                + "  { step = free, tag = a, every = 3, report = true }\n"
                + "  { step = free, tag = a, fraction = 0.5, report = true }\n"
                + "  { step = free, tag = a, report = true }\n"
                + "  { step = free, tag = a, report = true }\n]\n");
        assertEquals("{\"step\":\"allocate\",\"tag\":\"a\",\"requested_pages\":100,\"obtained_pages\":100}\n"
                + "{\"step\":\"free\",\"tag\":\"a\",\"freed_pages\":33}\n"
                + "{\"step\":\"free\",\"tag\":\"a\",\"freed_pages\":34}\n"
                + "{\"step\":\"free\",\"tag\":\"a\",\"freed_pages\":33}\n"
                + "{\"step\":\"free\",\"tag\":\"a\",\"freed_pages\":0}\n", out);
    }

    @Test
    void shouldPrintNothingForAnAllocationThatGotEverythingUnlessAsked() throws IOException {
        assertEquals("", run("host { memory = 64MiB }\nsteps = [ { step = allocate, kind = unmovable, size = 1MiB, "
                + "chunk = 64KiB, tag = k } ]\n"));
        String out = run("host { memory = 64MiB }\nsteps = [ { step = allocate, kind = anon, size = 64MiB, "
                + "chunk = 2MiB, tag = c } ]\n");
        Config c = json(out.strip());
        assertEquals(16384, c.getLong("requested_pages"));
        assertTrue(c.getLong("obtained_pages") < 16384 && c.getLong("obtained_pages") % 512 == 0, out);
    }

    @Test
    void shouldGrowTheHugetlbPoolUntilAFailureAndReleaseItUnlessKept() throws IOException {
        String out = run("host { memory = 128MiB }\nsteps = [\n"
                + "  { step = hugepages, max = 5, keep = true }\n"
                + "  { step = print, what = json }\n"
                + "  { step = hugepages }\n"
                + "  { step = print, what = json }\n]\n");
        String[] lines = out.split("\n");
        assertEquals("{\"step\":\"hugepages\",\"obtained\":5}", lines[0]);
        assertEquals(5, json(lines[1]).getConfigList("hugetlb_pools").get(0).getInt("total"));
        assertTrue(lines[2].matches("\\{\"step\":\"hugepages\",\"obtained\":[0-9]+\\}"), lines[2]);
        assertTrue(json(lines[2]).getInt("obtained") > 30, lines[2]);
        assertEquals(5, json(lines[3]).getConfigList("hugetlb_pools").get(0).getInt("total"));
    }

    @Test
    void shouldAllocateGiganticPagesAndContiguousRanges() throws IOException {
        String out = run("host { memory = 6GiB, hugetlb = [ { size = 1GiB, count = 1 } ] }\nsteps = [\n"
                + "  { step = hugepages, size = 1GiB, max = 1 }\n"
                + "  { step = contig, size = 8MiB, tag = r }\n"
                + "  { step = contig, size = 4GiB, tag = huge }\n"
                + "  { step = free, tag = r, report = true }\n"
                + "  { step = print, what = json }\n]\n");
        String[] lines = out.split("\n");
        assertEquals("{\"step\":\"hugepages\",\"size_bytes\":1073741824,\"obtained\":1}", lines[0]);
        Config contig = json(lines[1]);
        assertEquals(8L << 20, contig.getLong("size_bytes"));
        assertTrue(contig.getLong("pfn") >= 0 && contig.getLong("pfn") % 2048 == 0, lines[1]);
        assertEquals("{\"step\":\"contig\",\"tag\":\"huge\",\"size_bytes\":4294967296,\"pfn\":-1}", lines[2]);
        assertEquals("{\"step\":\"free\",\"tag\":\"r\",\"freed_pages\":2048}", lines[3]);
        Config summary = json(lines[4]);
        assertEquals(1, summary.getConfigList("hugetlb_pools").get(0).getInt("total"), "the boot page stays");
        assertEquals(262144, summary.getLong("pages_by_owner.hugetlb"));
    }

    @Test
    void shouldMigratePinnedPagesOutOfZoneMovable() throws IOException {
        String out = run("host { memory = 1GiB, movablecore = 256MiB }\nsteps = [\n"
                + "  { step = allocate, kind = pinned, size = 32MiB, tag = p, report = true }\n"
                + "  { step = allocate, kind = anon, size = 32MiB, tag = a }\n"
                + "  { step = print, what = json }\n]\n");
        String[] lines = out.split("\n");
        assertEquals("{\"step\":\"allocate\",\"tag\":\"p\",\"requested_pages\":8192,\"obtained_pages\":8192}", lines[0]);
        Config summary = json(lines[1]);
        Config movable = summary.getConfigList("zones").get(2);
        assertEquals("Movable", movable.getString("zone"));
        assertEquals(movable.getLong("present_pages") - 8192, movable.getLong("free_pages"),
                "only the unpinned anonymous memory stays in ZONE_MOVABLE");
        assertEquals(8192, summary.getLong("pages_by_tag.p"));
    }

    @Test
    void shouldNotCompactPinnedPages() throws IOException {
        // half the pages freed at random: holes at every other frame would hide from a free
        // scanner whose stride has doubled (FreeScannerTest), as they do from the kernel's
        String script = "host { memory = 128MiB }\nsteps = [\n"
                + "  { step = allocate, kind = anon, size = 64MiB, tag = a }\n"
                + "  { step = free, tag = a, fraction = 0.5 }\n"
                + "  { step = pin, tag = a, report = true }\n"
                + "  { step = compact }\n"
                + "  { step = unpin, tag = a, report = true }\n"
                + "  { step = compact }\n]\n";
        String[] lines = run(script).split("\n");
        assertEquals("{\"step\":\"pin\",\"tag\":\"a\",\"pinned_pages\":8192,\"failed_pages\":0}", lines[0]);
        assertEquals(0, json(lines[1]).getLong("pages_migrated"));
        assertEquals("{\"step\":\"unpin\",\"tag\":\"a\",\"unpinned_pages\":8192}", lines[2]);
        Config compact = json(lines[3]);
        assertTrue(compact.getLong("pages_migrated") > 1000, lines[3]);
        assertEquals(compact.getLong("pages_migrated") * 1000 + compact.getLong("pages_scanned") * 2,
                compact.getLong("nanos"), "simulated cost at the default 1 us per page migrated, 2 ns per page scanned");
    }

    @Test
    void shouldPrintTheKernelsFilesAndAOneLineJsonSummary() throws IOException {
        String out = run("host { memory = 64MiB }\nsteps = [\n"
                + "  { step = print, what = buddyinfo }\n"
                + "  { step = print, what = json }\n]\n");
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].startsWith("Node 0, zone      DMA "), lines[0]);
        assertTrue(lines[1].startsWith("Node 0, zone    DMA32 "), lines[1]);
        Config summary = json(lines[2]);
        assertTrue(lines[2].startsWith("{\"step\":\"print\",\"time_ns\":0,\"total_pages\":16384,\"free_pages\":"), lines[2]);
        List<? extends Config> zones = summary.getConfigList("zones");
        assertEquals(2, zones.size());
        assertEquals(11, zones.get(1).getLongList("free_blocks").size());
        assertEquals(11, zones.get(1).getDoubleList("unusable_index").size());
        assertEquals(-1.0, zones.get(1).getDoubleList("fragmentation_index").get(0));
        assertEquals(List.of("page_cache", "anon", "slab", "slab_reclaimable", "page_table", "net_buffer", "kernel",
                "rdma_buffer", "hugetlb", "reserved"), keysInOrder(lines[2], "pages_by_owner"));
        assertTrue(summary.getLong("largest_contig_range_pages") > 0);
    }

    /** The keys of a JSON object field in the order printed. */
    private static List<String> keysInOrder(String line, String field) {
        int start = line.indexOf("\"" + field + "\":{") + field.length() + 4;
        String body = line.substring(start, line.indexOf('}', start));
        List<String> keys = new ArrayList<>();
        for (String kv : body.split(",")) {
            keys.add(kv.substring(1, kv.indexOf('"', 1)));
        }
        return keys;
    }

    @Test
    void shouldRunABackgroundWorkloadAsSimulatedTimePasses() throws IOException {
        String out = run("host { memory = 256MiB }\nsteps = [\n"
                + "  { step = advance, duration = 3s, workload = fragmenting }\n"
                + "  { step = sleep, duration = 500ms }\n"
                + "  { step = print, what = json }\n]\n");
        Config summary = json(out.strip());
        assertEquals(3_500_000_000L, summary.getLong("time_ns"));
        assertTrue(summary.getLong("pages_by_owner.page_cache") > 0, out);
        assertTrue(summary.getLong("pages_by_owner.anon") > 0, out);
    }

    @Test
    void shouldPrintByteIdenticalOutputForTheSameScriptAndDifferentOutputForAnotherSeed() throws IOException {
        String body = "host { memory = 256MiB, nodes = 2, kernel = \"6.1\" }\nsteps = [\n"
                + "  { step = advance, duration = 2s, workload = fragmenting }\n"
                + "  { step = repeat, times = 3, steps = [\n"
                + "    { step = allocate, kind = anon, size = 8MiB, chunk = 16KiB, tag = a, node = 1 }\n"
                + "    { step = allocate, kind = reclaimable, size = 256KiB, tag = r }\n"
                + "  ] }\n"
                + "  { step = free, tag = a, fraction = 0.3, report = true }\n"
                + "  { step = free, tag = r, every = 5, report = true }\n"
                + "  { step = compact }\n"
                + "  { step = hugepages }\n"
                + "  { step = contig, size = 4MiB, tag = c }\n"
                + "  { step = print, what = pagetypeinfo }\n"
                + "  { step = print, what = extfrag-index }\n"
                + "  { step = print, what = json }\n]\n";
        String first = run("seed = 5\n" + body);
        String again = run("seed = 5\n" + body + "\n");
        assertEquals(first, again);
        assertNotEquals(first, run("seed = 6\n" + body));
    }
}
