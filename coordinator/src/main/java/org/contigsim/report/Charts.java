package org.contigsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.StandardFontFunction;
import org.jfree.svg.ViewBox;

/**
 * The charts of report.html, comparison.html and {@code nic-fit --svg}: JFreeChart draws them on
 * JFreeSVG's Graphics2D, which gives one {@code <svg>} element to inline in a self-contained page
 * (no script, nothing loaded). {@link Lines} plots series of (x, y) points as lines or markers on
 * linear or logarithmic axes; {@link Bars} plots one horizontal bar per row, with an optional
 * error bar. Every chart has a white background, a legend where it has series, and the same
 * fonts and grid.
 *
 * <p>The same data gives the same SVG bytes: element ids come from the id each chart is given
 * (unique within a page), not from the clock. Text is laid out with the fonts the JVM finds, so
 * the layout (not the data) may differ between machines with other fonts. AWT runs headless.
 */
public final class Charts {
    /** How an axis maps values and labels its ticks. */
    public enum Scale {
        LINEAR,
        /** Base-10 log, ticks at decades. */
        LOG10,
        /** Base-2 log, ticks at powers of two shown as byte sizes (2B, 1KiB, 4MiB). */
        LOG2_BYTES
    }

    /**
     * One series of a {@link Lines} chart; {@code markers} draws points only, otherwise a line.
     * Names must differ within a chart.
     */
    public record Series(String name, String color, boolean markers, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x and y differ in length");
            }
        }
    }

    /**
     * One bar of a {@link Bars} chart: {@code value}, and {@code value} &plusmn; {@code error} as
     * an error bar unless {@code error} is NaN. {@code note} is what a pointer over the bar shows.
     * Labels must differ within a chart.
     */
    public record Bar(String label, double value, double error, String note) {
        public static Bar of(String label, double value, String note) {
            return new Bar(label, value, Double.NaN, note);
        }

        boolean hasError() {
            return !Double.isNaN(error);
        }
    }

    static {
        // charts are drawn without a display; must be set before AWT starts,
        // so before the fonts are looked up below (Main sets it too)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // rotated text (the value axis' label) as SVG text, not as glyph outlines: the workaround
        // is for a bug of screen rendering
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    /** Room for the title and the value axis of a bar chart, and the height of each of its rows. */
    private static final int BARS_FRAME = 100;
    private static final int BAR_ROW = 30;
    /**
     * Fonts metric-compatible with Arial, then others: the JVM lays text out with the first it
     * has, and the SVG names it first, so viewers draw text the width it was measured at.
     */
    private static final List<String> ARIAL_METRICS = List.of("Liberation Sans", "Arimo", "Arial", "Helvetica");
    private static final String FONT = family();
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
    private static final Color OUTLINE = new Color(0x99, 0x99, 0x99);
    /** Tick labels: grouped thousands, up to six decimals, none when whole; the same in every locale. */
    private static final String TICKS = "#,##0.######";

    private Charts() {
    }

    private static String family() {
        List<String> have = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(Locale.ROOT));
        for (String f : ARIAL_METRICS) {
            if (have.contains(f)) {
                return f;
            }
        }
        return have.contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    /** The SVG font-family of the chart font: it, then what has its widths, then any sans-serif. */
    private static Function<String, String> fontFamilies() {
        StandardFontFunction f = new StandardFontFunction();
        if (!FONT.equals(Font.SANS_SERIF)) {
            List<String> stack = new ArrayList<>(List.of(FONT));
            if (ARIAL_METRICS.contains(FONT)) {
                ARIAL_METRICS.stream().filter(a -> !a.equals(FONT)).forEach(stack::add);
            }
            StringBuilder css = new StringBuilder();
            for (String name : stack) {
                css.append('"').append(name).append("\", ");
            }
            f.put(FONT, css.append("sans-serif").toString());
        }
        return f;
    }

    /** A chart of series of points, as lines or markers. */
    public static final class Lines {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final Scale xScale;
        private final Scale yScale;
        private final List<Series> series = new ArrayList<>();

        public Lines(String title, String xLabel, Scale xScale, String yLabel, Scale yScale) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.xScale = xScale;
            this.yScale = yScale;
        }

        public Lines add(Series s) {
            series.add(s);
            return this;
        }

        /**
         * The chart as an {@code <svg>} element.
         *
         * @param id the element's id, also the prefix of the ids inside it: unique within the page
         */
        public String svg(String id) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (Series s : series) {
                XYSeries points = new XYSeries(s.name(), false, true);
                for (int i = 0; i < s.x().length; i++) {
                    if (plottable(xScale, s.x()[i]) && plottable(yScale, s.y()[i])) {
                        points.add(s.x()[i], s.y()[i]);
                    }
                }
                data.addSeries(points);
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            XYPlot plot = new XYPlot(data, axis(xLabel, xScale, series, true), axis(yLabel, yScale, series, false),
                    renderer);
            JFreeChart chart = chart(title, plot, !series.isEmpty());
            ticks(plot.getDomainAxis(), xScale, true, largest(series, true));
            ticks(plot.getRangeAxis(), yScale, false, largest(series, false));
            plot.setDomainGridlinesVisible(true);
            plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // a later series on top
            renderer.setDrawSeriesLineAsPath(true);
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                renderer.setSeriesPaint(i, Color.decode(s.color()));
                renderer.setSeriesLinesVisible(i, !s.markers());
                renderer.setSeriesShapesVisible(i, s.markers());
                renderer.setSeriesShapesFilled(i, false);
                renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
                renderer.setSeriesStroke(i, new BasicStroke(s.markers() ? 1.5f : 2f, BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
            }
            return render(chart, id, WIDTH, HEIGHT);
        }
    }

    /** Horizontal bars, one per row, so that long labels stay readable; error bars optional. */
    public static final class Bars {
        private final String title;
        private final String xLabel;
        private final String color;
        private final List<Bar> bars = new ArrayList<>();

        public Bars(String title, String xLabel, String color) {
            this.title = title;
            this.xLabel = xLabel;
            this.color = color;
        }

        public Bars add(Bar b) {
            bars.add(b);
            return this;
        }

        /**
         * The chart as an {@code <svg>} element.
         *
         * @param id the element's id, also the prefix of the ids inside it: unique within the page
         */
        public String svg(String id) {
            DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
            List<String> notes = new ArrayList<>();
            for (Bar b : bars) {
                data.add((Number) b.value(), b.hasError() ? (Number) b.error() : null, title, b.label());
                notes.add(b.note());
            }
            CategoryAxis rows = new CategoryAxis(null);
            rows.setMaximumCategoryLabelWidthRatio(0.45f);
            rows.setMaximumCategoryLabelLines(2);
            rows.setCategoryMargin(0.3);
            rows.setLowerMargin(0.02);
            rows.setUpperMargin(0.02);
            NumberAxis values = new NumberAxis(xLabel);
            values.setStandardTickUnits(new NumberTickUnitSource(false, ticks()));
            NotedBarRenderer renderer = new NotedBarRenderer(notes);
            CategoryPlot plot = new CategoryPlot(data, rows, values, renderer);
            plot.setOrientation(PlotOrientation.HORIZONTAL);
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
            JFreeChart chart = chart(title, plot, false);
            // from zero (or the lowest bar or error bar end) to the highest, with a margin; JFreeChart's
            // own range leaves out bars without an error bar once some have one
            double lo = 0;
            double hi = 0;
            for (Bar b : bars) {
                double e = b.hasError() ? Math.abs(b.error()) : 0;
                lo = Math.min(lo, b.value() - e);
                hi = Math.max(hi, b.value() + e);
            }
            double margin = (hi - lo) * 0.05;
            if (hi > lo) {
                values.setRange(lo < 0 ? lo - margin : lo, hi > 0 ? hi + margin : hi);
            }
            ticks(values, Scale.LINEAR, true, Math.max(-lo, hi));
            plot.setDomainGridlinesVisible(false);
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDrawBarOutline(false);
            renderer.setSeriesPaint(0, translucent(Color.decode(color)));
            renderer.setErrorIndicatorPaint(TEXT);
            renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
            return render(chart, id, WIDTH, BARS_FRAME + Math.max(1, bars.size()) * BAR_ROW);
        }
    }

    /** A bar renderer that puts each bar and its error bar in a group titled with its note (the hover text). */
    private static final class NotedBarRenderer extends StatisticalBarRenderer {
        private static final long serialVersionUID = 1L;
        private final transient List<String> notes;

        NotedBarRenderer(List<String> notes) {
            this.notes = List.copyOf(notes);
        }

        @Override
        public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset data, int row, int column, int pass) {
            String note = column < notes.size() ? notes.get(column) : null;
            boolean grouped = g2 instanceof SVGGraphics2D && note != null;
            if (grouped) {
                g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, null);
                g2.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, note);
            }
            super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, data, row, column, pass);
            if (grouped) {
                g2.setRenderingHint(SVGHints.KEY_END_GROUP, null);
            }
        }
    }

    private static boolean plottable(Scale scale, double v) {
        return Double.isFinite(v) && (scale == Scale.LINEAR || v > 0);
    }

    private static ValueAxis axis(String label, Scale scale, List<Series> series, boolean x) {
        if (scale == Scale.LINEAR) {
            NumberAxis axis = new NumberAxis(label);
            axis.setAutoRangeIncludesZero(true);
            boolean whole = true;
            for (Series s : series) {
                for (double v : x ? s.x() : s.y()) {
                    whole &= !Double.isFinite(v) || v == Math.rint(v);
                }
            }
            axis.setStandardTickUnits(new NumberTickUnitSource(whole, ticks()));
            return axis;
        }
        double base = scale == Scale.LOG10 ? 10 : 2;
        LogAxis axis = new TextLogAxis(label);
        axis.setBase(base);
        axis.setNumberFormatOverride(scale == Scale.LOG10 ? ticks() : new ByteSizes());
        // from a power of the base at or below the smallest value to one at or above the largest
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (plottable(scale, v)) {
                    lo = Math.min(lo, axis.calculateLog(v));
                    hi = Math.max(hi, axis.calculateLog(v));
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        // at most about 12 ticks, at every power or every second, third...; the range ends at ticks
        int steps = (int) Math.max(1, Math.ceil(hi - 1e-9) - Math.floor(lo + 1e-9));
        int stride = Math.max(1, (steps + 11) / 12);
        double first = Math.floor((lo + 1e-9) / stride) * stride;
        double last = Math.max(first + stride, Math.ceil((hi - 1e-9) / stride) * stride);
        axis.setRange(axis.calculateValue(first), axis.calculateValue(last));
        axis.setTickUnit(new NumberTickUnit(stride, axis.getNumberFormatOverride(), 0));
        return axis;
    }

    /**
     * A log axis whose tick labels are plain strings: LogAxis makes them attributed strings, which
     * reach the SVG as glyph outlines rather than as text.
     */
    private static final class TextLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        TextLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List out = new ArrayList();
            for (Object o : super.refreshTicks(g2, state, dataArea, edge)) {
                if (o instanceof LogTick t) {
                    StringBuilder text = new StringBuilder();
                    if (t.getAttributedLabel() != null) {
                        AttributedCharacterIterator i = t.getAttributedLabel().getIterator();
                        for (char c = i.first(); c != CharacterIterator.DONE; c = i.next()) {
                            text.append(c);
                        }
                    }
                    out.add(new NumberTick(t.getTickType(), t.getValue(), text.toString(), t.getTextAnchor(),
                            t.getRotationAnchor(), t.getAngle()));
                } else {
                    out.add(o);
                }
            }
            return out;
        }
    }

    /** The largest absolute value the series have on that axis. */
    private static double largest(List<Series> series, boolean x) {
        double largest = 0;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
        }
        return largest;
    }

    /**
     * Ticks at 1, 2 or 5 times a power of ten, as many as fit with room around their labels:
     * JFreeChart picks the unit, the tick label insets are the room. An axis whose values are all
     * zero (a linear axis always includes zero) runs from 0 to 1.
     */
    private static void ticks(ValueAxis axis, Scale scale, boolean horizontal, double largest) {
        axis.setTickLabelInsets(horizontal ? new RectangleInsets(4, 20, 2, 20) : new RectangleInsets(12, 4, 12, 6));
        if (scale == Scale.LINEAR && axis instanceof NumberAxis a && largest == 0) {
            a.setRange(0, 1);
        }
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 15), plot, legend);
        theme().apply(chart);
        chart.setPadding(new RectangleInsets(4, 8, 8, 16));
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.getTitle().setMargin(new RectangleInsets(4, 4, 10, 4));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setFrame(BlockBorder.NONE);
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(new Font(FONT, Font.PLAIN, 12));
        }
        if (plot instanceof XYPlot p) {
            p.setDomainGridlineStroke(new BasicStroke(1f));
            p.setRangeGridlineStroke(new BasicStroke(1f));
            p.setNoDataMessage("no data");
            p.setNoDataMessageFont(new Font(FONT, Font.PLAIN, 12));
        } else if (plot instanceof CategoryPlot p) {
            p.setRangeGridlineStroke(new BasicStroke(1f));
        }
        return chart;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("contigsim");
        t.setExtraLargeFont(new Font(FONT, Font.BOLD, 15));
        t.setLargeFont(new Font(FONT, Font.PLAIN, 12));
        t.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        t.setSmallFont(new Font(FONT, Font.PLAIN, 11));
        t.setTitlePaint(TEXT);
        t.setSubtitlePaint(TEXT);
        t.setLegendItemPaint(TEXT);
        t.setAxisLabelPaint(TEXT);
        t.setTickLabelPaint(TEXT);
        t.setChartBackgroundPaint(Color.WHITE);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(OUTLINE);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisOffset(RectangleInsets.ZERO_INSETS);
        t.setBarPainter(new StandardBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    private static String render(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-"); // ids of clip paths: fixed, and unique within the page
        g2.setFontFunction(fontFamilies());
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(1)); // a tenth of a pixel
        g2.setTransformDoubleConverter(SVGUtils.createDoubleConverter(4));
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET) + "\n";
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 204);
    }

    private static NumberFormat ticks() {
        return new DecimalFormat(TICKS, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** Tick labels of a byte axis: 2B, 512B, 1KiB, 4MiB, 1GiB. */
    private static final class ByteSizes extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return format(Math.round(number), to, pos);
        }

        @Override
        public StringBuffer format(long b, StringBuffer to, FieldPosition pos) {
            String[] units = {"GiB", "MiB", "KiB"};
            for (int i = 0; i < units.length; i++) {
                long unit = 1L << (30 - 10 * i);
                if (b >= unit && b % unit == 0) {
                    return to.append(b / unit).append(units[i]);
                }
            }
            return to.append(b).append('B');
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }
}
