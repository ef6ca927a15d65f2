package org.contigsim.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** One-line descriptions of file errors, naming the file as the user gave it. */
public final class Io {
    private Io() {
    }

    /** {@code NAME: no such file}, {@code NAME: permission denied}, or {@code NAME: cannot read (reason)}. */
    public static String describe(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return name + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return name + ": permission denied";
        }
        String reason = e.getMessage();
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        return name + ": cannot read (" + reason + ")";
    }
}
