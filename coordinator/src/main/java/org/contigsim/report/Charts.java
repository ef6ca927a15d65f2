package org.contigsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
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
                    if (ChartAxes.plottable(xScale, s.x()[i]) && ChartAxes.plottable(yScale, s.y()[i])) {
                        points.add(s.x()[i], s.y()[i]);
                    }
                }
                data.addSeries(points);
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            XYPlot plot = new XYPlot(data, ChartAxes.axis(xLabel, xScale, series, true), ChartAxes.axis(yLabel, yScale, series, false),
                    renderer);
            JFreeChart chart = chart(title, plot, !series.isEmpty());
            ChartAxes.ticks(plot.getDomainAxis(), xScale, true, ChartAxes.largest(series, true));
            ChartAxes.ticks(plot.getRangeAxis(), yScale, false, ChartAxes.largest(series, false));
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
            values.setStandardTickUnits(new NumberTickUnitSource(false, ChartAxes.ticks()));
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
            ChartAxes.ticks(values, Scale.LINEAR, true, Math.max(-lo, hi));
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

}
