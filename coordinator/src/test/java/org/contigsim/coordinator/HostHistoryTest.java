package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.contigsim.host.Assignment;
import org.contigsim.host.HostNode;
import org.junit.jupiter.api.Test;

/** A host's replay is cut into chunks that together hold every epoch once, with its assignments. */
class HostHistoryTest {
    private static Simulation.Plan plan(long epoch, int hosts, int busyHost) {
        List<List<Assignment>> work = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            work.add(h == busyHost ? List.of(new Assignment.Allocate(epoch * 10 + 1, epoch, 4096)) : List.of());
        }
        return new Simulation.Plan(epoch, epoch * 10, epoch * 10 + 10, work);
    }

    @Test
    void chunksCoverEveryEpochOnceWithOnlyTheBusyEpochsWork() {
        HostHistory history = new HostHistory(2);
        int epochs = 2 * HostHistory.CHUNK + 5;
        for (long e = 0; e < epochs; e++) {
            history.record(plan(e, 2, e % 3 == 0 ? 1 : -1));
        }
        assertEquals(epochs, history.epochs());
        long from = 0;
        int work = 0;
        int chunks = 0;
        while (from < epochs) {
            HostNode.Rebuild r = history.chunk(1, from, null, null);
            assertEquals(from, r.firstEpoch());
            assertEquals(Math.min(HostHistory.CHUNK, epochs - from), r.untilNanos().length);
            assertEquals(from * 10 + 10, r.untilNanos()[0]);
            for (HostNode.EpochWork w : r.work()) {
                assertEquals(0, w.epoch() % 3);
                assertEquals(w.epoch(), w.assignments().get(0).jobId());
                assertEquals(true, w.epoch() >= from && w.epoch() < from + r.untilNanos().length);
            }
            work += r.work().size();
            from += r.untilNanos().length;
            chunks++;
        }
        assertEquals(3, chunks);
        assertEquals((epochs + 2) / 3, work, "every third epoch had work");
        assertEquals(0, history.chunk(0, 0, null, null).work().size(), "host 0 never had any");
        assertArrayEquals(new long[0], history.chunk(1, epochs, null, null).untilNanos(), "caught up: nothing");
    }

    @Test
    void epochsAreRecordedInOrder() {
        HostHistory history = new HostHistory(1);
        history.record(plan(0, 1, 0));
        assertThrows(IllegalStateException.class, () -> history.record(plan(2, 1, 0)));
    }
}
