package org.contigsim.procfs;

/**
 * A {@code /proc} file that cannot be read as the kernel would have written it. The message is
 * one self-contained line, {@code FILE:LINE: what is wrong} (or {@code FILE: what is wrong} when
 * no single line is to blame), so a command-line tool can print it as is.
 */
public final class ProcParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;

    public ProcParseException(String fileName, int line, String problem) {
        super(render(fileName, line, problem));
        this.fileName = fileName;
        this.line = line;
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based line number, or 0 when the problem is not on one line (empty file, missing section, two files disagreeing). */
    public int line() {
        return line;
    }

    private static String render(String fileName, int line, String problem) {
        String where = line > 0 ? fileName + ":" + line : fileName;
        return oneLine(where + ": " + problem);
    }

    /** Input text quoted in a message must not break it over lines or drown it. */
    static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "'" + oneLine(shown) + "'";
    }

    /**
     * Control characters (C0, DEL, C1) and Unicode line and paragraph separators escaped, so the
     * message stays one line for anything that splits lines, {@code \R} included.
     */
    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
