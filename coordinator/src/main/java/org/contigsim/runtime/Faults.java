package org.contigsim.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.contigsim.coordinator.Coordinator;

/**
 * What went wrong during a run and how it was recovered, for metadata.json only: a member's loss
 * changes where hosts ran and how long the run took, never its results. Written from the run's
 * listener actor and its waiting thread, hence synchronized.
 */
public final class Faults {
    private final long startNanos;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode events = json.createArrayNode();
    private long firstFaultNanos = -1;
    private long recoveredNanos = -1;
    private boolean killed;

    public Faults(long startNanos) {
        this.startNanos = startNanos;
    }

    /** --kill-node-at-epoch did it. */
    public synchronized void killed(int jvm, String member, long epoch) {
        killed = true;
        ObjectNode e = event("killed");
        e.put("jvm", jvm);
        e.put("member", member);
        e.put("at_epoch", epoch);
        e.put("signal", "SIGKILL");
    }

    /** A child JVM's process ended and this JVM downed its member. */
    public synchronized void downed(String member, String how) {
        ObjectNode e = event("downed");
        e.put("member", member);
        e.put("reason", how);
    }

    public synchronized void lost(Coordinator.HostsLost lost) {
        ObjectNode e = event("hosts_lost");
        e.put("member", lost.member());
        e.put("hosts", lost.hosts());
        e.put("epochs_to_replay", lost.epoch());
    }

    public synchronized void rebuilt(Coordinator.HostsRebuilt rebuilt) {
        ObjectNode e = event("hosts_rebuilt");
        e.put("hosts", rebuilt.hosts());
        e.put("through_epoch", rebuilt.epoch());
        e.put("host_epochs_replayed", rebuilt.replayedHostEpochs());
        recoveredNanos = System.nanoTime();
    }

    /** The run was finished by another process from its checkpoint of {@code epochs} epochs. */
    public synchronized void resumed(long epochs) {
        ObjectNode e = event("resumed");
        e.put("epochs_from_checkpoint", epochs);
    }

    public synchronized boolean killedAny() {
        return killed;
    }

    public synchronized boolean none() {
        return events.isEmpty();
    }

    /** The events in order, and the wall time from the first fault to the last host rebuilt. */
    public synchronized ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.set("events", events.deepCopy());
        if (firstFaultNanos >= 0 && recoveredNanos >= firstFaultNanos) {
            root.put("recovery_seconds", seconds(recoveredNanos - firstFaultNanos));
        }
        return root;
    }

    private ObjectNode event(String what) {
        long now = System.nanoTime();
        if (firstFaultNanos < 0) {
            firstFaultNanos = now;
        }
        ObjectNode e = events.addObject();
        e.put("event", what);
        e.put("wall_seconds", seconds(now - startNanos));
        return e;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
