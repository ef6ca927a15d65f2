package org.contigsim.script;

/**
 * A memory script that cannot be run: its message is one line, {@code FILE:LINE: key.path: what is wrong}
 * (or {@code FILE:LINE: message} for HOCON syntax errors), ready to print as is.
 */
public final class ScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
