package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.contigsim.host.HostNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps every complete record and drops a torn or corrupt tail, so appends go on after it. */
class EpochJournalTest {
    /** Replies as their epoch number and host count only: the framing is what is tested here. */
    private static final EpochJournal.Codec CODEC = new EpochJournal.Codec() {
        @Override
        public byte[] write(HostNode.EpochDone done) {
            return ByteBuffer.allocate(8).putLong(done.epoch()).array();
        }

        @Override
        public HostNode.EpochDone read(byte[] bytes) {
            return new HostNode.EpochDone(ByteBuffer.wrap(bytes).getLong(), null, List.of());
        }
    };

    @TempDir
    Path dir;

    private static HostNode.EpochDone[] epoch(long e, int hosts) {
        HostNode.EpochDone[] replies = new HostNode.EpochDone[hosts];
        for (int h = 0; h < hosts; h++) {
            replies[h] = new HostNode.EpochDone(e, null, List.of());
        }
        return replies;
    }

    @Test
    void aTornLastRecordIsDroppedAndAppendingGoesOnAfterTheLastCompleteOne() throws IOException {
        Path file = dir.resolve("journal.bin");
        try (EpochJournal j = EpochJournal.create(file, CODEC)) {
            for (long e = 0; e < 3; e++) {
                j.append(epoch(e, 5));
            }
        }
        long complete = Files.size(file);
        try (EpochJournal j = EpochJournal.reopen(file, CODEC, EpochJournal.read(file, CODEC))) {
            j.append(epoch(3, 5));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(complete + 10); // killed in the middle of writing epoch 3
        }
        EpochJournal.Contents read = EpochJournal.read(file, CODEC);
        assertEquals(3, read.epochs().size());
        assertEquals(complete, read.validBytes());
        assertEquals(2, read.epochs().get(2)[4].epoch());

        try (EpochJournal j = EpochJournal.reopen(file, CODEC, read)) {
            assertEquals(3, j.epochs());
            j.append(epoch(3, 5));
        }
        assertEquals(4, EpochJournal.read(file, CODEC).epochs().size());
    }

    @Test
    void aCorruptRecordEndsTheJournalThere() throws IOException {
        Path file = dir.resolve("journal.bin");
        try (EpochJournal j = EpochJournal.create(file, CODEC)) {
            j.append(epoch(0, 2));
        }
        long first = Files.size(file);
        try (EpochJournal j = EpochJournal.reopen(file, CODEC, EpochJournal.read(file, CODEC))) {
            j.append(epoch(1, 2));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x55; // a flipped bit in the second record's body
        Files.write(file, bytes);
        EpochJournal.Contents read = EpochJournal.read(file, CODEC);
        assertEquals(1, read.epochs().size());
        assertEquals(first, read.validBytes());
    }
}
