package org.contigsim.coordinator;

import java.util.List;
import java.util.Locale;
import org.contigsim.report.Charts;
import org.contigsim.report.Html;

/**
 * {@code comparison.html}: the variants of a sweep (or the probes of a capacity search) side by
 * side, in one self-contained file like report.html: a table of the main figures and a bar chart
 * per figure, with 95 % confidence intervals as error bars when there are replicas. Built from
 * the same data as comparison.json.
 */
final class ComparisonReport {
    private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#17becf",
        "#8c564b", "#7f7f7f"};

    private ComparisonReport() {
    }

    /**
     * @param intro what was compared, as HTML-safe text
     * @param extra HTML placed before the table (the capacity search's outcome), or empty
     */
    static String html(String title, String intro, List<Comparison.Entry> entries, String extra) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>contigsim: ")
                .append(Html.escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:980px;"
                        + "margin:2em auto;color:#222}table{border-collapse:collapse}td,th{padding:3px 8px;"
                        + "border-bottom:1px solid #ddd;text-align:right}th{text-align:left}td.v{text-align:left;"
                        + "font-family:monospace}h2{margin-top:1.6em}</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(intro).append("</p>\n");
        h.append(extra);
        boolean intervals = false;
        for (Comparison.Entry e : entries) {
            intervals |= e.runs().size() > 1;
        }
        h.append("<h2>Main figures</h2>\n");
        if (intervals) {
            h.append("<p>Mean over the replicas, then the 95% confidence interval of the mean (Student's t).</p>\n");
        }
        h.append("<table>\n<tr><th>variant</th>");
        for (Figure f : Figure.ALL) {
            if (f.charted()) {
                h.append("<th>").append(Html.escape(f.label())).append("</th>");
            }
        }
        h.append("</tr>\n");
        for (Comparison.Entry e : entries) {
            h.append("<tr><td class=\"v\">").append(Html.escape(name(e))).append("</td>");
            for (Figure f : Figure.ALL) {
                if (f.charted()) {
                    h.append("<td>").append(Html.escape(cell(e, f))).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        int color = 0;
        for (Figure f : Figure.ALL) {
            if (!f.charted()) {
                continue;
            }
            Charts.Bars chart = new Charts.Bars(capitalized(f.label()), f.label()
                    + (intervals ? ", mean and 95% confidence interval" : ""), COLORS[color % COLORS.length]);
            for (Comparison.Entry e : entries) {
                double[] v = e.values(f);
                if (v.length == 0) {
                    continue;
                }
                String note = name(e) + ": " + cell(e, f);
                if (v.length == 1) {
                    chart.add(Charts.Bar.of(name(e), v[0], note));
                } else {
                    // the interval is the mean plus or minus its half-width
                    Interval i = Interval.of(v);
                    chart.add(new Charts.Bar(name(e), i.mean(), (i.high() - i.low()) / 2, note));
                }
            }
            h.append("<h2>").append(Html.escape(capitalized(f.label()))).append("</h2>\n")
                    .append(chart.svg("figure-" + color));
            color++;
        }
        h.append("<p>Every figure of every variant: comparison.json; each run: its directory's report.html.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    /** A variant as the table and charts name it: its settings, or its directory for the base. */
    private static String name(Comparison.Entry e) {
        String label = e.variant().label();
        return label.isEmpty() ? "(" + e.variant().scenario().name() + ")" : label.replace(",", ", ");
    }

    private static String cell(Comparison.Entry e, Figure f) {
        double[] v = e.values(f);
        if (v.length == 0) {
            return "";
        }
        if (v.length == 1) {
            return format(v[0]);
        }
        Interval i = Interval.of(v);
        return format(i.mean(), i.low(), i.high());
    }

    /**
     * Numbers for people, all with the same decimals: none when they are whole, else as many as
     * the largest needs for about four significant digits. Two or more read as {@code mean [low, high]}.
     */
    static String format(double... values) {
        boolean whole = true;
        double largest = 0;
        for (double v : values) {
            whole &= v == Math.rint(v) && Math.abs(v) < 1e15;
            largest = Math.max(largest, Math.abs(v));
        }
        int decimals = whole || largest >= 1000 ? 0 : largest >= 100 ? 1 : largest >= 1 ? 2 : 3;
        String[] text = new String[values.length];
        for (int k = 0; k < values.length; k++) {
            text[k] = String.format(Locale.ROOT, "%." + decimals + "f", values[k] + 0.0);
        }
        return values.length == 1 ? text[0] : text[0] + " [" + String.join(", ", List.of(text).subList(1,
                text.length)) + "]";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
