package org.contigsim.placement;

import java.util.Objects;

/**
 * One weigher of a placement and its multiplier: the weigher's value, normalised to [0, 1] over
 * the candidate hosts, counts this many times in a host's score (a negative multiplier turns a
 * preference around).
 *
 * @param weigher the weigher
 * @param multiplier its factor, finite
 */
public record Weighing(HostWeigher weigher, double multiplier) {
    public Weighing {
        Objects.requireNonNull(weigher, "weigher");
        if (!Double.isFinite(multiplier)) {
            throw new IllegalArgumentException("multiplier " + multiplier + " is not finite");
        }
    }
}
