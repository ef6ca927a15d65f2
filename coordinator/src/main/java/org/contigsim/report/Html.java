package org.contigsim.report;

/** Text for the self-contained HTML pages (report.html, comparison.html). */
public final class Html {
    private Html() {
    }

    /** The text with {@code & < > "} escaped, for element content and quoted attributes. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
