package org.contigsim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.Section;
import org.contigsim.placement.FitsFilter;
import org.contigsim.placement.HostFilter;
import org.contigsim.placement.HostWeigher;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;

/**
 * Reads {@code jobs.placement}: a named placement ({@code placement = best-contiguity}) or a
 * block that spells one out:
 * <pre>
 * placement {
 *   filters = [fits]
 *   weighers = [{ name = largest-range, multiplier = 1 }, low-id]
 * }
 * </pre>
 * {@code filters} defaults to {@code [fits]}, {@code weighers} to none (ties: lowest ids); a
 * weigher given by its name alone counts once. Names are looked up in {@link HostFilter} and
 * {@link HostWeigher}, whose lists the errors show.
 */
final class PlacementParser {
    static final String KEY = "placement";
    static final List<String> KEYS = List.of("filters", "weighers");
    static final List<String> WEIGHER_KEYS = List.of("name", "multiplier");
    /** Multipliers beyond this would only make one weigher drown the others. */
    static final double MAX_MULTIPLIER = 1e6;

    private PlacementParser() {
    }

    /** The placement of the jobs section {@code jobs}; first-fit when left out. */
    static PlacementPolicy parse(Section jobs) {
        if (!jobs.isObject(KEY)) {
            return jobs.field(KEY, "a placement policy or a block", PlacementPolicy.Named.FIRST_FIT.label())
                    .oneOf(PlacementPolicy.Named.values(), "a placement policy");
        }
        Section p = jobs.section(KEY);
        p.allowOnly(KEYS);
        List<HostFilter> filters = new ArrayList<>();
        List<Section.Element> given = p.list("filters", "a list of filter names");
        if (given == null) {
            filters.add(new FitsFilter());
        } else {
            for (Section.Element e : given) {
                filters.add(e.field("a filter name").oneOf(HostFilter.all().toArray(new HostFilter[0]),
                        "a placement filter"));
            }
        }
        List<Weighing> weighers = new ArrayList<>();
        List<Section.Element> weighing = p.list("weighers", "a list of weighers");
        for (Section.Element e : weighing == null ? List.<Section.Element>of() : weighing) {
            weighers.add(weighing(e));
        }
        return new PlacementPolicy.Composed(filters, weighers);
    }

    /** {@code { name = NAME, multiplier = M }}, or {@code NAME} for a multiplier of 1. */
    private static Weighing weighing(Section.Element e) {
        if (!e.isObject()) {
            return new Weighing(weigher(e.field("a weigher name or { name, multiplier }")), 1);
        }
        Section w = e.section();
        w.allowOnly(WEIGHER_KEYS);
        HostWeigher weigher = weigher(w.required("name", "a weigher name", "the weigher's name"));
        double multiplier = w.field("multiplier", "a number", "1").decimal(-MAX_MULTIPLIER, MAX_MULTIPLIER);
        return new Weighing(weigher, multiplier);
    }

    private static HostWeigher weigher(Field f) {
        return f.oneOf(HostWeigher.all().toArray(new HostWeigher[0]), "a placement weigher");
    }
}
