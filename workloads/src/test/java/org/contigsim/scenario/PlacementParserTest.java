package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.placement.FitsFilter;
import org.contigsim.placement.LargestRangeWeigher;
import org.contigsim.placement.LowIdWeigher;
import org.contigsim.placement.MostFreeWeigher;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs.placement: a named placement or a block of filters and weighers, and its one-line errors. */
class PlacementParserTest {
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";

    @TempDir
    Path dir;

    private ScenarioFile file;

    @BeforeEach
    void setUp() {
        file = new ScenarioFile(dir.resolve("bad.conf"));
    }

    private PlacementPolicy placement(String jobs) throws IOException {
        return new ScenarioFile(dir.resolve("placement.conf")).parse(REQUIRED + jobs).jobs().placement();
    }

    private String error(String jobs) throws IOException {
        return file.error(REQUIRED + jobs);
    }

    private String at(int line, String rest) {
        return file.at(line, rest);
    }

    @Test
    void shouldReadANamedPlacementAndDefaultToFirstFit() throws IOException {
        assertEquals(PlacementPolicy.Named.FIRST_FIT, placement(""));
        assertEquals(PlacementPolicy.Named.FRAGMENTATION_AWARE, placement("jobs.placement = fragmentation-aware\n"));
        assertEquals(PlacementPolicy.Named.BEST_CONTIGUITY, placement("jobs.placement = \"best-contiguity\"\n"));
    }

    @Test
    void shouldReadABlockOfFiltersAndWeighers() throws IOException {
        assertEquals(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of(
                new Weighing(new LargestRangeWeigher(), 2.5), new Weighing(new LowIdWeigher(), 1),
                new Weighing(new MostFreeWeigher(), -1))),
                placement("jobs.placement {\n  filters = [fits]\n  weighers = [{ name = largest-range, multiplier = 2.5 },"
                        + " low-id, { name = most-free, multiplier = -1 }]\n}\n"));
    }

    @Test
    void shouldFilterByFitsAndWeighNothingByDefault() throws IOException {
        assertEquals(new PlacementPolicy.Composed(List.of(new FitsFilter()), List.of()), placement("jobs.placement {}\n"));
        assertEquals(new PlacementPolicy.Composed(List.of(), List.of(new Weighing(new LowIdWeigher(), 1))),
                placement("jobs.placement { filters = [], weighers = [{ name = low-id }] }\n"));
    }

    @Test
    void shouldNameTheLineAndKeyOfEveryProblem() throws IOException {
        assertEquals(at(3, "jobs.placement: \"random\" is not a placement policy (known: first-fit, best-contiguity, "
                + "fragmentation-aware)"), error("jobs.placement = random\n"));
        assertEquals(at(3, "jobs.placement: expected a placement policy or a block, found a list"),
                error("jobs.placement = [fits]\n"));
        assertEquals(at(4, "jobs.placement.weigher: unknown key (known: filters, weighers)"),
                error("jobs.placement {\n  weigher = [low-id]\n}\n"));
        assertEquals(at(4, "jobs.placement.filters[1]: \"roomy\" is not a placement filter (known: fits)"),
                error("jobs.placement {\n  filters = [fits, roomy]\n}\n"));
        assertEquals(at(3, "jobs.placement.filters: expected a list of filter names, found \"fits\""),
                error("jobs.placement { filters = fits }\n"));
        assertEquals(at(5, "jobs.placement.weighers[0].name: \"newest\" is not a placement weigher (known: low-id, "
                + "largest-range, tightest-range, most-free)"),
                error("jobs.placement {\n  weighers = [\n    { name = newest }\n  ]\n}\n"));
        assertEquals(at(3, "jobs.placement.weighers[0]: \"biggest\" is not a placement weigher (known: low-id, "
                + "largest-range, tightest-range, most-free)"), error("jobs.placement.weighers = [biggest]\n"));
        assertEquals(file.path + ": jobs.placement.weighers[0].name: missing (the weigher's name)",
                error("jobs.placement.weighers = [{ multiplier = 2 }]\n"));
        assertEquals(at(3, "jobs.placement.weighers[0].multiplier: 10000000 is out of range (-1000000 to 1000000)"),
                error("jobs.placement.weighers = [{ name = low-id, multiplier = 1e7 }]\n"));
        assertEquals(at(3, "jobs.placement.weighers[0].weight: unknown key (known: multiplier, name)"),
                error("jobs.placement.weighers = [{ name = low-id, weight = 2 }]\n"));
    }
}
