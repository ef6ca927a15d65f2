package org.contigsim.placement;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;

/**
 * Whether a host can take a job's buffer at all; a host that fails one filter is not placed on.
 * The built-in filters, by the names a scenario's {@code jobs.placement.filters} gives, are
 * {@link #all()}.
 */
public sealed interface HostFilter extends Labelled permits FitsFilter {
    /** Whether {@code host} can take a buffer that needs {@code need} bytes of its offer. */
    boolean accepts(Candidate host, long need);

    /** The built-in filters. */
    static List<HostFilter> all() {
        return List.of(new FitsFilter());
    }

    static List<String> names() {
        return Labelled.labels(all().toArray(new HostFilter[0]));
    }

    static Optional<HostFilter> named(String label) {
        return Labelled.find(label, all().toArray(new HostFilter[0]));
    }
}
