package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.contigsim.scenario.Variant;

/**
 * {@code comparison.json}: every variant of a sweep (or probe of a capacity search) with its main
 * figures, {@code [{"variant": {"jobs.policy": "buddy", "hosts": 8}, "results": {...}}, ...]}.
 * With one replica a figure is the run's value; with more it is
 * {@code {"mean", "ci95_low", "ci95_high", "n"}} over the replicas ({@link Spread}). Built from
 * the runs' {@link RunSummary.Figures} only, so it depends only on scenario file and seed.
 */
final class Comparison {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    /**
     * One variant and its runs.
     *
     * @param dir the variant's directory under the plan's, as people should read it
     * @param runs each replica's main figures, in replica order
     */
    record Entry(Variant variant, String dir, List<RunSummary.Figures> runs) {
        Entry {
            runs = List.copyOf(runs);
        }

        /** The figure's values over the replicas that have it. */
        double[] values(Figure f) {
            List<Double> out = new ArrayList<>();
            for (RunSummary.Figures r : runs) {
                Number n = f.in(r);
                if (n != null) {
                    out.add(n.doubleValue());
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * One element of comparison.json.
     *
     * @param variant each setting of the variant, a number when the setting is one
     * @param results each figure at its results.json path: the run's value, or its {@link Spread}
     */
    record Compared(Map<String, Object> variant, Map<String, Object> results) {
    }

    /** A figure over the replicas: its mean and the 95% confidence interval of the mean, rounded as written. */
    record Spread(double mean, double ci95Low, double ci95High, int n) {
        static Spread of(Interval i) {
            return new Spread(round(i.mean()), round(i.low()), round(i.high()), i.n());
        }
    }

    private Comparison() {
    }

    static String json(List<Entry> entries) {
        List<Compared> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new Compared(variant(e.variant()), results(e)));
        }
        return ResultsJson.write(out);
    }

    private static Map<String, Object> variant(Variant v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Variant.Setting s : v.settings()) {
            if (s.number() && WHOLE.matcher(s.value()).matches()) {
                out.put(s.key(), Long.parseLong(s.value()));
            } else if (s.number()) {
                out.put(s.key(), Double.parseDouble(s.value()));
            } else {
                out.put(s.key(), s.value());
            }
        }
        return out;
    }

    /** The figures of {@code e} nested as in results.json; those too few runs have are left out. */
    private static Map<String, Object> results(Entry e) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Figure f : Figure.ALL) {
            if (e.runs().size() == 1) {
                Number v = f.in(e.runs().get(0));
                if (v != null) {
                    parentIn(results, f).put(f.key(), v);
                }
                continue;
            }
            double[] values = e.values(f);
            if (values.length < 2) {
                continue; // not in enough runs to say anything about its spread
            }
            parentIn(results, f).put(f.key(), Spread.of(Interval.of(values)));
        }
        return results;
    }

    /** The map in {@code root} that holds figure {@code f} (for {@code /wait_seconds/p95}: wait_seconds), made if missing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parentIn(Map<String, Object> root, Figure f) {
        Map<String, Object> m = root;
        for (String key : f.parents()) {
            m = (Map<String, Object>) m.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
