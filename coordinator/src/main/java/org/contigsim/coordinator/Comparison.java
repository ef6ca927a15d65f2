package org.contigsim.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.contigsim.scenario.Variant;

/**
 * {@code comparison.json}: every variant of a sweep (or probe of a capacity search) with its main
 * figures, {@code [{"variant": {"jobs.policy": "buddy", "hosts": 8}, "results": {...}}, ...]}.
 * With one replica a figure is the run's value; with more it is
 * {@code {"mean", "ci95_low", "ci95_high", "n"}} over the replicas. Built from the runs'
 * results.json trees only, so it depends only on scenario file and seed.
 */
final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    /**
     * One variant and its runs.
     *
     * @param dir the variant's directory under the plan's, as people should read it
     * @param runs each replica's results.json tree (or just its figures: {@link Figure#only}), in
     *     replica order
     */
    record Entry(Variant variant, String dir, List<JsonNode> runs) {
        Entry {
            runs = List.copyOf(runs);
        }

        /** The figure's values over the replicas that have it. */
        double[] values(Figure f) {
            List<Double> out = new ArrayList<>();
            for (JsonNode r : runs) {
                JsonNode n = f.in(r);
                if (n != null) {
                    out.add(n.asDouble());
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private Comparison() {
    }

    static String json(List<Entry> entries) {
        ArrayNode root = JSON.createArrayNode();
        for (Entry e : entries) {
            ObjectNode o = root.addObject();
            ObjectNode variant = o.putObject("variant");
            for (Variant.Setting s : e.variant().settings()) {
                if (s.number() && WHOLE.matcher(s.value()).matches()) {
                    variant.put(s.key(), Long.parseLong(s.value()));
                } else if (s.number()) {
                    variant.put(s.key(), Double.parseDouble(s.value()));
                } else {
                    variant.put(s.key(), s.value());
                }
            }
            results(o.putObject("results"), e);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void results(ObjectNode results, Entry e) {
        for (Figure f : Figure.ALL) {
            if (e.runs().size() == 1) {
                JsonNode v = f.in(e.runs().get(0));
                if (v != null) {
                    f.parentIn(results).set(f.key(), v.deepCopy());
                }
                continue;
            }
            double[] values = e.values(f);
            if (values.length < 2) {
                continue; // not in enough runs to say anything about its spread
            }
            Interval i = Interval.of(values);
            ObjectNode o = f.parentIn(results).putObject(f.key());
            o.put("mean", round(i.mean()));
            o.put("ci95_low", round(i.low()));
            o.put("ci95_high", round(i.high()));
            o.put("n", i.n());
        }
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
