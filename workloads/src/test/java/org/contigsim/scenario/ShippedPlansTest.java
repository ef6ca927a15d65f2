package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep and capacity files in {@code workloads/scenarios/} describe what their comments say. */
class ShippedPlansTest {
    private static final Path SCENARIOS = Path.of("..", "workloads", "scenarios");

    @Test
    void policiesIsTwoBackgroundsTimesTwoPoliciesWithThreeReplicas() {
        RunPlan p = RunPlan.read(SCENARIOS.resolve("fresh-vs-aged.conf"));
        assertEquals(List.of("background=idle,jobs.policy=contig-range", "background=idle,jobs.policy=buddy",
                "background=fragmenting,jobs.policy=contig-range", "background=fragmenting,jobs.policy=buddy"),
                p.variants().stream().map(Variant::label).toList());
        assertEquals(3, p.replicas());
        assertEquals(12, p.runs());
        Scenario aged = p.variants().get(3).scenario();
        assertEquals("fresh-vs-aged", aged.name());
        assertEquals(8, aged.hosts());
        assertEquals(Contiguity.PREFERRED, aged.jobs().contiguity());
        assertEquals(4L << 30, aged.jobs().bufferBytes(), "the quickstart's jobs");
    }

    @Test
    void capacitySearchesTwoToSixteenHostsForNinetyNinePercentWithinAMinute() {
        RunPlan p = RunPlan.read(SCENARIOS.resolve("capacity.conf"));
        assertEquals(new CapacitySpec(2, 16, 60_000_000_000L, 0.99), p.capacity().orElseThrow());
        assertEquals(6, p.runs());
        assertEquals(128L << 20, p.probe(8).scenario().jobs().bufferBytes());
    }
}
