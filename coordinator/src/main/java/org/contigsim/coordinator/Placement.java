package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.contigsim.placement.Candidate;
import org.contigsim.placement.HostFilter;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;

/**
 * The scheduler of a {@link PlacementPolicy}, as OpenDC's and OpenStack's filter schedulers:
 * the hosts that pass every filter are ranked by their score, ties broken by host id, and the
 * best {@code count} are taken. A host's score adds up, for every weigher, its value normalised
 * over the passing hosts to [0, 1] (min-max, as OpenStack's weighers do; 0 for all when they are
 * equal) times the weigher's multiplier, so a multiplier is a weigher's relative importance
 * whatever its unit. What a
 * host offers ({@code available}) and what a buffer needs depend on the buffer policy, and the
 * caller says both ({@link org.contigsim.buffer.BufferPolicy#offer}, {@code need}). Each placement
 * books what it took on its hosts, so one epoch does not overfill a host. O(hosts log hosts) per
 * job.
 */
final class Placement {
    private final List<HostFilter> filters;
    private final List<Weighing> weighers;

    Placement(PlacementPolicy policy) {
        this.filters = policy.filters();
        this.weighers = policy.weighers();
    }

    /**
     * Picks {@code count} distinct hosts that each offer {@code bytes} and books them in
     * {@code available} and {@code free}; returns null (and books nothing) when too few hosts pass.
     */
    int[] place(long[] available, long[] free, int count, long bytes) {
        List<Candidate> passing = new ArrayList<>();
        for (int h = 0; h < available.length; h++) {
            Candidate c = new Candidate(h, available[h], free[h]);
            if (accepted(c, bytes)) {
                passing.add(c);
            }
        }
        if (passing.size() < count) {
            return null;
        }
        double[] score = scores(passing, bytes);
        Integer[] order = new Integer[passing.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i])
                .thenComparingInt(i -> passing.get(i).hostId()));
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = passing.get(order[i]).hostId();
            available[chosen[i]] -= bytes;
            free[chosen[i]] -= bytes;
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private boolean accepted(Candidate c, long bytes) {
        for (HostFilter f : filters) {
            if (!f.accepts(c, bytes)) {
                return false;
            }
        }
        return true;
    }

    /** Each passing host's score: its weighers' normalised values times their multipliers, added up in order. */
    private double[] scores(List<Candidate> passing, long bytes) {
        double[] score = new double[passing.size()];
        double[] value = new double[passing.size()];
        for (Weighing w : weighers) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < value.length; i++) {
                value[i] = w.weigher().weigh(passing.get(i), bytes);
                min = Math.min(min, value[i]);
                max = Math.max(max, value[i]);
            }
            double range = max - min;
            for (int i = 0; i < score.length; i++) {
                score[i] += w.multiplier() * (range > 0 ? (value[i] - min) / range : 0);
            }
        }
        return score;
    }
}
