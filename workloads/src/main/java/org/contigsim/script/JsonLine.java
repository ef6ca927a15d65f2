package org.contigsim.script;

/** Builds one compact JSON object, keys in insertion order (so output is byte-for-byte deterministic). */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean empty = true;

    JsonLine put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    JsonLine put(String key, String value) {
        return raw(key, quote(value));
    }

    /** A value that is already JSON text (an array, an object, a decimal). */
    JsonLine raw(String key, String json) {
        if (!empty) {
            sb.append(',');
        }
        empty = false;
        sb.append(quote(key)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    static String array(long[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.append(']').toString();
    }

    /** Thousandths as a JSON decimal with three digits: 512 → {@code 0.512}, -1000 → {@code -1.000}. */
    static String thousandths(int[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            int a = Math.abs(v);
            b.append(i == 0 ? "" : ",").append(v < 0 ? "-" : "").append(a / 1000).append('.');
            String frac = Integer.toString(a % 1000);
            b.append("000", frac.length(), 3).append(frac);
        }
        return b.append(']').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
