package org.contigsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG chart of horizontal bars, one per row, each with an optional error
 * bar (a confidence interval), for comparing variants side by side. Rows are horizontal so that
 * long variant names stay readable. Like {@link SvgChart}: no scripts, nothing loaded.
 */
public final class SvgBarChart {
    /**
     * One bar.
     *
     * @param low the interval's lower end, or NaN for a bar without one
     * @param high the interval's upper end, or NaN
     */
    public record Bar(String label, double value, double low, double high) {
        public static Bar of(String label, double value) {
            return new Bar(label, value, Double.NaN, Double.NaN);
        }

        boolean hasInterval() {
            return !Double.isNaN(low) && !Double.isNaN(high);
        }
    }

    private static final int WIDTH = 760;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final int ROW = 26;
    /** Roughly the width of one character of the 12 px labels, to leave room for the longest. */
    private static final int CHAR = 7;

    private final String title;
    private final String xLabel;
    private final String color;
    private final List<Bar> bars = new ArrayList<>();

    public SvgBarChart(String title, String xLabel, String color) {
        this.title = title;
        this.xLabel = xLabel;
        this.color = color;
    }

    public SvgBarChart add(Bar b) {
        bars.add(b);
        return this;
    }

    public String render() {
        int longest = 0;
        for (Bar b : bars) {
            longest = Math.max(longest, b.label().length());
        }
        int left = Math.max(80, Math.min(400, longest * CHAR + 16));
        int height = TOP + Math.max(1, bars.size()) * ROW + BOTTOM;
        double[] xr = range();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                left, SvgChart.escape(title)));
        int y0 = height - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<g stroke=\"#888\" fill=\"none\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                + "height=\"%d\"/></g>%n", left, TOP, WIDTH - left - RIGHT, y0 - TOP));
        double step = SvgChart.niceStep((xr[1] - xr[0]) / 6);
        for (double t = Math.ceil(xr[0] / step) * step; t <= xr[1]; t += step) {
            double x = px(t, xr, left);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n",
                    x, TOP, x, y0));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, y0 + 16, SvgChart.label(SvgChart.Scale.LINEAR, t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (left + WIDTH - RIGHT) / 2, height - 14, SvgChart.escape(xLabel)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double mid = TOP + i * ROW + ROW / 2.0;
            double x0 = px(0, xr, left);
            double x1 = px(b.value(), xr, left);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 6, mid + 4, SvgChart.escape(b.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\" fill-opacity=\"0.75\"><title>%s</title></rect>%n", Math.min(x0, x1), mid - ROW * 0.3,
                    Math.abs(x1 - x0), ROW * 0.6, color, SvgChart.escape(b.label() + ": " + number(b))));
            if (b.hasInterval()) {
                double lo = px(b.low(), xr, left);
                double hi = px(b.high(), xr, left);
                svg.append(String.format(Locale.ROOT, "<g stroke=\"#222\" stroke-width=\"1.5\"><line x1=\"%.1f\" "
                        + "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                        + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>%n", lo, mid, hi, mid,
                        lo, mid - 6, lo, mid + 6, hi, mid - 6, hi, mid + 6));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** From 0 (or the lowest value or interval end, if negative) to the highest, with a margin. */
    private double[] range() {
        double lo = 0;
        double hi = 0;
        for (Bar b : bars) {
            lo = Math.min(lo, Math.min(b.value(), b.hasInterval() ? b.low() : b.value()));
            hi = Math.max(hi, Math.max(b.value(), b.hasInterval() ? b.high() : b.value()));
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {lo < 0 ? lo - pad : lo, hi + (pad == 0 ? 1 : pad)};
    }

    private static double px(double v, double[] xr, int left) {
        return left + (v - xr[0]) / (xr[1] - xr[0]) * (WIDTH - left - RIGHT);
    }

    private static String number(Bar b) {
        String v = SvgChart.label(SvgChart.Scale.LINEAR, b.value());
        return b.hasInterval() ? v + " (95% CI " + SvgChart.label(SvgChart.Scale.LINEAR, b.low()) + " to "
                + SvgChart.label(SvgChart.Scale.LINEAR, b.high()) + ")" : v;
    }
}
