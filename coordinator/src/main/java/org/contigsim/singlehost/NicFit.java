package org.contigsim.singlehost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contigsim.nic.Calibration;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.report.Charts;

/**
 * {@code contigsim nic-fit}'s work: a NIC profile fitted to (or checked against) measured
 * {@code ib_read_bw} rows, told as text (the profile's parameters and a residual table) and as a
 * measured-versus-model chart.
 *
 * @param profile the fitted profile, or the starting one when nothing was fitted
 */
public record NicFit(DeviceProfile profile, List<Calibration.Row> rows, boolean fitted, String source) {

    /** Fits {@code start} to {@code rows} when {@code fit}; {@code source} names where the rows came from. */
    public static NicFit of(DeviceProfile start, List<Calibration.Row> rows, boolean fit, String source) {
        return new NicFit(fit ? Calibration.fit(start, rows) : start, List.copyOf(rows), fit, source);
    }

    /** The profile's parameters, one per line, then the residual table. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(fitted ? "fitted " : "profile ").append(profile.name()).append(" on ")
                .append(source).append(" (").append(rows.size()).append(" rows)\n");
        for (String kv : Calibration.describe(profile).split(" ")) {
            out.append(kv.replace("=", " = ")).append('\n');
        }
        out.append('\n').append(markdown(Calibration.residuals(profile, rows)));
        return out.toString();
    }

    /** The measured-versus-model chart, a self-contained SVG document. */
    public String chart() {
        return chart(profile, rows);
    }

    public static String markdown(List<Calibration.Residual> residuals) {
        StringBuilder sb = new StringBuilder();
        sb.append("| size (B) | memalign measured | memalign model | error | contiguous measured | contiguous model "
                + "| error |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        double m = 0;
        double c = 0;
        for (Calibration.Residual r : residuals) {
            sb.append(String.format(Locale.ROOT, "| %,d | %,.2f | %,.2f | %+.1f%% | %,.2f | %,.2f | %+.1f%% |%n",
                    r.size(), r.memalign(), r.memalignModel(), 100 * r.memalignError(), r.contiguous(),
                    r.contiguousModel(), 100 * r.contiguousError()));
            m += Math.abs(r.memalignError());
            c += Math.abs(r.contiguousError());
        }
        sb.append(String.format(Locale.ROOT, "%nMean absolute error: memalign %.1f%%, contiguous %.1f%%%n",
                100 * m / residuals.size(), 100 * c / residuals.size()));
        return sb.toString();
    }

    static String chart(DeviceProfile p, List<Calibration.Row> rows) {
        List<Double> sizes = new ArrayList<>();
        for (double s = 2; s <= 8 << 20; s *= Math.pow(2, 0.25)) {
            sizes.add((double) Math.round(s));
        }
        double[] x = sizes.stream().mapToDouble(Double::doubleValue).toArray();
        double[] modelMemalign = new double[x.length];
        double[] modelContiguous = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] v = Calibration.predict(p, (long) x[i]);
            modelMemalign[i] = v[0];
            modelContiguous[i] = v[1];
        }
        double[] mx = rows.stream().mapToDouble(Calibration.Row::size).toArray();
        return new Charts.Lines("RDMA READ bandwidth, " + p.name() + ": measured vs model", "message size",
                Charts.Scale.LOG2_BYTES, "MiB/s", Charts.Scale.LOG10)
                .add(new Charts.Series("contiguous, model", "#1f77b4", false, x, modelContiguous))
                .add(new Charts.Series("contiguous, measured", "#1f77b4", true, mx,
                        rows.stream().mapToDouble(Calibration.Row::contiguous).toArray()))
                .add(new Charts.Series("memalign (4 KiB pages), model", "#d62728", false, x, modelMemalign))
                .add(new Charts.Series("memalign (4 KiB pages), measured", "#d62728", true, mx,
                        rows.stream().mapToDouble(Calibration.Row::memalign).toArray()))
                .svg("nic-fit");
    }

}
