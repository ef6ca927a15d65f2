package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.List;

/**
 * Which hosts are being rebuilt from their {@link HostHistory} and how far each has come. A host
 * acknowledges every chunk with the last epoch it has run: ahead of what was asked is progress,
 * the same again is the answer to a chunk sent twice, behind means its entity is new again (its
 * member went too) and it starts over.
 */
final class Rebuilds {
    /** What an acknowledgement calls for. */
    enum Ack { IGNORE, NEXT_CHUNK, CAUGHT_UP }

    private final boolean[] active;
    private final long[] next;
    private final boolean[] progressed;
    private int started;
    private int finished;
    private long replayedHostEpochs;

    Rebuilds(int hosts) {
        active = new boolean[hosts];
        next = new long[hosts];
        progressed = new boolean[hosts];
    }

    /** Host {@code h} is to be rebuilt from epoch 0 (again, if it was being rebuilt). */
    void start(int h) {
        next[h] = 0;
        if (!active[h]) {
            active[h] = true;
            started++;
        }
    }

    boolean active(int h) {
        return active[h];
    }

    /** The first epoch of host {@code h}'s next chunk. */
    long next(int h) {
        return next[h];
    }

    /**
     * Host {@code h} has run through {@code throughEpoch}, {@code replayed} of them just now;
     * {@code epochs} are in the history.
     */
    Ack ack(int h, long throughEpoch, int replayed, int epochs) {
        long after = throughEpoch + 1;
        if (!active[h] || after == next[h] && after < epochs) {
            return Ack.IGNORE;
        }
        next[h] = after;
        progressed[h] = true;
        replayedHostEpochs += replayed;
        if (after < epochs) {
            return Ack.NEXT_CHUNK;
        }
        active[h] = false;
        finished++;
        return Ack.CAUGHT_UP;
    }

    /** Hosts being rebuilt that acknowledged nothing since the last call: their chunk goes again. */
    List<Integer> stalled() {
        List<Integer> out = new ArrayList<>();
        for (int h = 0; h < active.length; h++) {
            if (active[h] && !progressed[h]) {
                out.add(h);
            }
            progressed[h] = false;
        }
        return out;
    }

    /** Whether every host started has caught up. */
    boolean done() {
        return finished == started;
    }

    int finished() {
        return finished;
    }

    long replayedHostEpochs() {
        return replayedHostEpochs;
    }
}
