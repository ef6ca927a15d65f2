package org.contigsim.workload;

import com.typesafe.config.ConfigUtil;

/**
 * Writes a background's canonical HOCON text: one {@code key = value} per line, blocks indented
 * by two spaces, every parameter written out in a fixed order, numbers in their shortest plain
 * decimal, strings quoted. Equal backgrounds give equal text.
 */
public final class SpecWriter {
    private final StringBuilder out = new StringBuilder();
    private String indent = "";

    public SpecWriter number(String key, double value) {
        return line(key, Numbers.plain(value));
    }

    public SpecWriter whole(String key, long value) {
        return line(key, Long.toString(value));
    }

    public SpecWriter string(String key, String value) {
        return line(key, ConfigUtil.quoteString(value));
    }

    public SpecWriter open(String key) {
        out.append(indent).append(key).append(" {\n");
        indent += "  ";
        return this;
    }

    public SpecWriter close() {
        indent = indent.substring(2);
        out.append(indent).append("}\n");
        return this;
    }

    private SpecWriter line(String key, String value) {
        out.append(indent).append(key).append(" = ").append(value).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
