package org.contigsim.coordinator;

import java.util.SortedMap;

/**
 * Watches a run from the coordinator's thread without taking part in it: live metrics
 * (docs/metrics.md). Calls come from the coordinator actor, one at a time; an observer only reads
 * what it is given, so a run's results are the same with or without one.
 */
public interface RunObserver {
    /** Watches nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /** Every host is booted: how many run on each member (address to hosts). */
    default void started(Simulation sim, SortedMap<String, Integer> hostsPerMember) {
    }

    /** The simulation has just absorbed the epoch {@code record}. */
    default void epochDone(Simulation sim, EpochRecord record) {
    }

    /** A cluster member was removed with {@code hosts} hosts; they are being rebuilt elsewhere. */
    default void hostsLost(String member, int hosts) {
    }

    /**
     * Every host lost (or, resuming, every host) has been rebuilt: {@code hosts} rebuilt and
     * {@code replayedHostEpochs} host-epochs run again for it since the run began, and where the
     * hosts run now.
     */
    default void hostsRebuilt(int hosts, long replayedHostEpochs, SortedMap<String, Integer> hostsPerMember) {
    }
}
