package org.contigsim.coordinator;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.contigsim.host.HostNode;

/**
 * What becomes of a completed epoch: the simulation absorbs its replies (in host-id order), the
 * {@link HostHistory} keeps its work for rebuilds, the {@link EpochJournal} its replies for a
 * resume, and the observer and the listener hear of it.
 */
final class EpochRecorder {
    private final Simulation sim;
    private final HostHistory history;
    /** Null: the run keeps no journal. */
    private final EpochJournal journal;
    private final RunObserver observer;
    private final ActorRef<Coordinator.Event> listener;

    EpochRecorder(Simulation sim, HostHistory history, EpochJournal journal, RunObserver observer,
            ActorRef<Coordinator.Event> listener) {
        this.sim = sim;
        this.history = history;
        this.journal = journal;
        this.observer = observer;
        this.listener = listener;
    }

    /** Every host answered the epoch of {@code plan}: records it, before the next plan is made. */
    void record(Simulation.Plan plan, HostNode.EpochDone[] replies) {
        history.record(plan);
        EpochRecord r = sim.absorb(replies);
        if (journal != null) {
            journal.append(replies); // before the next plan: at most one epoch is ever lost
        }
        observer.epochDone(sim, r);
        listener.tell(new Coordinator.Progress(r.epoch() + 1, sim.nowNanos(), sim.endNanos()));
    }

    /**
     * Restores the epochs of an earlier coordinator: the simulation absorbs their journaled
     * replies again (no host works for that) and the history they produce is what the hosts are
     * rebuilt from. Nothing is journaled again and the listener is not told of each.
     */
    void replay(List<HostNode.EpochDone[]> epochs) {
        for (HostNode.EpochDone[] replies : epochs) {
            Simulation.Plan plan = sim.plan();
            EpochRecord r = sim.absorb(replies);
            history.record(plan);
            observer.epochDone(sim, r);
        }
    }
}
