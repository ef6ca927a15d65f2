package org.contigsim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One-line descriptions of file errors, naming the file as the user gave it, and whole-file writes. */
public final class Io {
    private Io() {
    }

    /**
     * Writes {@code text} to {@code file} through a temporary file beside it and a rename, so a
     * reader never sees half a file; the temporary file is gone when this fails.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
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
