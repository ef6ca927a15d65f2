package org.contigsim.coordinator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.contigsim.host.HostNode;

/**
 * The coordinator's checkpoint: every absorbed epoch's replies, appended as the run goes. With
 * the scenario and seed they are the whole state of a run: replaying them through a new
 * {@link Simulation} restores the coordinator without any host work, and the hosts are then
 * rebuilt from the {@link HostHistory} that replay produces, as after a lost member.
 *
 * <p>One record per epoch: {@code length, epoch, crc32, deflated(hosts, then per host: length,
 * bytes)}. A record is written with one call after the epoch is absorbed and before the next
 * is planned; a process killed in the middle leaves a torn last record, which {@link #read}
 * ignores and {@link #reopen} cuts off.
 */
public final class EpochJournal implements AutoCloseable {
    /** How replies become bytes (the wire serializer in a cluster run). */
    public interface Codec {
        byte[] write(HostNode.EpochDone done);

        HostNode.EpochDone read(byte[] bytes);
    }

    /** The complete records of a journal and where they end. */
    public record Contents(List<HostNode.EpochDone[]> epochs, long validBytes) {
    }

    private final FileChannel channel;
    private final Codec codec;
    private long epochs;

    private EpochJournal(FileChannel channel, Codec codec, long epochs) {
        this.channel = channel;
        this.codec = codec;
        this.epochs = epochs;
    }

    /** A new, empty journal at {@code file} (replacing any). */
    public static EpochJournal create(Path file, Codec codec) {
        try {
            return new EpochJournal(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), codec, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal read by {@link #read}, reopened to append after its last complete record. */
    public static EpochJournal reopen(Path file, Codec codec, Contents contents) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
            ch.truncate(contents.validBytes());
            ch.position(contents.validBytes());
            return new EpochJournal(ch, codec, contents.epochs().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends epoch {@code epochs()}'s replies, one per host in host-id order. */
    public void append(HostNode.EpochDone[] replies) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(replies.length);
            for (HostNode.EpochDone d : replies) {
                byte[] b = codec.write(d);
                out.writeInt(b.length);
                out.write(b);
            }
            byte[] body = deflate(raw.toByteArray());
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteBuffer record = ByteBuffer.allocate(20 + body.length);
            record.putInt(body.length).putLong(epochs).putLong(crc.getValue()).put(body).flip();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            epochs++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Epochs journaled. */
    public long epochs() {
        return epochs;
    }

    /** The complete records of {@code file} (a torn or corrupt tail ends the journal there). */
    public static Contents read(Path file, Codec codec) throws IOException {
        List<HostNode.EpochDone[]> epochs = new ArrayList<>();
        long valid = 0;
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            while (true) {
                int length;
                long epoch;
                long sum;
                byte[] body;
                try {
                    length = data.readInt();
                    epoch = data.readLong();
                    sum = data.readLong();
                    if (length < 0 || length > (256 << 20) || epoch != epochs.size()) {
                        break;
                    }
                    body = data.readNBytes(length);
                } catch (EOFException e) {
                    break;
                }
                CRC32 crc = new CRC32();
                crc.update(body);
                if (body.length != length || crc.getValue() != sum) {
                    break;
                }
                DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(inflate(body)));
                HostNode.EpochDone[] replies = new HostNode.EpochDone[r.readInt()];
                for (int h = 0; h < replies.length; h++) {
                    replies[h] = codec.read(r.readNBytes(r.readInt()));
                }
                epochs.add(replies);
                valid += 20 + length;
            }
        }
        return new Contents(epochs, valid);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        d.setInput(in);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4 + 64);
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] in) throws IOException {
        Inflater i = new Inflater();
        i.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 4);
        byte[] buf = new byte[8192];
        try {
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw new IOException("truncated journal record");
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt journal record: " + e.getMessage(), e);
        } finally {
            i.end();
        }
        return out.toByteArray();
    }
}
