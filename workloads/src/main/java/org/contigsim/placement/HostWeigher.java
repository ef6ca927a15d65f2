package org.contigsim.placement;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;

/**
 * How good a host is for a job's buffer: higher is better. A placement normalises each weigher's
 * values over the hosts that passed its filters to [0, 1], then adds them up, each times its
 * multiplier ({@link Weighing}); only the order of a weigher's values matters, not its unit. The
 * built-in weighers, by the names a scenario's {@code jobs.placement.weighers} gives, are
 * {@link #all()}.
 */
public sealed interface HostWeigher extends Labelled
        permits LowIdWeigher, LargestRangeWeigher, TightestRangeWeigher, MostFreeWeigher {
    /** The weight of {@code host} for a buffer that needs {@code need} bytes of its offer; higher is better. */
    double weigh(Candidate host, long need);

    /** The built-in weighers. */
    static List<HostWeigher> all() {
        return List.of(new LowIdWeigher(), new LargestRangeWeigher(), new TightestRangeWeigher(),
                new MostFreeWeigher());
    }

    static List<String> names() {
        return Labelled.labels(all().toArray(new HostWeigher[0]));
    }

    static Optional<HostWeigher> named(String label) {
        return Labelled.find(label, all().toArray(new HostWeigher[0]));
    }
}
