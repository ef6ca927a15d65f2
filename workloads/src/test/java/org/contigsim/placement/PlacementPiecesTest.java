package org.contigsim.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in filters and weighers are found by their names, which are the scenario's. */
class PlacementPiecesTest {
    @Test
    void shouldListTheBuiltInsByName() {
        assertEquals(List.of("fits"), HostFilter.names());
        assertEquals(List.of("low-id", "largest-range", "tightest-range", "most-free"), HostWeigher.names());
        assertEquals(Optional.of(new TightestRangeWeigher()), HostWeigher.named("tightest-range"));
        assertEquals(Optional.empty(), HostFilter.named("Fits"));
    }

    @Test
    void shouldComposeTheNamedPlacementsOfFitsAndOneWeigherEach() {
        assertEquals(List.of("first-fit", "best-contiguity", "fragmentation-aware"), PlacementPolicy.Named.names());
        assertEquals(List.of(new FitsFilter()), PlacementPolicy.Named.BEST_CONTIGUITY.filters());
        assertEquals(List.of(new Weighing(new LargestRangeWeigher(), 1)), PlacementPolicy.Named.BEST_CONTIGUITY.weighers());
        assertEquals(List.of(new Weighing(new LowIdWeigher(), 1)), PlacementPolicy.Named.FIRST_FIT.weighers());
        assertEquals(List.of(new Weighing(new TightestRangeWeigher(), 1)),
                PlacementPolicy.Named.FRAGMENTATION_AWARE.weighers());
    }

    @Test
    void shouldLabelAComposedPlacementAsItsBlock() {
        assertEquals("{ filters = [fits], weighers = [{ name = most-free, multiplier = 0.25 }, "
                + "{ name = low-id, multiplier = 1 }] }", new PlacementPolicy.Composed(List.of(new FitsFilter()),
                List.of(new Weighing(new MostFreeWeigher(), 0.25), new Weighing(new LowIdWeigher(), 1))).label());
        assertEquals("first-fit", PlacementPolicy.Named.FIRST_FIT.label());
    }
}
