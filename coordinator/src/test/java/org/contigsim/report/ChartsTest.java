package org.contigsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The charts as SVG: self-contained, the same bytes for the same data, ids unique per chart, labels as the axes promise. */
public class ChartsTest {
    private static final Pattern ID = Pattern.compile("id='([^']*)'");

    private static Charts.Lines lines() {
        return new Charts.Lines("Jobs & <things>", "minutes", Charts.Scale.LINEAR, "jobs", Charts.Scale.LINEAR)
                .add(new Charts.Series("arrived", "#7f7f7f", false, new double[] {0, 1, 2, 3}, new double[] {0, 4, 9, 12}))
                .add(new Charts.Series("waits", "#ff7f0e", true, new double[] {0.5, 1.5}, new double[] {2, Double.NaN}));
    }

    private static List<String> ids(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = ID.matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The SVG without its namespace declarations, which name vocabularies and load nothing. */
    public static String withoutNamespaces(String svg) {
        return svg.replaceAll("xmlns(:\\w+)?=(['\"])[^'\"]*\\2", "");
    }

    @Test
    void shouldDrawTheSameBytesForTheSameDataAndNothingToLoad() {
        String svg = lines().svg("jobs");
        assertEquals(svg, lines().svg("jobs"), "deterministic: no clock or random ids");
        assertTrue(svg.startsWith("<svg id='jobs' ") && svg.endsWith("</svg>\n"), svg);
        assertTrue(svg.contains("width='760' height='440' viewBox='0 0 760 440'"), "scales with the page");
        assertFalse(svg.contains("<script") || svg.contains("<image"), "no script, no image");
        assertFalse(withoutNamespaces(svg).matches("(?s).*(https?:|src=|href=).*"), "nothing loaded from anywhere");
        assertTrue(svg.contains(">Jobs &amp; &lt;things&gt;</text>"), "the title, escaped");
        assertTrue(svg.contains(">arrived</text>") && svg.contains(">waits</text>"), "a legend of the series");
        assertTrue(svg.contains(">minutes</text>") && svg.contains(">jobs</text>"), "axis labels, as text");
        assertTrue(svg.contains("rgb(127,127,127)") && svg.contains("rgb(255,127,14)"), "the series' colours");
        assertTrue(svg.contains("fill:rgb(255,255,255)"), "a white background");
        for (String id : ids(svg)) {
            assertTrue(id.equals("jobs") || id.startsWith("jobs-"), "ids come from the chart's: " + id);
        }
        assertNotEquals(List.of(), ids(svg).subList(1, ids(svg).size()), "the plot is clipped by id");
        String other = lines().svg("other");
        assertTrue(ids(other).stream().noneMatch(ids(svg)::contains), "two charts in one page share no id");
    }

    @Test
    void shouldLabelLinearTicksInEveryLocaleAlike() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            String svg = new Charts.Lines("t", "x", Charts.Scale.LINEAR, "y", Charts.Scale.LINEAR)
                    .add(new Charts.Series("s", "#1f77b4", false, new double[] {0, 0.5, 1}, new double[] {0, 6000, 12_000}))
                    .svg("c");
            assertTrue(svg.contains(">10,000</text>"), "grouped thousands with a comma");
            assertTrue(svg.contains(">0.5</text>") || svg.contains(">0.2</text>"), "a decimal point");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void shouldLabelLogAxesWithDecadesAndByteSizes() {
        String svg = new Charts.Lines("bandwidth", "message size", Charts.Scale.LOG2_BYTES, "MiB/s", Charts.Scale.LOG10)
                .add(new Charts.Series("model", "#1f77b4", false, new double[] {2, 1024, 8 << 20},
                        new double[] {10, 5000, 11_000}))
                .add(new Charts.Series("measured", "#d62728", true, new double[] {0, 4096}, new double[] {7, 0}))
                .svg("fit");
        for (String tick : List.of("1", "10", "100", "1,000", "10,000", "100,000")) {
            assertTrue(svg.contains(">" + tick + "</text>"), "decade " + tick);
        }
        for (String tick : List.of("1B", "4B", "1KiB", "4KiB", "1MiB", "16MiB")) {
            assertTrue(svg.contains(">" + tick + "</text>"), "power of two " + tick);
        }
        assertFalse(svg.contains(">1,048,576</text>"), "byte sizes, not numbers");
    }

    @Test
    void shouldDrawBarsWithErrorBarsAndHoverNotes() {
        String svg = new Charts.Bars("Wait p95 (s)", "wait p95 (s)", "#ff7f0e")
                .add(new Charts.Bar("jobs.policy=buddy", 28.8, 1.6, "jobs.policy=buddy: 28.82 [27.22, 30.42]"))
                .add(Charts.Bar.of("jobs.policy=contig-range", -12, "jobs.policy=contig-range: -12"))
                .svg("figure-3");
        assertEquals(svg, new Charts.Bars("Wait p95 (s)", "wait p95 (s)", "#ff7f0e")
                .add(new Charts.Bar("jobs.policy=buddy", 28.8, 1.6, "jobs.policy=buddy: 28.82 [27.22, 30.42]"))
                .add(Charts.Bar.of("jobs.policy=contig-range", -12, "jobs.policy=contig-range: -12")).svg("figure-3"));
        assertTrue(svg.contains(">jobs.policy=buddy</text>") && svg.contains(">jobs.policy=contig-range</text>"));
        assertTrue(svg.contains(">wait p95 (s)</text>"), "the value axis' label");
        assertTrue(svg.contains("<title>jobs.policy=buddy: 28.82 [27.22, 30.42]</title>"), "what a pointer shows");
        assertTrue(svg.contains("rgb(255,127,14)"), "the figure's colour");
        assertTrue(svg.contains("stroke:rgb(34,34,34)"), "an error bar");
        assertTrue(svg.contains(">0</text>") && svg.contains(">-10</text>"),
                "the axis reaches below zero, for a bar without an error bar too");
        assertTrue(svg.contains("height='160'"), "a row per bar: " + svg.substring(0, 200));
    }

    @Test
    void shouldScaleAnAllZeroFigureFromZeroToOne() {
        String svg = new Charts.Bars("Failed", "jobs failed", "#d62728").add(Charts.Bar.of("a", 0, "a: 0"))
                .add(new Charts.Bar("b", 0, 0, "b: 0 [0, 0]")).svg("f");
        assertTrue(svg.contains(">1</text>") && !svg.contains(">-0</text>"), svg);
        String empty = new Charts.Lines("none", "x", Charts.Scale.LINEAR, "y", Charts.Scale.LOG10)
                .add(new Charts.Series("s", "#1f77b4", true, new double[0], new double[0])).svg("e");
        assertTrue(empty.contains(">no data</text>"), "a chart without points says so");
    }

    @Test
    void shouldRefuseSeriesOfUnequalLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> new Charts.Series("s", "#000000", false, new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void shouldRunAwtHeadless() {
        new Charts.Bars("t", "x", "#000000").add(Charts.Bar.of("a", 1, "a")).svg("h");
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void shouldEscapeHtml() {
        assertEquals("a &amp; &lt;b&gt; &quot;c&quot;", Html.escape("a & <b> \"c\""));
    }
}
