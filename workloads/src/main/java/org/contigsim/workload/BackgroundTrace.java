package org.contigsim.workload;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recorded background replayed on a host: a CSV file of timed bulk operations (docs/scenarios.md,
 * "Trace format"), one per line:
 *
 * <pre>
 * time_s,op,kind,order,count,node
 * 0,alloc,page-cache,0,262144,0
 * 12.5,free,anon,0,4096,0
 * </pre>
 *
 * {@code alloc} allocates {@code count} blocks of {@code 2^order} pages of {@code kind}, each
 * through the allocator, preferring {@code node} (modulo the host's nodes); {@code free} frees
 * about {@code count * 2^order} pages of {@code kind}, whole blocks picked at random. Operations
 * run in the step holding their time, in file order. An allocation that fails ends that line's
 * allocations, as the synthetic components back off.
 *
 * <p>The file is identified by its absolute path and the SHA-256 of its content, which a
 * background spec carries: a host reading a different file fails rather than replaying it.
 * Parsed traces are immutable and kept per JVM by content hash, so thousands of hosts share one.
 */
public final class BackgroundTrace {
    public static final String HEADER = "time_s,op,kind,order,count,node";
    /** The latest time a trace may name: a year, the longest scenario. */
    public static final long MAX_SECONDS = 365L * 24 * 3600;
    public static final int MAX_NODE = 1023;
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final byte ALLOC = 0;
    private static final byte FREE = 1;
    private static final Map<String, BackgroundTrace> LOADED = new LinkedHashMap<>(16, 0.75f, true);
    private static final int LOADED_MAX = 8;

    private final String file;
    private final String sha256;
    private final int size;
    private final long[] timeNanos;
    private final byte[] ops;
    private final byte[] kinds;
    private final byte[] orders;
    private final int[] counts;
    private final short[] nodes;

    private BackgroundTrace(String file, String sha256, int size, long[] timeNanos, byte[] ops, byte[] kinds,
            byte[] orders, int[] counts, short[] nodes) {
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
        this.timeNanos = timeNanos;
        this.ops = ops;
        this.kinds = kinds;
        this.orders = orders;
        this.counts = counts;
        this.nodes = nodes;
    }

    /** The file's absolute path. */
    public String file() {
        return file;
    }

    /** SHA-256 of the file's bytes, 64 lower-case hex digits. */
    public String sha256() {
        return sha256;
    }

    /** Operations (lines that are not blank, comments or the header). */
    public int size() {
        return size;
    }

    /** The kind names the file uses: {@code page-cache}, {@code anon}, ... */
    public static String kindName(PageKind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads and parses {@code file} (made absolute). IOException when it cannot be read;
     * IllegalArgumentException {@code FILE:LINE: field: what is wrong} on the first bad line.
     */
    public static BackgroundTrace read(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return parse(Files.readAllBytes(abs), abs.toString());
    }

    /**
     * The trace at {@code file} whose content hashes to {@code sha256}, as a background spec
     * names it: read once per JVM, then shared. IllegalArgumentException naming the file when it
     * cannot be read, has other content, or does not parse.
     */
    public static BackgroundTrace load(String file, String sha256) {
        String key = sha256 + " " + file;
        synchronized (LOADED) {
            BackgroundTrace t = LOADED.get(key);
            if (t != null) {
                return t;
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the background trace (" + e + ")", e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new IllegalArgumentException(file + ": the background trace has changed since the scenario was read "
                    + "(sha256 " + actual + ", expected " + sha256 + ")");
        }
        BackgroundTrace t = parse(bytes, file);
        synchronized (LOADED) {
            LOADED.put(key, t);
            if (LOADED.size() > LOADED_MAX) {
                LOADED.remove(LOADED.keySet().iterator().next());
            }
        }
        return t;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Parses a trace's bytes; {@code file} names it in messages and in the spec. */
    public static BackgroundTrace parse(byte[] bytes, String file) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Parser p = new Parser(file);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            p.line(text.substring(start, end));
            start = end + 1;
        }
        return p.finish(sha256(bytes));
    }

    private static final class Parser {
        private final String file;
        private int lineNo;
        private int size;
        private boolean seenData;
        private long[] timeNanos = new long[256];
        private byte[] ops = new byte[256];
        private byte[] kinds = new byte[256];
        private byte[] orders = new byte[256];
        private int[] counts = new int[256];
        private short[] nodes = new short[256];

        Parser(String file) {
            this.file = file;
        }

        void line(String raw) {
            lineNo++;
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                return;
            }
            String[] f = text.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            if (!seenData && String.join(",", f).equals(HEADER)) {
                seenData = true;
                return;
            }
            seenData = true;
            if (f.length != 6) {
                throw error(null, "expected 6 fields (" + HEADER + "), found " + f.length);
            }
            long t = time(f[0]);
            if (size > 0 && t < timeNanos[size - 1]) {
                throw error("time_s", f[0] + " is before the previous operation's time (times must not decrease)");
            }
            byte op = switch (f[1]) {
                case "alloc" -> ALLOC;
                case "free" -> FREE;
                default -> throw error("op", quote(f[1]) + " is not alloc or free");
            };
            int kind = kind(f[2]);
            int order = (int) whole("order", f[3], 0, FolioMix.MAX_ORDER);
            int count = (int) whole("count", f[4], 1, Integer.MAX_VALUE);
            int node = (int) whole("node", f[5], 0, MAX_NODE);
            add(t, op, kind, order, count, node);
        }

        BackgroundTrace finish(String sha256) {
            if (size == 0) {
                throw new IllegalArgumentException(file + ": the trace has no operations");
            }
            return new BackgroundTrace(file, sha256, size, Arrays.copyOf(timeNanos, size), Arrays.copyOf(ops, size),
                    Arrays.copyOf(kinds, size), Arrays.copyOf(orders, size), Arrays.copyOf(counts, size),
                    Arrays.copyOf(nodes, size));
        }

        private long time(String field) {
            if (!SECONDS.matcher(field).matches()) {
                throw error("time_s", quote(field) + " is not a time in seconds (e.g. 0, 12.5, 3600.000001)");
            }
            BigDecimal nanos = new BigDecimal(field).movePointRight(9);
            if (nanos.compareTo(BigDecimal.valueOf(MAX_SECONDS).movePointRight(9)) > 0) {
                throw error("time_s", field + " is out of range (0 to " + MAX_SECONDS + ")");
            }
            return nanos.longValueExact();
        }

        private int kind(String field) {
            for (PageKind k : PageKind.values()) {
                if (kindName(k).equals(field)) {
                    return k.ordinal();
                }
            }
            StringBuilder known = new StringBuilder();
            for (PageKind k : PageKind.values()) {
                known.append(known.length() == 0 ? "" : ", ").append(kindName(k));
            }
            throw error("kind", quote(field) + " is not a page kind (known: " + known + ")");
        }

        private long whole(String name, String field, long min, long max) {
            if (field.isEmpty() || field.length() > 10 || !field.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Long.parseLong(field) < min || Long.parseLong(field) > max) {
                throw error(name, quote(field) + " is not a whole number from " + min + " to " + max);
            }
            return Long.parseLong(field);
        }

        private void add(long t, byte op, int kind, int order, int count, int node) {
            if (size == ops.length) {
                int n = size * 2;
                timeNanos = Arrays.copyOf(timeNanos, n);
                ops = Arrays.copyOf(ops, n);
                kinds = Arrays.copyOf(kinds, n);
                orders = Arrays.copyOf(orders, n);
                counts = Arrays.copyOf(counts, n);
                nodes = Arrays.copyOf(nodes, n);
            }
            timeNanos[size] = t;
            ops[size] = op;
            kinds[size] = (byte) kind;
            orders[size] = (byte) order;
            counts[size] = count;
            nodes[size] = (short) node;
            size++;
        }

        private IllegalArgumentException error(String field, String problem) {
            return new IllegalArgumentException(file + ":" + lineNo + ": " + (field == null ? "" : field + ": ") + problem);
        }

        private static String quote(String text) {
            String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
            return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
        }
    }

    // ------------------------------------------------------------------ replay

    /** Runs the operations whose time falls in the step, in file order. */
    void step(Step s) {
        HostMemory host = s.host();
        PageKind[] kindsByOrdinal = PageKind.values();
        int hostNodes = host.nodes();
        for (int i = firstAtOrAfter(s.startNanos()); i < size && timeNanos[i] < s.endNanos(); i++) {
            PageKind kind = kindsByOrdinal[kinds[i]];
            if (ops[i] == FREE) {
                host.freeRandom(kind, (long) counts[i] << orders[i]);
                continue;
            }
            int node = nodes[i] % hostNodes;
            for (int c = 0; c < counts[i]; c++) {
                if (!host.allocate(kind, orders[i], node)) {
                    break;
                }
            }
        }
    }

    /** The first operation at or after {@code nanos}: times are sorted, so a binary search. */
    private int firstAtOrAfter(long nanos) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeNanos[mid] < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Two traces are the same background when they are the same file with the same content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BackgroundTrace t && file.equals(t.file) && sha256.equals(t.sha256);
    }

    @Override
    public int hashCode() {
        return file.hashCode() * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return "trace " + file + " (sha256 " + sha256 + ", " + size + " operations)";
    }
}
