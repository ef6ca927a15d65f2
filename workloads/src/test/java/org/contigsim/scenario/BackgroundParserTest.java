package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.contigsim.workload.Background;
import org.contigsim.workload.BackgroundTrace;
import org.contigsim.workload.Workloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code background} key: presets, blocks, traces, their errors and their round trip. */
class BackgroundParserTest {
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";
    private static final String TRACE = "time_s,op,kind,order,count,node\n0,alloc,page-cache,0,100,0\n";

    @TempDir
    Path dir;

    private ScenarioFile file;

    @BeforeEach
    void setUp() {
        file = new ScenarioFile(dir.resolve("bad.conf"));
    }

    private String background(String text) throws IOException {
        return file.parse(REQUIRED + text).background();
    }

    private String error(String text) throws IOException {
        return file.error(REQUIRED + text);
    }

    private String at(int line, String rest) {
        return file.at(line, rest);
    }

    @Test
    void shouldReadPresetNamesAsBefore() throws IOException {
        assertEquals("fragmenting", background(""));
        assertEquals("fragmenting", background("background = fragmenting\n"));
        assertEquals("idle", background("background = \"idle\"\n"));
        assertEquals("fragmenting", background("background { preset = fragmenting }\n"));
        assertEquals("idle", background("background { preset = none }\n"));
    }

    @Test
    void shouldOverrideAPresetsComponentsOrBuildFromScratch() throws IOException {
        assertEquals(Workloads.background("anon.share = 0.5\nnet.turnover-per-hour = 60").spec(), background("""
                background {
                  preset = fragmenting
                  anon { share = 0.5 }
                  net.turnover-per-hour = 60
                }
                """));
        String scratch = background("background { preset = none, page-tables {}, kernel { slab = 0.05 } }\n");
        Background b = Workloads.background(scratch);
        assertEquals(null, b.anon());
        assertEquals(0.05, b.kernel().slab());
        assertEquals(1.0 / 512, b.pageTables().ratio());
        assertEquals("""
                preset = "none"
                kernel {
                  slab = 0.05
                  reclaimable = 0
                  turnover-per-hour = 1
                  long-lived-per-hour = 0.001
                  folios = "0:80,1:15,3:5"
                }
                page-tables {
                  ratio = 0.001953125
                  turnover-per-hour = 0.5
                }
                """, scratch);
    }

    @Test
    void shouldResolveATraceAgainstTheFileThatNamesItAndCarryItsHash() throws IOException {
        Files.createDirectories(dir.resolve("traces"));
        Files.createDirectories(dir.resolve("parts"));
        Path trace = dir.resolve("traces/day.csv");
        Files.writeString(trace, TRACE);
        String sha = BackgroundTrace.sha256(TRACE.getBytes(StandardCharsets.ISO_8859_1));
        String expected = "preset = \"none\"\ntrace = \"" + trace.toAbsolutePath() + "\"\ntrace-sha256 = \"" + sha + "\"\n";
        assertEquals(expected, background("background { trace = \"traces/day.csv\" }\n"));
        assertEquals(expected, background("background { trace = \"" + trace.toAbsolutePath() + "\", trace-sha256 = "
                + sha + " }\n"));
        Files.writeString(dir.resolve("parts/bg.conf"), "background.trace = \"../traces/day.csv\"\n");
        assertEquals(expected, background("include \"parts/bg.conf\"\n"), "relative to the included file");
        Background withPreset = Workloads.background(background("background { preset = fragmenting, trace = "
                + "\"traces/day.csv\" }\n"));
        assertEquals(Workloads.preset("fragmenting").anon(), withPreset.anon());
        assertEquals(trace.toAbsolutePath().toString(), withPreset.trace().file());
    }

    @Test
    void shouldReportTraceProblemsWhereTheyAre() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertEquals(at(3, "background.trace: \"nope.csv\" (" + missing + "): no such file"),
                error("background { trace = nope.csv }\n"));
        assertEquals(at(3, "background.trace: expected a file name, found \"\""), error("background.trace = \"\"\n"));
        assertEquals(at(3, "background.trace: \".\" (" + dir + "): is a directory"), error("background.trace = .\n"));
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time_s,op,kind,order,count,node\n0,alloc,anon,0,1,0\n1,alloc,anon,12,1,0\n");
        assertEquals(bad + ":3: order: '12' is not a whole number from 0 to 10", error("background.trace = bad.csv\n"));
        Files.writeString(bad, TRACE);
        String sha = BackgroundTrace.sha256(TRACE.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(at(5, "background.trace-sha256: \"" + "0".repeat(64) + "\" is not the SHA-256 of " + bad + " ("
                + sha + ")"), error("background {\n  trace = bad.csv\n  trace-sha256 = \"" + "0".repeat(64) + "\"\n}\n"));
        assertEquals(at(3, "background: trace-sha256 is given without trace"),
                error("background {\n  trace-sha256 = abc\n}\n"));
    }

    @Test
    void shouldRejectUnknownKeysWrongTypesAndOutOfRangeValuesWithTheirLine() throws IOException {
        assertEquals(at(3, "background: \"busy\" is not a background workload (known: fragmenting, idle)"),
                error("background = busy\n"));
        assertEquals(at(3, "background: expected a workload name or a block, found a list"), error("background = [1]\n"));
        assertEquals(at(4, "background.pagecache: unknown key (known: anon, kernel, net, page-cache, page-tables, preset, "
                + "rdma, trace, trace-sha256)"), error("background {\n  pagecache {}\n}\n"));
        assertEquals(at(5, "background.anon.shar: unknown key (known: folios, process-size, share, thp, "
                + "turnover-per-hour)"), error("background {\n  anon {\n    shar = 0.1\n  }\n}\n"));
        assertEquals(at(3, "background.anon: expected an object, found 5"), error("background.anon = 5\n"));
        assertEquals(at(3, "background.anon.share: expected a number, found \"lots\""),
                error("background.anon.share = lots\n"));
        assertEquals(at(3, "background.anon.share: 2 is out of range (0 to 1)"), error("background.anon.share = 2\n"));
        assertEquals(at(3, "background.net.frag-order: 11 is out of range (0 to 10)"),
                error("background.net.frag-order = 11\n"));
        assertEquals(at(3, "background.kernel.turnover-per-hour: 4000 is out of range (0 to 3600)"),
                error("background.kernel.turnover-per-hour = 4000\n"));
        assertEquals(at(3, "background.preset: \"busy\" is not a background preset (known: fragmenting, idle, none)"),
                error("background.preset = busy\n"));
        assertEquals(at(3, "background.page-cache.file-size: 'exponential(0)': 0B is out of range (1B to 1TiB)"),
                error("background.page-cache.file-size = \"exponential(0)\"\n"));
        assertEquals(at(3, "background.anon.process-size: '64MB': use binary units (KiB, MiB, GiB, TiB), not MB"),
                error("background.anon.process-size = 64MB\n"));
        assertEquals(at(3, "background.anon.folios: '0:70,12:30': order '12' is not a whole number from 0 to 10"),
                error("background.anon.folios = \"0:70,12:30\"\n"));
        assertEquals(at(3, "background: the shares of memory (anon.share, kernel.slab, kernel.reclaimable, net.share, "
                + "rdma.share) add up to 1.03, more than all of it"), error("background {\n  anon.share = 1\n}\n"));
    }

    @Test
    void shouldRenderPresetsAsNamesAndBlocksIndented() {
        assertEquals("background = \"idle\"\n", BackgroundParser.render("background", "idle", ""));
        assertEquals("  bg {\n    preset = \"none\"\n    page-tables {\n      ratio = 0.5\n"
                + "      turnover-per-hour = 0.5\n    }\n  }\n", BackgroundParser.render("bg",
                Workloads.background("preset = none\npage-tables.ratio = 0.5").spec(), "  "));
    }

    @Test
    void theDocsExamplesParse() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "scenarios.md"));
        String section = docs.substring(docs.indexOf("## Background workloads"), docs.indexOf("## Example:"));
        List<String> blocks = codeBlocks(section);
        assertEquals(2, blocks.size(), "the background examples and the trace example");
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/day.csv"), blocks.get(1));
        List<String> examples = List.of(blocks.get(0).split("\n\n"));
        assertEquals(4, examples.size());
        assertEquals("fragmenting", background(examples.get(0)));
        assertEquals(0.05, Workloads.background(background(examples.get(1))).rdma().share());
        assertEquals(0.002, Workloads.background(background(examples.get(2))).kernel().longLivedPerHour());
        assertEquals(3, Workloads.background(background(examples.get(3))).trace().size());
    }

    private static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while (markdown.indexOf("```", at) >= 0) {
            int start = markdown.indexOf('\n', markdown.indexOf("```", at)) + 1;
            int end = markdown.indexOf("```", start);
            blocks.add(markdown.substring(start, end));
            at = end + 3;
        }
        return blocks;
    }

    /** A property: random blocks survive parse, render, parse; seeds are fixed, so a failure repeats. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomBlocksSurviveTheRoundTrip(long seed) throws IOException {
        String block = randomBlock(new SplittableRandom(seed));
        String spec = background("background {\n" + block + "}\n");
        Path rendered = dir.resolve("rendered.conf");
        Files.writeString(rendered, REQUIRED + BackgroundParser.render("background", spec, ""));
        assertEquals(spec, ScenarioParser.parse(rendered).background(), block);
        assertEquals(Workloads.background(spec), Workloads.background(ScenarioParser.parse(rendered).background()));
    }

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    /** Components present at random, with values across and at the edges of their ranges; shares stay within 1. */
    static String randomBlock(SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        lines.add("preset = " + (r.nextBoolean() ? "none" : "fragmenting"));
        if (r.nextBoolean()) {
            lines.add("anon { share = " + share(r) + ", turnover-per-hour = " + rate(r) + ", thp = " + share(r)
                    + ", process-size = \"" + sizes(r, 4096) + "\", folios = \"" + folios(r) + "\" }");
        }
        if (r.nextBoolean()) {
            lines.add("kernel { slab = " + share(r) + ", reclaimable = " + share(r) + ", turnover-per-hour = " + rate(r)
                    + ", long-lived-per-hour = " + share(r) + ", folios = \"" + folios(r) + "\" }");
        }
        if (r.nextBoolean()) {
            lines.add("net { share = " + share(r) + ", frag-order = " + r.nextInt(11) + " }");
        }
        if (r.nextBoolean()) {
            lines.add("page-cache { read-per-second = \"" + sizes(r, 0) + "\", file-size = \"" + sizes(r, 1)
                    + "\", fill = " + share(r) + ", delete-per-hour = " + rate(r) + " }");
        }
        if (r.nextBoolean()) {
            lines.add("page-tables { ratio = " + share(r) + " }");
        }
        if (r.nextBoolean()) {
            lines.add("rdma { share = " + share(r) + ", registration-size = \"" + sizes(r, 4096) + "\" }");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Shares small enough that six of them stay within all of memory, sometimes 0. */
    private static String share(SplittableRandom r) {
        return r.nextInt(4) == 0 ? "0" : Double.toString(r.nextDouble() / 6);
    }

    private static String rate(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> "3600";
            case 1 -> Integer.toString(r.nextInt(100));
            default -> Double.toString(r.nextDouble() * 100);
        };
    }

    private static String sizes(SplittableRandom r, long min) {
        long a = Math.max(min, 1L << r.nextInt(41));
        long b = Math.max(a, 1L << r.nextInt(41));
        return switch (r.nextInt(5)) {
            case 0 -> Long.toString(a);
            case 1 -> "fixed(" + a + ")";
            case 2 -> "uniform(" + a + ", " + b + ")";
            case 3 -> "exponential(" + Math.max(1, a) + ")";
            default -> "lognormal(" + Math.max(1, a) + ", " + r.nextInt(10) + "." + r.nextInt(10) + ")";
        };
    }

    private static String folios(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int order = 0; order <= 10; order++) {
            if (r.nextInt(3) == 0 || (order == 10 && b.length() == 0)) {
                b.append(b.length() == 0 ? "" : ",").append(order).append(':').append(1 + r.nextInt(1000));
            }
        }
        return b.toString();
    }
}
