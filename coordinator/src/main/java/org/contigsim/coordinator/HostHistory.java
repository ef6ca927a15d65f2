package org.contigsim.coordinator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.contigsim.host.Assignment;
import org.contigsim.host.HostNode;
import org.contigsim.host.HostSetup;

/**
 * What the coordinator gave each host in every completed epoch: enough to rebuild a host that was
 * lost with its member, since a host is a function of its setup and this history. Epoch ends are
 * shared by all hosts; assignments are kept only for the epochs that had some, so the history
 * costs 8 bytes per epoch plus the jobs themselves.
 *
 * <p>Replay instead of snapshots: a snapshot would only shorten the replay, and a 64 GiB host's
 * state is megabytes against this history's kilobytes. A rebuilt host costs the CPU time it has
 * simulated so far, spread over the surviving members (docs/architecture.md).
 */
final class HostHistory {
    /** Epochs per {@link HostNode.Rebuild} message: 16 KiB of epoch ends, far below Artery's frame size. */
    static final int CHUNK = 2048;

    private long[] untilNanos = new long[1024];
    private int epochs;
    private final List<List<HostNode.EpochWork>> work = new ArrayList<>();

    HostHistory(int hosts) {
        for (int h = 0; h < hosts; h++) {
            work.add(new ArrayList<>());
        }
    }

    /** Appends a completed epoch (epochs are completed in order, numbered from 0). */
    void record(Simulation.Plan plan) {
        if (plan.epoch() != epochs) {
            throw new IllegalStateException("epoch " + plan.epoch() + " recorded after " + epochs + " epochs");
        }
        if (epochs == untilNanos.length) {
            untilNanos = Arrays.copyOf(untilNanos, epochs * 2);
        }
        untilNanos[epochs++] = plan.untilNanos();
        for (int h = 0; h < work.size(); h++) {
            List<Assignment> a = plan.assignments().get(h);
            if (!a.isEmpty()) {
                work.get(h).add(new HostNode.EpochWork(plan.epoch(), List.copyOf(a)));
            }
        }
    }

    /** Completed epochs. */
    int epochs() {
        return epochs;
    }

    /** Host {@code h}'s replay from {@code firstEpoch} (at most {@link #CHUNK} epochs; none when caught up). */
    HostNode.Rebuild chunk(int h, long firstEpoch, HostSetup setup, ActorRef<HostNode.Rebuilt> replyTo) {
        int from = (int) Math.min(firstEpoch, epochs);
        int to = Math.min(epochs, from + CHUNK);
        List<HostNode.EpochWork> hw = work.get(h);
        List<HostNode.EpochWork> part = new ArrayList<>();
        for (int i = firstAtOrAfter(hw, from); i < hw.size() && hw.get(i).epoch() < to; i++) {
            part.add(hw.get(i));
        }
        return new HostNode.Rebuild(setup, from, Arrays.copyOfRange(untilNanos, from, to), List.copyOf(part), replyTo);
    }

    /** Binary search: the first entry of {@code hw} at or after {@code epoch}. */
    private static int firstAtOrAfter(List<HostNode.EpochWork> hw, long epoch) {
        int lo = 0;
        int hi = hw.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hw.get(mid).epoch() < epoch) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
