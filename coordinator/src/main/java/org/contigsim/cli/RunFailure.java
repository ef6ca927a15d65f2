package org.contigsim.cli;

/** A command that could not finish for a reason outside the user's input: exit 1, this one line. */
final class RunFailure extends RuntimeException {
    RunFailure(String message) {
        super(message);
    }
}
