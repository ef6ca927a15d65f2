package org.contigsim.scenario;

/**
 * A scenario file that cannot be used. The message is one line, ready to print as is:
 * {@code FILE:LINE: key.path: what is wrong}, without {@code :LINE} when there is no line to
 * point at (a missing key, the file itself) and without the key path for HOCON syntax errors.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
