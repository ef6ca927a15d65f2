package org.contigsim.coordinator;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.contigsim.coordinator.Coordinator.Command;
import org.contigsim.coordinator.Coordinator.Event;

/**
 * What the coordinator's phases share, made once when the singleton starts. The mutable parts
 * (the simulation, the hosts, their rebuilding, the record of epochs) belong to the coordinator
 * actor and are used on its thread only; each phase keeps its own state in its fields.
 *
 * @param hosts how to reach each host and which member runs it
 * @param recovery the rebuilding of hosts lost with their member (or with an earlier coordinator)
 * @param recorder what becomes of each completed epoch
 */
record Coordination(ActorContext<Command> actor, TimerScheduler<Command> timers, Simulation sim,
        ActorRef<Event> listener, RunObserver observer, Coordinator.Checkpoint checkpoint, Hosts hosts,
        Recovery recovery, EpochRecorder recorder) {

    static Coordination of(ActorContext<Command> actor, TimerScheduler<Command> timers, Simulation sim,
            ActorRef<Event> listener, RunObserver observer, Coordinator.Checkpoint checkpoint) {
        Hosts hosts = new Hosts(actor, sim);
        HostHistory history = new HostHistory(hosts.count());
        Recovery recovery = new Recovery(hosts, history, timers, listener, observer, actor.getLog());
        EpochRecorder recorder = new EpochRecorder(sim, history, checkpoint.journal(), observer, listener);
        return new Coordination(actor, timers, sim, listener, observer, checkpoint, hosts, recovery, recorder);
    }
}
