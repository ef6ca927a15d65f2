package org.contigsim.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written to a {@link java.io.PrintStream} passed on to picocli's {@link PrintWriter}, for
 * code that prints to a stream ({@code ScriptRunner}). UTF-8 is decoded incrementally, so a
 * character split across two writes comes out whole.
 */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        if (!bytes.hasRemaining()) {
            drain(false);
        }
        bytes.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (!bytes.hasRemaining()) {
                drain(false);
            }
            int n = Math.min(len, bytes.remaining());
            bytes.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() {
        drain(false);
        out.flush();
    }

    @Override
    public void close() {
        drain(true);
        out.flush();
    }

    /** Decodes what is buffered; an incomplete trailing sequence waits for its next bytes unless {@code end}. */
    private void drain(boolean end) {
        bytes.flip();
        while (true) {
            boolean overflow = decoder.decode(bytes, chars, end).isOverflow();
            chars.flip();
            out.append(chars);
            chars.clear();
            if (!overflow) {
                break;
            }
        }
        if (end) {
            decoder.flush(chars);
            chars.flip();
            out.append(chars);
            chars.clear();
            decoder.reset();
        }
        bytes.compact();
    }
}
