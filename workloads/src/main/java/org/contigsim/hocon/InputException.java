package org.contigsim.hocon;

/**
 * An input file (scenario, run plan, memory script, trace) that cannot be used. The message is one line, ready to print as is:
 * {@code FILE:LINE: key.path: what is wrong}, without {@code :LINE} when there is no line to
 * point at (a missing key, the file itself) and without the key path for HOCON syntax errors.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(printable(message));
    }

    public InputException(String message, Throwable cause) {
        super(printable(message), cause);
    }

    /**
     * The message with control characters and Unicode line separators written as Java escapes
     * (backslash, u, four hex digits): a key or value quoted from a damaged file must not break the
     * one line or send escape sequences to a terminal.
     */
    public static String printable(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
