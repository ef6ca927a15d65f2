package org.contigsim.runtime;

/** A command that could not finish for a reason outside the user's input: exit 1, this one line. */
public final class RunFailure extends RuntimeException {
    public RunFailure(String message) {
        super(message);
    }
}
