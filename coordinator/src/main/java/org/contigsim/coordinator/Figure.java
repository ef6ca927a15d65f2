package org.contigsim.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One of a run's main figures, as results.json holds it, for comparing variants.
 *
 * @param path where results.json holds it, e.g. {@code /wait_seconds/p95}; comparison.json nests
 *     the figure at the same path
 * @param label what the comparison report calls it
 * @param charted whether the comparison report draws it (the others are in its table)
 */
record Figure(String path, String label, boolean charted) {

    /** The figures compared, in the order comparison.json and the report give them. */
    static final List<Figure> ALL = List.of(
            new Figure("/jobs/submitted", "jobs submitted", false),
            new Figure("/jobs/started", "jobs started", true),
            new Figure("/jobs/completed", "jobs completed", false),
            new Figure("/jobs/contiguous", "completed on contiguous buffers", true),
            new Figure("/jobs/fallback", "completed on fallback buffers", false),
            new Figure("/jobs/failed", "jobs failed (waited longer than max-wait)", true),
            new Figure("/jobs/running_at_end", "running at the end", false),
            new Figure("/jobs/waiting_at_end", "waiting at the end", false),
            new Figure("/wait_seconds/p50", "wait p50 (s)", false),
            new Figure("/wait_seconds/p95", "wait p95 (s)", true),
            new Figure("/wait_seconds/p99", "wait p99 (s)", false),
            new Figure("/wait_seconds/max", "wait max (s)", false),
            new Figure("/wait_seconds/mean", "wait mean (s)", false),
            new Figure("/throughput_mib_s/mean", "throughput mean (MiB/s)", true),
            new Figure("/throughput_mib_s/p5", "throughput p5 (MiB/s)", true),
            new Figure("/fragmentation/mean_unusable_index_order9/last_epoch",
                    "order-9 unusable index, last epoch (mean over hosts)", true),
            new Figure("/fragmentation/mean_unusable_index_order9/max", "order-9 unusable index, worst epoch", false),
            new Figure("/fragmentation/mean_largest_contig_gib/last_epoch",
                    "largest contiguous range, last epoch (GiB, mean over hosts)", false),
            new Figure("/fragmentation/mean_largest_contig_gib/min", "largest contiguous range, worst epoch (GiB)",
                    false),
            new Figure("/compaction/pages_migrated", "pages migrated", true),
            new Figure("/compaction/simulated_seconds", "compaction time (simulated s)", false));

    /**
     * The main figures of a run's results.json tree, at the same paths, without the rest (every
     * host's final memory can be large, and a plan keeps every run's figures until it ends).
     */
    static JsonNode only(JsonNode results) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Figure f : ALL) {
            JsonNode v = f.in(results);
            if (v != null) {
                f.parentIn(out).set(f.key(), v);
            }
        }
        return out;
    }

    /** The figure in a run's results.json tree, or null when the run has none (no epochs). */
    JsonNode in(JsonNode results) {
        JsonNode n = results.at(path);
        return n.isNumber() ? n : null;
    }

    /** The object in {@code root} that holds this figure (for {@code /wait_seconds/p95}: wait_seconds), made if missing. */
    ObjectNode parentIn(ObjectNode root) {
        String[] keys = path.substring(1).split("/");
        ObjectNode o = root;
        for (int i = 0; i < keys.length - 1; i++) {
            o = o.has(keys[i]) ? (ObjectNode) o.get(keys[i]) : o.putObject(keys[i]);
        }
        return o;
    }

    /** The figure's own key in its parent object: p95 for {@code /wait_seconds/p95}. */
    String key() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
