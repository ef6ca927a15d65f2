package org.contigsim.wire;

/** A message that cannot be written or bytes that cannot be read in the contigsim wire format. */
public final class WireFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    WireFormatException(String message) {
        super(message);
    }

    WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
