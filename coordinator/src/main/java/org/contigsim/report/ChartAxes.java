package org.contigsim.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The axes of {@link Charts}: linear, base-10 log and byte-size base-2 log, with ticks that read as people write numbers. */
final class ChartAxes {
    /** Tick labels: grouped thousands, up to six decimals, none when whole; the same in every locale. */
    private static final String TICKS = "#,##0.######";

    private ChartAxes() {
    }

    static boolean plottable(Charts.Scale scale, double v) {
        return Double.isFinite(v) && (scale == Charts.Scale.LINEAR || v > 0);
    }

    static ValueAxis axis(String label, Charts.Scale scale, List<Charts.Series> series, boolean x) {
        if (scale == Charts.Scale.LINEAR) {
            NumberAxis axis = new NumberAxis(label);
            axis.setAutoRangeIncludesZero(true);
            boolean whole = true;
            for (Charts.Series s : series) {
                for (double v : x ? s.x() : s.y()) {
                    whole &= !Double.isFinite(v) || v == Math.rint(v);
                }
            }
            axis.setStandardTickUnits(new NumberTickUnitSource(whole, ticks()));
            return axis;
        }
        double base = scale == Charts.Scale.LOG10 ? 10 : 2;
        LogAxis axis = new TextLogAxis(label);
        axis.setBase(base);
        axis.setNumberFormatOverride(scale == Charts.Scale.LOG10 ? ticks() : new ByteSizes());
        // from a power of the base at or below the smallest value to one at or above the largest
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Charts.Series s : series) {
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
    static double largest(List<Charts.Series> series, boolean x) {
        double largest = 0;
        for (Charts.Series s : series) {
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
    static void ticks(ValueAxis axis, Charts.Scale scale, boolean horizontal, double largest) {
        axis.setTickLabelInsets(horizontal ? new RectangleInsets(4, 20, 2, 20) : new RectangleInsets(12, 4, 12, 6));
        if (scale == Charts.Scale.LINEAR && axis instanceof NumberAxis a && largest == 0) {
            a.setRange(0, 1);
        }
    }

    static NumberFormat ticks() {
        return new DecimalFormat(TICKS, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** Tick labels of a byte axis: 2B, 512B, 1KiB, 4MiB, 1GiB. */
    static final class ByteSizes extends NumberFormat {
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
