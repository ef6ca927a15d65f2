package org.contigsim.hocon;

import com.typesafe.config.ConfigOrigin;

/**
 * Where a problem is: a file, its line (0 when there is no line to point at, as for a missing key)
 * and the key path ({@code jobs.buffer}; empty for problems with the file as a whole).
 */
public record Location(String file, int line, String path) {

    /** The place a HOCON value came from; {@code fallbackFile} when its origin names no single file. */
    public static Location of(ConfigOrigin origin, String fallbackFile, String path) {
        String file = origin != null && origin.filename() != null ? origin.filename() : fallbackFile;
        int line = origin != null && origin.lineNumber() > 0 ? origin.lineNumber() : 0;
        return new Location(file, line, path);
    }

    /** The one-line message {@code FILE:LINE: path: message}. */
    public String message(String message) {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    public InputException problem(String message) {
        return new InputException(message(message));
    }
}
