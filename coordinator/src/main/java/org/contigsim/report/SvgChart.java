package org.contigsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart: series of (x, y) points drawn as lines or as markers,
 * on linear or logarithmic axes, with ticks, labels and a legend. No scripts, no external
 * resources, so the file opens anywhere and can be inlined in HTML.
 */
public final class SvgChart {
    /** How an axis maps values and labels its ticks. */
    public enum Scale {
        LINEAR,
        /** Base-10 log, ticks at decades. */
        LOG10,
        /** Base-2 log, ticks at powers of two shown as byte sizes (2B, 1KiB, 4MiB). */
        LOG2_BYTES
    }

    /** One series; {@code markers} draws points only, otherwise a line. */
    public record Series(String name, String color, boolean markers, double[] x, double[] y) {
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Scale xScale;
    private final Scale yScale;
    private final List<Series> series = new ArrayList<>();

    public SvgChart(String title, String xLabel, Scale xScale, String yLabel, Scale yScale) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xScale = xScale;
        this.yScale = yScale;
    }

    public SvgChart add(Series s) {
        if (s.x().length != s.y().length) {
            throw new IllegalArgumentException("series " + s.name() + ": x and y differ in length");
        }
        series.add(s);
        return this;
    }

    public String render() {
        double[] xr = range(true);
        double[] yr = range(false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        axes(svg, xr, yr);
        for (Series s : series) {
            draw(svg, s, xr, yr);
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Scale scale = x ? xScale : yScale;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (scale != Scale.LINEAR && v <= 0) {
                    continue;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        switch (scale) {
            case LOG10:
                return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))};
            case LOG2_BYTES:
                return new double[] {Math.pow(2, Math.floor(log2(lo))), Math.pow(2, Math.ceil(log2(hi)))};
            default:
                double pad = (hi - lo) * 0.05;
                return new double[] {Math.min(0, lo), hi + (pad == 0 ? 1 : pad)};
        }
    }

    private static double position(Scale scale, double v, double[] r) {
        switch (scale) {
            case LOG10:
                return (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0]));
            case LOG2_BYTES:
                return (log2(v) - log2(r[0])) / (log2(r[1]) - log2(r[0]));
            default:
                return (v - r[0]) / (r[1] - r[0]);
        }
    }

    private double px(double v, double[] xr) {
        return LEFT + position(xScale, v, xr) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double v, double[] yr) {
        return HEIGHT - BOTTOM - position(yScale, v, yr) * (HEIGHT - TOP - BOTTOM);
    }

    private void axes(StringBuilder svg, double[] xr, double[] yr) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<g stroke=\"#888\" fill=\"none\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                + "height=\"%d\"/></g>%n", x0, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double t : ticks(xScale, xr)) {
            double x = px(t, xr);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n",
                    x, TOP, x, y0));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, y0 + 16, label(xScale, t)));
        }
        for (double t : ticks(yScale, yr)) {
            double y = py(t, yr);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    x0, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 - 6, y + 4, label(yScale, t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 18, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %d)\">%s</text>%n", (TOP + y0) / 2, (TOP + y0) / 2, escape(yLabel)));
    }

    private static List<Double> ticks(Scale scale, double[] r) {
        List<Double> out = new ArrayList<>();
        switch (scale) {
            case LOG10:
                for (double t = r[0]; t <= r[1] * 1.0001; t *= 10) {
                    out.add(t);
                }
                break;
            case LOG2_BYTES:
                int steps = (int) Math.round(log2(r[1]) - log2(r[0]));
                int stride = Math.max(1, (steps + 11) / 12);
                for (int i = 0; i <= steps; i += stride) {
                    out.add(r[0] * Math.pow(2, i));
                }
                break;
            default:
                double step = niceStep((r[1] - r[0]) / 6);
                for (double t = Math.ceil(r[0] / step) * step; t <= r[1]; t += step) {
                    out.add(t);
                }
        }
        return out;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static String label(Scale scale, double v) {
        if (scale == Scale.LOG2_BYTES) {
            long b = Math.round(v);
            if (b >= 1L << 30 && b % (1L << 30) == 0) {
                return (b >> 30) + "GiB";
            }
            if (b >= 1 << 20 && b % (1 << 20) == 0) {
                return (b >> 20) + "MiB";
            }
            if (b >= 1 << 10 && b % (1 << 10) == 0) {
                return (b >> 10) + "KiB";
            }
            return b + "B";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private void draw(StringBuilder svg, Series s, double[] xr, double[] yr) {
        if (s.markers()) {
            for (int i = 0; i < s.x().length; i++) {
                if (plottable(s.x()[i], s.y()[i])) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" "
                            + "stroke=\"%s\" stroke-width=\"1.5\"/>%n", px(s.x()[i], xr), py(s.y()[i], yr), s.color()));
                }
            }
            return;
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            if (plottable(s.x()[i], s.y()[i])) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.x()[i], xr), py(s.y()[i], yr)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                s.color(), points.toString().strip()));
    }

    private boolean plottable(double x, double y) {
        return (xScale == Scale.LINEAR || x > 0) && (yScale == Scale.LINEAR || y > 0);
    }

    private void legend(StringBuilder svg) {
        int y = TOP + 16;
        for (Series s : series) {
            int x = LEFT + 14;
            if (s.markers()) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"none\" stroke=\"%s\" "
                        + "stroke-width=\"1.5\"/>%n", x + 10, y - 4, s.color()));
            } else {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"2\"/>%n", x, y - 4, x + 20, y - 4, s.color()));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 28, y, escape(s.name())));
            y += 18;
        }
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
