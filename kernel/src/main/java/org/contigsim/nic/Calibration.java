package org.contigsim.nic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a device profile's free parameters to an {@code ib_read_bw -a} table (memalign versus
 * contiguous MiB/s per message size), in three stages that each use the rows where one part of
 * the pipeline alone binds:
 *
 * <ol>
 *   <li>link overhead per packet, from the contiguous rows of 128 KiB and more (link-bound);
 *   <li>the DMA stall per 4 KiB MTT page (lookup hit plus restart), from the memalign rows of 32 KiB
 *       and more (link plus translation);
 *   <li>round trip, requester and responder work, lookup hit and the pipeline exponent, by
 *       least squares on the log error of both columns over the rows up to 8 KiB (Nelder-Mead
 *       from fixed starting points, so the fit is reproducible).
 * </ol>
 *
 * The buffers are the ideal perftest ones: 4 KiB MTT pages for memalign, one entry for contiguous.
 */
public final class Calibration {
    /** One row of an ib_read_bw table. */
    public record Row(long size, double memalign, double contiguous) {
    }

    /** The model's value next to a measured one. */
    public record Residual(long size, double memalign, double memalignModel, double contiguous, double contiguousModel) {
        public double memalignError() {
            return memalignModel / memalign - 1;
        }

        public double contiguousError() {
            return contiguousModel / contiguous - 1;
        }
    }

    static final long LINK_ROWS_FROM = 128 << 10;
    static final long STALL_ROWS_FROM = 32 << 10;
    static final long ENGINE_ROWS_UP_TO = 8 << 10;

    private static final RegionLayout SCATTERED = RegionLayout.scattered(Perftest.MEMALIGN_IOVA, Perftest.REGION_BYTES);
    private static final RegionLayout CONTIGUOUS =
            RegionLayout.chunked(Perftest.CONTIGUOUS_IOVA, Perftest.REGION_BYTES, Perftest.REGION_BYTES);

    private Calibration() {
    }

    /** The table {@code connectx5-edr} was calibrated on (shipped next to the profiles). */
    public static List<Row> connectx5Reference() {
        try (InputStream in = Calibration.class.getResourceAsStream("connectx5-edr-ib_read_bw.csv")) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "connectx5-edr-ib_read_bw.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code size_bytes,memalign_mib_s,contiguous_mib_s} rows ('#' comments and one header
     * line allowed). Errors name the source, the line and the field.
     */
    public static List<Row> parse(Reader reader, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("size_bytes")) {
                continue;
            }
            String[] f = text.split(",", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException(source + ":" + n + ": expected size_bytes,memalign_mib_s,"
                        + "contiguous_mib_s, found " + f.length + " fields");
            }
            long size = (long) number(f[0], source, n, "size_bytes");
            if (size != number(f[0], source, n, "size_bytes") || size > Perftest.MAX_MESSAGE) {
                throw new IllegalArgumentException(source + ":" + n + ": size_bytes: '" + f[0].strip()
                        + "' is not a whole number of bytes from 1 to 8388608");
            }
            rows.add(new Row(size, number(f[1], source, n, "memalign_mib_s"), number(f[2], source, n, "contiguous_mib_s")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rows");
        }
        return rows;
    }

    private static double number(String field, String source, int line, String name) {
        try {
            double v = Double.parseDouble(field.strip());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(source + ":" + line + ": " + name + ": '" + field.strip()
                + "' is not a positive number");
    }

    /** The model's memalign and contiguous MiB/s for perftest's READ of {@code size} bytes. */
    public static double[] predict(DeviceProfile profile, long size) {
        NicModel model = new NicModel(profile);
        return new double[] {
            model.evaluate(Transfer.perftestRead(size, SCATTERED)).mibPerSecond(),
            model.evaluate(Transfer.perftestRead(size, CONTIGUOUS)).mibPerSecond()
        };
    }

    public static List<Residual> residuals(DeviceProfile profile, List<Row> rows) {
        List<Residual> out = new ArrayList<>();
        for (Row r : rows) {
            double[] p = predict(profile, r.size());
            out.add(new Residual(r.size(), r.memalign(), p[0], r.contiguous(), p[1]));
        }
        return out;
    }

    /** Fits {@code start}'s free parameters to {@code rows}; keeps every other value of {@code start}. */
    public static DeviceProfile fit(DeviceProfile start, List<Row> rows) {
        DeviceProfile.Link link = start.link();
        double perPacket = meanNsPer4k(rows, LINK_ROWS_FROM, false);
        if (perPacket > 0) {
            double overhead = perPacket * link.bytesPerNs() - link.mtu() - link.headerBytes();
            link = new DeviceProfile.Link(link.gbps(), link.mtu(), link.headerBytes(), Math.max(0, overhead));
        }
        DeviceProfile.Translation tr = start.translation();
        double perPage = meanNsPer4k(rows, STALL_ROWS_FROM, true);
        double stall = perPage > 0 ? Math.max(0, perPage - link.wireNs(4096)) : tr.hitNs() + tr.restartNs();

        List<Row> engineRows = new ArrayList<>();
        for (Row r : rows) {
            if (r.size() <= ENGINE_ROWS_UP_TO) {
                engineRows.add(r);
            }
        }
        DeviceProfile.Engine e = start.engine();
        DeviceProfile base = start.with(link, e, tr);
        double[] x0 = {e.roundTripNs(), e.requesterNs(), e.responderNs(), Math.min(tr.hitNs(), stall), e.pipelineExponent()};
        Objective f = x -> engineRows.isEmpty() ? 0 : loss(apply(base, x, stall), engineRows);
        double[] best = x0;
        double bestLoss = f.at(clamp(x0, stall));
        // fixed starting points around the start profile: a reproducible multi-start
        double[][] scales = {{1, 1, 1, 1, 1}, {0.7, 1.3, 0.7, 0.5, 0.6}, {1.3, 0.8, 1.3, 1.5, 1.5}, {0.9, 1.1, 0.5, 0.8, 2},
            {1.1, 0.9, 1.5, 0.3, 0.8}, {0.6, 0.6, 1.2, 1.2, 1.2}};
        for (double[] s : scales) {
            double[] x = new double[x0.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = x0[i] * s[i];
            }
            double[] found = NelderMead.minimize(y -> f.at(clamp(y, stall)), x, 4000);
            double l = f.at(clamp(found, stall));
            if (l < bestLoss) {
                bestLoss = l;
                best = clamp(found, stall);
            }
        }
        return apply(base, clamp(best, stall), stall);
    }

    /** Sum of squared log errors of both columns. */
    public static double loss(DeviceProfile p, List<Row> rows) {
        double sum = 0;
        for (Row r : rows) {
            double[] m = predict(p, r.size());
            sum += sq(Math.log(m[0] / r.memalign())) + sq(Math.log(m[1] / r.contiguous()));
        }
        return sum;
    }

    /** A one-line summary of the fitted values, for people reading the fit. */
    public static String describe(DeviceProfile p) {
        return String.format(Locale.ROOT,
                "link.overhead-bytes=%.2f engine.round-trip-ns=%.0f engine.requester-ns=%.1f engine.responder-ns=%.1f "
                        + "engine.pipeline-exponent=%.1f translation.hit-ns=%.1f translation.restart-ns=%.1f",
                p.link().overheadBytes(), p.engine().roundTripNs(), p.engine().requesterNs(), p.engine().responderNs(),
                p.engine().pipelineExponent(), p.translation().hitNs(), p.translation().restartNs());
    }

    private static double meanNsPer4k(List<Row> rows, long from, boolean memalign) {
        double sum = 0;
        int n = 0;
        for (Row r : rows) {
            if (r.size() >= from) {
                sum += memalign ? r.memalign() : r.contiguous();
                n++;
            }
        }
        return n == 0 ? 0 : 4096 / (sum / n * 1024 * 1024) * 1e9;
    }

    private static DeviceProfile apply(DeviceProfile base, double[] x, double stall) {
        DeviceProfile.Engine e = base.engine();
        DeviceProfile.Translation t = base.translation();
        return base.with(base.link(),
                new DeviceProfile.Engine(e.readWindow(), e.sendQueueDepth(), x[0], x[1], x[2], x[4]),
                new DeviceProfile.Translation(t.maxPageBytes(), t.contextEntries(), t.cacheEntries(), x[3], stall - x[3],
                        t.missNs()));
    }

    private static double[] clamp(double[] x, double stall) {
        return new double[] {
            Math.max(1, x[0]), Math.max(1, x[1]), Math.max(0, x[2]), Math.min(stall, Math.max(0, x[3])),
            Math.min(40, Math.max(1, x[4]))
        };
    }

    private static double sq(double v) {
        return v * v;
    }

    @FunctionalInterface
    interface Objective {
        double at(double[] x);
    }

    /** The downhill simplex method, enough for a handful of smooth parameters. */
    static final class NelderMead {
        private NelderMead() {
        }

        static double[] minimize(Objective f, double[] start, int maxEvaluations) {
            int n = start.length;
            double[][] simplex = new double[n + 1][];
            double[] values = new double[n + 1];
            simplex[0] = start.clone();
            for (int i = 0; i < n; i++) {
                double[] v = start.clone();
                v[i] = v[i] == 0 ? 0.05 : v[i] * 1.1;
                simplex[i + 1] = v;
            }
            for (int i = 0; i <= n; i++) {
                values[i] = f.at(simplex[i]);
            }
            int evaluations = n + 1;
            while (evaluations < maxEvaluations) {
                sort(simplex, values);
                if (Math.abs(values[n] - values[0]) <= 1e-12 * (Math.abs(values[0]) + 1e-12)) {
                    break;
                }
                double[] centroid = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        centroid[j] += simplex[i][j] / n;
                    }
                }
                double[] reflected = toward(centroid, simplex[n], -1);
                double fr = f.at(reflected);
                evaluations++;
                if (fr < values[0]) {
                    double[] expanded = toward(centroid, simplex[n], -2);
                    double fe = f.at(expanded);
                    evaluations++;
                    if (fe < fr) {
                        simplex[n] = expanded;
                        values[n] = fe;
                    } else {
                        simplex[n] = reflected;
                        values[n] = fr;
                    }
                } else if (fr < values[n - 1]) {
                    simplex[n] = reflected;
                    values[n] = fr;
                } else {
                    double[] contracted = toward(centroid, simplex[n], 0.5);
                    double fc = f.at(contracted);
                    evaluations++;
                    if (fc < values[n]) {
                        simplex[n] = contracted;
                        values[n] = fc;
                    } else {
                        for (int i = 1; i <= n; i++) {
                            simplex[i] = toward(simplex[0], simplex[i], 0.5);
                            values[i] = f.at(simplex[i]);
                            evaluations++;
                        }
                    }
                }
            }
            sort(simplex, values);
            return simplex[0];
        }

        /** c + t * (p - c). */
        private static double[] toward(double[] c, double[] p, double t) {
            double[] out = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = c[i] + t * (p[i] - c[i]);
            }
            return out;
        }

        private static void sort(double[][] simplex, double[] values) {
            for (int i = 1; i < values.length; i++) {
                for (int j = i; j > 0 && values[j] < values[j - 1]; j--) {
                    double v = values[j];
                    values[j] = values[j - 1];
                    values[j - 1] = v;
                    double[] s = simplex[j];
                    simplex[j] = simplex[j - 1];
                    simplex[j - 1] = s;
                }
            }
        }
    }
}
