package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How acknowledgements of rebuild chunks move a host on, and which are ignored. */
class RebuildsTest {
    @Test
    void aHostMovesChunkByChunkAndRepeatsAreIgnored() {
        Rebuilds r = new Rebuilds(3);
        r.start(1);
        assertTrue(r.active(1));
        assertFalse(r.done());
        assertEquals(Rebuilds.Ack.NEXT_CHUNK, r.ack(1, 2047, 2048, 5000));
        assertEquals(2048, r.next(1));
        assertEquals(Rebuilds.Ack.IGNORE, r.ack(1, 2047, 0, 5000), "the answer to the same chunk sent again");
        assertEquals(Rebuilds.Ack.IGNORE, r.ack(0, 10, 0, 5000), "host 0 is not being rebuilt");
        assertEquals(Rebuilds.Ack.CAUGHT_UP, r.ack(1, 4999, 2952, 5000));
        assertFalse(r.active(1));
        assertTrue(r.done());
        assertEquals(1, r.finished());
        assertEquals(5000, r.replayedHostEpochs());
        assertEquals(Rebuilds.Ack.IGNORE, r.ack(1, 4999, 0, 5000), "done");
    }

    @Test
    void aNewEntityAgainStartsOverAndAnEmptyHistoryIsCaughtUpAtOnce() {
        Rebuilds r = new Rebuilds(2);
        r.start(0);
        assertEquals(Rebuilds.Ack.NEXT_CHUNK, r.ack(0, 99, 100, 300));
        assertEquals(Rebuilds.Ack.NEXT_CHUNK, r.ack(0, -1, 0, 300), "its member went too: from epoch 0");
        assertEquals(0, r.next(0));
        r.start(1);
        assertEquals(Rebuilds.Ack.CAUGHT_UP, r.ack(1, -1, 0, 0), "lost before the first epoch ended");
        assertFalse(r.done());
    }

    @Test
    void hostsThatAcknowledgedNothingSinceTheLastLookAreSentTheirChunkAgain() {
        Rebuilds r = new Rebuilds(3);
        r.start(0);
        r.start(2);
        assertEquals(List.of(0, 2), r.stalled());
        r.ack(2, 9, 10, 100);
        assertEquals(List.of(0), r.stalled());
        assertEquals(List.of(0, 2), r.stalled());
    }

    @Test
    void aHostStartedAgainWhileBeingRebuiltCountsOnce() {
        Rebuilds r = new Rebuilds(1);
        r.start(0);
        r.ack(0, 49, 50, 100);
        r.start(0);
        assertEquals(0, r.next(0));
        assertEquals(Rebuilds.Ack.CAUGHT_UP, r.ack(0, 99, 100, 100));
        assertTrue(r.done());
        assertEquals(1, r.finished());
        assertEquals(150, r.replayedHostEpochs());
    }
}
