package org.contigsim.placement;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;

/**
 * How the coordinator picks a job's hosts ({@code jobs.placement}): the hosts that pass every
 * filter are ranked by the sum of their weighers' values, each normalised over those hosts to
 * [0, 1] and times its multiplier, and the best are taken, ties going to the lower host id. A
 * scenario names one of the {@link Named} compositions or spells one out ({@link Composed}).
 */
public sealed interface PlacementPolicy {
    /** Every filter a host must pass, in order. */
    List<HostFilter> filters();

    /** The weighers a host's score adds up. */
    List<Weighing> weighers();

    /** What results call this placement: a name, or the composition on one line. */
    String label();

    /** The placements by name; the first is the default. */
    enum Named implements PlacementPolicy, Labelled {
        /** The lowest host ids that can give the buffer. */
        FIRST_FIT("first-fit", new LowIdWeigher()),
        /** The hosts with the largest offers: the ones most likely to succeed. */
        BEST_CONTIGUITY("best-contiguity", new LargestRangeWeigher()),
        /** The tightest offers that fit, keeping large ranges whole for later jobs. */
        FRAGMENTATION_AWARE("fragmentation-aware", new TightestRangeWeigher());

        private final String label;
        private final List<HostFilter> filters;
        private final List<Weighing> weighers;

        Named(String label, HostWeigher weigher) {
            this.label = label;
            this.filters = List.of(new FitsFilter());
            this.weighers = List.of(new Weighing(weigher, 1));
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public List<HostFilter> filters() {
            return filters;
        }

        @Override
        public List<Weighing> weighers() {
            return weighers;
        }

        public static List<String> names() {
            return Labelled.labels(values());
        }

        public static Optional<Named> named(String label) {
            return Labelled.find(label, values());
        }
    }

    /**
     * A placement a scenario spells out: {@code jobs.placement { filters = [...], weighers = [...] }}.
     *
     * @param filters the filters, in order
     * @param weighers the weighers with their multipliers; none: every passing host weighs the
     *     same, so the lowest ids are taken
     */
    record Composed(List<HostFilter> filters, List<Weighing> weighers) implements PlacementPolicy {
        public Composed {
            filters = List.copyOf(filters);
            weighers = List.copyOf(weighers);
        }

        /** The block as a scenario writes it, on one line. */
        @Override
        public String label() {
            StringBuilder b = new StringBuilder("{ filters = [");
            for (int i = 0; i < filters.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(filters.get(i).label());
            }
            b.append("], weighers = [");
            for (int i = 0; i < weighers.size(); i++) {
                Weighing w = weighers.get(i);
                b.append(i == 0 ? "" : ", ").append("{ name = ").append(w.weigher().label()).append(", multiplier = ")
                        .append(number(w.multiplier())).append(" }");
            }
            return b.append("] }").toString();
        }

        /** A whole number without a fraction; otherwise Java's shortest exact decimal. */
        private static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
