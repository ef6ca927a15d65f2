package org.contigsim.runtime;

/**
 * Bad input from the user: a flag value, a scenario file field, a combination of options.
 *
 * <p>The message is the complete one-line error without the {@code contigsim: } prefix, and
 * names what was wrong and where, e.g. {@code --memory: '8.5KiB' is not a whole number of 4 KiB
 * pages} or {@code scenario.conf:12: steps[3].size: ...}. the CLI ({@code org.contigsim.cli.Main}) prints it as
 * {@code contigsim: <message>} on one line and exits with 2.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
