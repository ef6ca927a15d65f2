package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the coordinator picks a job's hosts, as composable pieces: filters (can this host take the
 * buffer at all?) and weighers (how good a choice is it?). The hosts that pass every filter are
 * ranked by the sum of their weights, ties broken by host id, and the best {@code count} are
 * taken. What a host offers ({@code available}) and what a buffer needs depend on the buffer
 * policy, and the caller says both: for alloc_contig_pages, the largest aligned window it would
 * find (a power of two) against the buffer rounded up to a power of two (see {@link #window});
 * for the buddy allocator, free memory against the buffer. Each placement books what it needs
 * on its hosts, so one epoch does not overfill a host.
 */
final class Placement {
    /** What the policies know of a host while an epoch's jobs are placed. */
    record Candidate(int hostId, long windowBytes, long freeBytes) {
    }

    interface Filter {
        boolean accepts(Candidate c, long bytes);
    }

    /** Higher is better. */
    interface Weigher {
        double weigh(Candidate c, long bytes);
    }

    /** The host offers what the buffer needs. */
    static final Filter FITS = (c, need) -> c.windowBytes() >= need;
    /** Lower host ids first: first fit. */
    static final Weigher LOW_ID = (c, bytes) -> -c.hostId();
    /** Larger aligned windows first: the hosts most likely to succeed. */
    static final Weigher LARGEST_RANGE = (c, bytes) -> c.windowBytes();
    /**
     * Tighter fits first: carving the buffer out of the smallest range that holds it keeps the
     * large ranges whole for later, larger jobs.
     */
    static final Weigher TIGHTEST_RANGE = (c, bytes) -> -(double) (c.windowBytes() - bytes);

    /** The aligned window a buffer needs: its size rounded up to a power of two. */
    static long window(long bytes) {
        long w = Long.highestOneBit(bytes);
        return w == bytes ? w : w << 1;
    }

    private final List<Filter> filters;
    private final List<Weigher> weighers;

    Placement(List<Filter> filters, List<Weigher> weighers) {
        this.filters = List.copyOf(filters);
        this.weighers = List.copyOf(weighers);
    }

    /** A placement policy by its scenario name ({@code jobs.placement}). */
    static Placement named(String name) {
        return switch (name) {
            case "first-fit" -> new Placement(List.of(FITS), List.of(LOW_ID));
            case "best-contiguity" -> new Placement(List.of(FITS), List.of(LARGEST_RANGE));
            case "fragmentation-aware" -> new Placement(List.of(FITS), List.of(TIGHTEST_RANGE));
            default -> throw new IllegalArgumentException("unknown placement policy '" + name + "'");
        };
    }

    /**
     * Picks {@code count} distinct hosts that each offer {@code bytes} and books them in
     * {@code available} and {@code free}; returns null (and books nothing) when too few hosts pass.
     */
    int[] place(long[] available, long[] free, int count, long bytes) {
        List<Candidate> passing = new ArrayList<>();
        for (int h = 0; h < available.length; h++) {
            Candidate c = new Candidate(h, available[h], free[h]);
            if (filters.stream().allMatch(f -> f.accepts(c, bytes))) {
                passing.add(c);
            }
        }
        if (passing.size() < count) {
            return null;
        }
        passing.sort(Comparator.comparingDouble((Candidate c) -> -weight(c, bytes)).thenComparingInt(Candidate::hostId));
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = passing.get(i).hostId();
            available[chosen[i]] -= bytes;
            free[chosen[i]] -= bytes;
        }
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    private double weight(Candidate c, long bytes) {
        double w = 0;
        for (Weigher g : weighers) {
            w += g.weigh(c, bytes);
        }
        return w;
    }
}
