package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** results.json is the run's {@link RunSummary} as it is: names, order and numbers as they always were. */
class RunSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> fields(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void shouldWriteTheSummaryWithItsFiguresAtTheTopLevelInSnakeCase() throws Exception {
        Simulation sim = DirectRun.run(Scenarios.tiny(), 3);
        RunSummary summary = RunResults.summary(sim);
        JsonNode results = JSON.readTree(RunResults.json(sim));

        assertEquals(List.of("scenario", "seed", "hosts", "policy", "placement", "simulated_seconds", "epochs_executed",
                "jobs", "wait_seconds", "throughput_mib_s", "fragmentation", "compaction", "simulation", "hosts_final"),
                fields(results));
        assertEquals(List.of("submitted", "started", "completed", "contiguous", "fallback", "running_at_end",
                "waiting_at_end", "failed", "placement_attempts", "buffer_allocation_failures", "bound_by"),
                fields(results.get("jobs")));
        assertEquals(List.of("mean_unusable_index_order9", "mean_largest_contig_gib"),
                fields(results.get("fragmentation")));
        assertEquals(List.of("host", "class", "free_bytes", "largest_contig_bytes", "largest_aligned_contig_bytes",
                "largest_free_block_order", "unusable_index_order9", "buffers", "buffer_bytes", "contig_attempts",
                "pages_migrated", "hugetlb_free_bytes"), fields(results.get("hosts_final").get(0)));
        assertTrue(results.get("seed").isIntegralNumber() && results.at("/wait_seconds/max").isDouble(),
                "whole numbers stay whole, measures stay decimal (0.0, not 0)");
        for (Figure f : Figure.ALL) {
            assertEquals(results.at(f.path()).asDouble(), f.in(summary.figures()).doubleValue(), f.path());
        }
    }
}
