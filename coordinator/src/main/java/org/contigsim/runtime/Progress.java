package org.contigsim.runtime;

import java.io.PrintWriter;

/**
 * A single updating progress line on stderr ({@code \r}-rewritten), shown only once a run has
 * taken more than two seconds of wall time, so quick runs print nothing. Wall time decides only
 * whether and when this line appears, never anything on stdout.
 */
public final class Progress {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final String command;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    /** @param command what the line starts with, e.g. {@code contigsim memory} */
    public Progress(PrintWriter err, boolean enabled, String command) {
        this.err = err;
        this.enabled = enabled;
        this.command = command;
    }

    /** Reports {@code done} of {@code total} simulated nanoseconds. */
    public void simulated(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        if (lastLength == 0 && done >= total) {
            return; // finished before the line ever appeared: nothing worth showing
        }
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || (lastLength > 0 && now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        long percent = done * 100 / total;
        draw(command + ": simulated " + duration(done) + " of " + duration(total) + " (" + percent + "%)");
        lastDraw = now;
    }

    /** Ends the line, if one was drawn. */
    public void finish() {
        if (lastLength > 0) {
            err.println();
            err.flush();
            lastLength = 0;
        }
    }

    private void draw(String text) {
        StringBuilder sb = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        err.print(sb);
        err.flush();
        lastLength = text.length();
    }

    /** Simulated time for people: {@code 6h}, {@code 2h10m}, {@code 45m}, {@code 30s}, {@code 1d2h}. */
    public static String duration(long nanos) {
        long s = nanos / 1_000_000_000L;
        if (s == 0) {
            return nanos == 0 ? "0s" : (nanos / 1_000_000L) + "ms";
        }
        long d = s / 86400;
        long h = s / 3600 % 24;
        long m = s / 60 % 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (d > 0) {
            sb.append(d).append('d');
        }
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (sec > 0) {
            sb.append(sec).append('s');
        }
        return sb.toString();
    }
}
