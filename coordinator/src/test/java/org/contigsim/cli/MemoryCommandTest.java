package org.contigsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.contigsim.memory.MemoryStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.contigsim.singlehost.MemoryJson;

class MemoryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one {@link Main#run} printed. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }

    static String[] memory(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "memory";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static List<String> zoneNames(String buddyinfo) {
        List<String> names = new ArrayList<>();
        for (String line : buddyinfo.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            names.add(f[0] + " " + f[1] + " " + f[3]); // "Node 0, Normal"
        }
        return names;
    }

    // ---------------------------------------------------------------- output

    @Test
    void freshOneGibHostHasOnlyDmaAndDma32() {
        Run r = run(memory("--memory", "1GiB"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Node 0, DMA", "Node 0, DMA32"), zoneNames(r.out()));
        for (String line : r.outLines()) {
            assertEquals(11, line.trim().split("\\s+").length - 4, line);
        }
        assertEquals("", r.err());
    }

    @Test
    void defaultHostIsEightGibWithDmaDma32AndNormal() {
        Run r = run(memory());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Node 0, DMA", "Node 0, DMA32", "Node 0, Normal"), zoneNames(r.out()));
        assertEquals(r.out(), run(memory("--memory", "8GiB", "--format", "buddyinfo")).out());
    }

    @Test
    void secondNodeHoldsOnlyNormal() {
        Run r = run(memory("--memory", "8GiB", "--nodes", "2"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Node 0, DMA", "Node 0, DMA32", "Node 0, Normal", "Node 1, Normal"), zoneNames(r.out()));
    }

    @Test
    void movablecoreAddsMovableZone() {
        Run r = run(memory("--memory", "8GiB", "--movablecore", "2GiB"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Node 0, DMA", "Node 0, DMA32", "Node 0, Normal", "Node 0, Movable"), zoneNames(r.out()));
    }

    @Test
    void pagetypeinfoAndIndexFormats() {
        Run p = run(memory("--memory", "1GiB", "--format", "pagetypeinfo"));
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().startsWith("Page block order: 9\nPages per block:  512\n"), p.out());
        assertTrue(p.out().contains("Number of blocks type"), p.out());
        Run u = run(memory("--memory", "1GiB", "--format", "unusable_index"));
        assertEquals(2, u.outLines().size(), u.out());
        Run e = run(memory("--memory", "1GiB", "--format", "extfrag_index"));
        assertEquals(2, e.outLines().size(), e.out());
    }

    @Test
    void jsonHasTheRequiredFields() throws IOException {
        Run r = run(memory("--memory", "8GiB", "--hugepages", "2MiB:16,1GiB:1", "--cma", "64MiB", "--format", "json"));
        assertEquals(0, r.exit(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(8L << 30, root.get("memory_bytes").asLong());
        assertEquals(1, root.get("nodes").asInt());
        assertEquals("6.15", root.get("kernel").asText());
        assertEquals(1, root.get("seed").asLong());
        assertEquals("fragmenting", root.get("workload").asText());
        assertEquals(0, root.get("uptime_seconds").asLong());
        assertEquals(1024, root.get("largest_free_block_pages").asLong());
        assertTrue(root.get("largest_contig_range_pages").asLong() > 0);
        for (String t : List.of("Unmovable", "Movable", "Reclaimable")) {
            assertTrue(root.get("pages_by_migratetype").has(t), t);
        }
        assertTrue(root.get("pages_by_owner").get("reserved").asLong() > 0);
        assertEquals((16L << 9) + (1L << 18), root.get("pages_by_owner").get("hugetlb").asLong());
        JsonNode pools = root.get("hugetlb");
        assertEquals(2, pools.size());
        assertEquals(2L << 20, pools.get(0).get("page_bytes").asLong());
        assertEquals(16, pools.get(0).get("total").asInt());
        assertEquals(16, pools.get(0).get("free").asInt());
        assertEquals(1L << 30, pools.get(1).get("page_bytes").asLong());
        assertEquals(1, pools.get(1).get("total").asInt());
        for (Field f : MemoryStats.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())) {
                assertTrue(root.get("stats").has(MemoryJson.snakeCase(f.getName())), f.getName());
            }
        }
        assertTrue(root.get("stats").has("pages_migrated"));

        JsonNode zones = root.get("zones");
        assertEquals(3, zones.size());
        String[] names = {"DMA", "DMA32", "Normal"};
        for (int i = 0; i < zones.size(); i++) {
            JsonNode z = zones.get(i);
            assertEquals(0, z.get("node").asInt());
            assertEquals(names[i], z.get("zone").asText());
            for (String key : List.of("free_blocks", "unusable_index", "fragmentation_index")) {
                assertEquals(11, z.get(key).size(), key);
                z.get(key).forEach(v -> assertTrue(v.isIntegralNumber(), key));
            }
            for (String key : List.of("start_pfn", "spanned_pages", "managed_pages", "free_pages")) {
                assertTrue(z.get(key).isIntegralNumber(), key);
            }
            JsonNode wm = z.get("watermarks");
            assertTrue(wm.get("min").asLong() <= wm.get("low").asLong());
            assertTrue(wm.get("low").asLong() <= wm.get("high").asLong());
            JsonNode byType = z.get("free_blocks_by_type");
            assertTrue(byType.has("CMA"), "CMA is listed when configured");
            long[] sum = new long[11];
            byType.forEach(counts -> {
                assertEquals(11, counts.size());
                for (int o = 0; o < 11; o++) {
                    sum[o] += counts.get(o).asLong();
                }
            });
            for (int o = 0; o < 11; o++) {
                assertEquals(z.get("free_blocks").get(o).asLong(), sum[o], "order " + o);
            }
            assertTrue(z.get("pageblocks_by_type").has("Movable"));
        }
        // a freshly booted zone keeps all its free memory in order-10 blocks
        JsonNode normal = zones.get(2);
        assertEquals(0, normal.get("unusable_index").get(10).asInt());
        assertEquals(-1000, normal.get("fragmentation_index").get(10).asInt());
        assertEquals(0, zones.get(0).get("start_pfn").asInt());
    }

    @Test
    void sameArgumentsGiveTheSameBytes() {
        String[] a = memory("--memory", "512MiB", "--uptime", "3m", "--seed", "7", "--format", "json", "-q");
        Run first = run(a);
        assertEquals(0, first.exit(), first.err());
        assertEquals(first.out(), run(a).out());
        assertTrue(first.out().contains("\"uptime_seconds\": 180,"), first.out());
        assertEquals("", first.err());
    }

    @Test
    void otherSeedsGiveOtherHosts() {
        Run seven = run(memory("--memory", "512MiB", "--uptime", "3m", "--seed", "7", "-q"));
        Run eight = run(memory("--memory", "512MiB", "--uptime", "3m", "--seed", "8", "-q"));
        assertEquals(0, eight.exit(), eight.err());
        assertNotEquals(seven.out(), eight.out());
        assertEquals(zoneNames(seven.out()), zoneNames(eight.out()));
    }

    @Test
    void idleWorkloadLeavesTheBootState() {
        Run booted = run(memory("--memory", "1GiB"));
        Run idle = run(memory("--memory", "1GiB", "--workload", "idle", "--uptime", "1h"));
        assertEquals(0, idle.exit(), idle.err());
        assertEquals(booted.out(), idle.out());
    }

    @Test
    void helpDescribesTheModes() {
        Run r = run(memory("--help"));
        assertEquals(0, r.exit());
        for (String s : List.of("--replay", "--script", "--from-buddyinfo", "--pagetypeinfo", "--uptime", "--format")) {
            assertTrue(r.out().contains(s), s);
        }
        assertEquals(r.out(), run("help", "memory").out());
    }

    // ---------------------------------------------------------------- bad input

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--memory", "8.5KiB"), "contigsim: --memory: "),
                Arguments.of(List.of("--memory", "4097"), "contigsim: --memory: "),
                Arguments.of(List.of("--memory", "8GB"), "contigsim: --memory: "),
                Arguments.of(List.of("--memory", "8TiB"), "contigsim: --memory: "),
                Arguments.of(List.of("--memory", "16MiB"), "contigsim: --memory: "),
                Arguments.of(List.of("--memory", "128MiB", "--nodes", "4"), "contigsim: --memory/--nodes: "),
                Arguments.of(List.of("--nodes", "0"), "contigsim: --nodes: "),
                Arguments.of(List.of("--nodes", "65"), "contigsim: --nodes: "),
                Arguments.of(List.of("--nodes", "two"), "contigsim: "),
                Arguments.of(List.of("--workload", "bursty"), "contigsim: --workload: unknown workload 'bursty'"),
                Arguments.of(List.of("--format", "xml"), "contigsim: --format: unknown format 'xml'"),
                Arguments.of(List.of("--kernel", "5.4"), "contigsim: --kernel: "),
                Arguments.of(List.of("--uptime", "-5m"), "contigsim: --uptime: "),
                Arguments.of(List.of("--uptime", "5 fortnights"), "contigsim: --uptime: "),
                Arguments.of(List.of("--seed", "x"), "contigsim: "),
                Arguments.of(List.of("--movablecore", "6GiB"), "contigsim: --movablecore/--cma: "),
                Arguments.of(List.of("--movablecore", "1KiB"), "contigsim: --movablecore: "),
                Arguments.of(List.of("--cma", "100"), "contigsim: --cma: "),
                Arguments.of(List.of("--memory", "1GiB", "--cma", "900MiB"), "contigsim: --movablecore/--cma: "),
                Arguments.of(List.of("--hugepages", "2MiB"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "2MiB:x"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "3MiB:4"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "1MiB:4"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "2MiB:1,,1GiB:1"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "2MiB:1,2MiB:2"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--hugepages", "1GiB:100"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--memory", "1GiB", "--hugepages", "2MiB:10000"), "contigsim: --hugepages: "),
                Arguments.of(List.of("--protect-orders", "11:1"), "contigsim: --protect-orders: "),
                Arguments.of(List.of("--protect-orders", "9"), "contigsim: --protect-orders: "),
                Arguments.of(List.of("--protect-orders", "9:-1"), "contigsim: --protect-orders: "),
                Arguments.of(List.of("--protect-orders", "9:1,9:2"), "contigsim: --protect-orders: "),
                Arguments.of(List.of("--proactiveness", "101"), "contigsim: --proactiveness: "),
                Arguments.of(List.of("--proactiveness", "-1"), "contigsim: --proactiveness: "),
                Arguments.of(List.of("--bogus"), "contigsim: "),
                Arguments.of(List.of("--replay", "a.csv", "--script", "b.txt"),
                        "contigsim: --replay and --script cannot be combined"),
                Arguments.of(List.of("--replay", "a.csv", "--from-buddyinfo", "b.txt"),
                        "contigsim: --replay and --from-buddyinfo cannot be combined"),
                Arguments.of(List.of("--script", "a.txt", "--memory", "1GiB"),
                        "contigsim: --script takes --memory only with --from-buddyinfo (the imported host's RAM; "
                                + "otherwise the script's host block sets it)"),
                Arguments.of(List.of("--script", "a.txt", "--pagetypeinfo", "b.txt"),
                        "contigsim: --pagetypeinfo needs --from-buddyinfo (the same host's /proc/buddyinfo)"),
                Arguments.of(List.of("--script", "a.txt", "--nodes", "2"),
                        "contigsim: --script cannot be combined with --nodes (the script sets up its own hosts)"),
                Arguments.of(List.of("--replay", "a.csv", "--format", "json"),
                        "contigsim: --replay cannot be combined with --format"),
                Arguments.of(List.of("--replay", "a.csv", "--uptime", "1h"),
                        "contigsim: --replay cannot be combined with --uptime"),
                Arguments.of(List.of("--replay", "a.csv", "--workload", "idle"),
                        "contigsim: --replay cannot be combined with --workload"),
                Arguments.of(List.of("--pagetypeinfo", "p.txt"), "contigsim: --pagetypeinfo needs --from-buddyinfo"),
                Arguments.of(List.of("--from-buddyinfo", "b.txt", "--nodes", "2"),
                        "contigsim: --from-buddyinfo cannot be combined with --nodes"),
                Arguments.of(List.of("--from-buddyinfo", "b.txt", "--movablecore", "1GiB"),
                        "contigsim: --from-buddyinfo cannot be combined with --movablecore"),
                Arguments.of(List.of("--from-buddyinfo", "b.txt", "--cma", "64MiB"),
                        "contigsim: --from-buddyinfo cannot be combined with --cma"),
                Arguments.of(List.of("--from-buddyinfo", "b.txt", "--hugepages", "2MiB:1"),
                        "contigsim: --from-buddyinfo cannot be combined with --hugepages"),
                Arguments.of(List.of("--from-buddyinfo", "no-such-buddyinfo"),
                        "contigsim: --from-buddyinfo: no-such-buddyinfo: no such file"),
                Arguments.of(List.of("--replay", "no-such-trace.csv"),
                        "contigsim: --replay: no-such-trace.csv: no such file"),
                Arguments.of(List.of("--script", "no-such-script"), "contigsim: --script: no-such-script: no such file"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badInputIsOneLineAndExit2(List<String> args, String expectedStart) {
        assertBad(run(memory(args.toArray(new String[0]))), expectedStart);
    }

    static void assertBad(Run r, String expectedStart) {
        assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith(expectedStart), r.errLines().get(0));
        assertTrue(!r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void malformedBuddyinfoNamesFileAndLine() throws IOException {
        Path b = dir.resolve("buddyinfo");
        Files.writeString(b, "Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n"
                + "Node 0, zone    DMA32      4      5 \n");
        assertBad(run(memory("--from-buddyinfo", b.toString())), "contigsim: buddyinfo:2: ");
    }

    @Test
    void malformedPagetypeinfoNamesFileAndLine() throws IOException {
        Path b = dir.resolve("buddyinfo");
        Files.writeString(b, run(memory("--memory", "1GiB")).out());
        Path p = dir.resolve("pagetypeinfo");
        Files.writeString(p, "Page block order: 9\nPages per block:  512\n\nnonsense here\n");
        assertBad(run(memory("--from-buddyinfo", b.toString(), "--pagetypeinfo", p.toString())),
                "contigsim: pagetypeinfo:");
    }

    @Test
    void pagetypeinfoThatDisagreesWithBuddyinfoIsBadInput() throws IOException {
        Path b = dir.resolve("buddyinfo");
        Files.writeString(b, run(memory("--memory", "1GiB")).out());
        Path p = dir.resolve("pagetypeinfo");
        Files.writeString(p, run(memory("--memory", "2GiB", "--format", "pagetypeinfo")).out());
        assertBad(run(memory("--from-buddyinfo", b.toString(), "--pagetypeinfo", p.toString())),
                "contigsim: pagetypeinfo: ");
    }

    // ---------------------------------------------------------------- import and scripts

    @Test
    void importedFreshHostPrintsTheSameBuddyinfo() throws IOException {
        String original = run(memory("--memory", "8GiB")).out();
        Path b = dir.resolve("buddyinfo");
        Files.writeString(b, original);
        Path p = dir.resolve("pagetypeinfo");
        Files.writeString(p, run(memory("--memory", "8GiB", "--format", "pagetypeinfo")).out());
        Run r = run(memory("--from-buddyinfo", b.toString(), "--pagetypeinfo", p.toString(), "--memory", "8GiB"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(original, r.out(), "the importer reproduces the file's free-block counts");
        Run json = run(memory("--from-buddyinfo", b.toString(), "--format", "json", "--kernel", "6.1",
                "--workload", "idle", "--uptime", "1m"));
        assertEquals(0, json.exit(), json.err());
        JsonNode root = JSON.readTree(json.out());
        assertEquals("buddyinfo", root.get("imported_from").asText());
        assertEquals("6.1", root.get("kernel").asText());
        assertEquals(60, root.get("uptime_seconds").asLong());
        assertEquals(3, root.get("zones").size());
    }

    @Test
    void scriptPrintsToStdout() throws IOException {
        Path s = dir.resolve("small.conf");
        Files.writeString(s, "seed = 1\nhost { memory = 1GiB }\nsteps = [\n  { step = print, what = buddyinfo }\n]\n");
        Run r = run(memory("--script", s.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(run(memory("--memory", "1GiB")).out(), r.out());
    }

    @Test
    void aScriptStartsFromARealStateGivenOnTheCommandLine() throws IOException {
        Path buddy = dir.resolve("buddyinfo");
        Files.writeString(buddy, "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0"
                + "      1      3 \nNode 0, zone    DMA32      2      3      0      1      1      2      1      1      2"
                + "      3    225 \n");
        Path s = dir.resolve("from-real.conf");
        Files.writeString(s, "host { kernel = \"6.1\" }\nsteps = [ { step = print, what = buddyinfo } ]\n");
        Run r = run(memory("--script", s.toString(), "--from-buddyinfo", buddy.toString(), "--memory", "1GiB"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(buddy).replaceAll("\\s+", " "), r.out().replaceAll("\\s+", " "));
    }

    @Test
    void scriptErrorsAreBadInput() throws IOException {
        Path s = dir.resolve("bad.script");
        Files.writeString(s, "this is not a contigsim script !!!\n");
        Run r = run(memory("--script", s.toString()));
        assertBad(r, "contigsim: ");
        assertTrue(r.errLines().get(0).contains("bad.script"), r.err());
    }

    @Test
    void snakeCase() {
        assertEquals("pages_migrated", MemoryJson.snakeCase("pagesMigrated"));
        assertEquals("allocations", MemoryJson.snakeCase("allocations"));
        assertEquals("a_b_c", MemoryJson.snakeCase("aBC"));
    }
}
