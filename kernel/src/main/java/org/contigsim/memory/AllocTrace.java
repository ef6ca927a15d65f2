// Over 400 lines: one trace format, its parser (with its line checks) and its replay against a host, kept together so the format is read in one place.
package org.contigsim.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.contigsim.base.Labelled;

/**
 * An allocator operation trace (the format of {@code tools/gen-trace.py}) and its replay on a
 * host. {@code contigsim memory --replay} and the replay benchmark both use it, so their figures
 * are for the same operations done the same way.
 *
 * <p>Format, one operation per line: {@code alloc,HANDLE,ORDER,MIGRATETYPE} (migrate type
 * {@code movable}, {@code unmovable} or {@code reclaimable}) or {@code free,HANDLE}; blank lines
 * are skipped. A handle is a non-negative integer naming one live block; it may be allocated
 * again once freed. The whole file is parsed and checked up front into primitive arrays, so a
 * replay does no parsing and no checks.
 *
 * <p>Blocks are allocated with the default GFP flags as anonymous memory (movable), kernel
 * memory (unmovable) or reclaimable slab: none is evictable, so the host never frees a block
 * behind the trace's back, but compaction may move movable ones; a {@link MigrationListener}
 * keeps the handle table pointing at their new frames. An allocation that fails is counted and a
 * later free of its handle is skipped (and counted).
 */
public final class AllocTrace {
    /** Handles index an int array: at most 2^27 of them (512 MiB of table). */
    public static final int MAX_HANDLE = (1 << 27) - 1;

    private static final byte ALLOC = 0;
    private static final byte FREE = 1;

    /** A line's operation, as the trace names it. */
    private enum Op implements Labelled {
        ALLOC("alloc"),
        FREE("free");

        static final Op[] ALL = values();
        private final String label;

        Op(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The migrate types a trace allocates, as it names them. */
    private enum TraceType implements Labelled {
        MOVABLE("movable", MigrateType.MOVABLE),
        UNMOVABLE("unmovable", MigrateType.UNMOVABLE),
        RECLAIMABLE("reclaimable", MigrateType.RECLAIMABLE);

        static final TraceType[] ALL = values();
        private final String label;
        private final MigrateType type;

        TraceType(String label, MigrateType type) {
            this.label = label;
            this.type = type;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private AllocTrace() {
    }

    /** A parsed, checked trace: operation {@code i} is {@code ops[i]} on {@code handles[i]}. */
    public static final class Trace {
        private final int size;
        private final byte[] ops;
        private final int[] handles;
        private final byte[] orders;
        /** {@link MigrateType} ordinals. */
        private final byte[] types;
        private final int maxHandle;
        private final long allocations;
        private final long frees;

        private Trace(int size, byte[] ops, int[] handles, byte[] orders, byte[] types, int maxHandle,
                long allocations, long frees) {
            this.size = size;
            this.ops = ops;
            this.handles = handles;
            this.orders = orders;
            this.types = types;
            this.maxHandle = maxHandle;
            this.allocations = allocations;
            this.frees = frees;
        }

        /** Operations, {@code allocations() + frees()}. */
        public int size() {
            return size;
        }

        /** The largest handle: a replay's handle table has {@code maxHandle() + 1} entries. */
        public int maxHandle() {
            return maxHandle;
        }

        public long allocations() {
            return allocations;
        }

        public long frees() {
            return frees;
        }

        /**
         * The same operations with handles renamed to the lowest free slots (freed slots reused
         * last-in first-out), so the handle table is only as large as the peak live set: the
         * benchmark uses it to show how much of a replay's time is the table's cache misses.
         */
        public Trace withDenseHandles() {
            int[] slotOf = new int[maxHandle + 1];
            int[] renamed = new int[size];
            int[] freeSlots = new int[1024];
            int freeCount = 0;
            int next = 0;
            for (int i = 0; i < size; i++) {
                int h = handles[i];
                if (ops[i] == ALLOC) {
                    int slot = freeCount > 0 ? freeSlots[--freeCount] : next++;
                    slotOf[h] = slot;
                    renamed[i] = slot;
                } else {
                    int slot = slotOf[h];
                    renamed[i] = slot;
                    if (freeCount == freeSlots.length) {
                        freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
                    }
                    freeSlots[freeCount++] = slot;
                }
            }
            return new Trace(size, ops, renamed, orders, types, next - 1, allocations, frees);
        }
    }

    /** What a replay did. {@code operations = allocations + frees}; the failures are among them. */
    public record Result(long operations, long allocations, long frees, long failedAllocations, long skippedFrees) {
    }

    // ------------------------------------------------------------------ parsing

    /**
     * Reads and checks a trace.
     *
     * @param name the file as the user named it, the {@code FILE} of {@code FILE:LINE:} messages
     * @throws IllegalArgumentException on the first bad line (or an empty trace), its message the
     *     complete one-line {@code FILE:LINE: what is wrong}
     */
    public static Trace parse(Path path, String name) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return parse(in, name);
        }
    }

    /** As {@link #parse(Path, String)}, from a reader. */
    public static Trace parse(BufferedReader in, String name) throws IOException {
        Parser p = new Parser(name);
        String line;
        while ((line = in.readLine()) != null) {
            p.line(line);
        }
        return p.finish();
    }

    private static final class Parser {
        private final String name;
        private int lineNo;
        private int size;
        private byte[] ops = new byte[1024];
        private int[] handles = new int[1024];
        private byte[] orders = new byte[1024];
        private byte[] types = new byte[1024];
        /** Per handle: the line that allocated it while live, 0 when not live. */
        private int[] liveSince = new int[1024];
        private boolean[] everAllocated = new boolean[1024];
        private int maxHandle = -1;
        private long allocations;
        private long frees;

        Parser(String name) {
            this.name = name;
        }

        void line(String raw) {
            lineNo++;
            String text = raw.strip();
            if (text.isEmpty()) {
                return;
            }
            String[] f = text.split(",", -1);
            String name = f[0].strip();
            Op op = Labelled.find(name, Op.ALL).orElseThrow(() -> error("unknown operation " + quote(name)
                    + " (expected " + either(Labelled.labels(Op.ALL)) + ")"));
            if (op == Op.ALLOC) {
                if (f.length != 4) {
                    throw error("expected alloc,HANDLE,ORDER,MIGRATETYPE, found " + quote(text));
                }
                int handle = handle(f[1]);
                int order = order(f[2]);
                int type = type(f[3]);
                ensure(handle);
                if (liveSince[handle] != 0) {
                    throw error("handle " + handle + " is already live (allocated on line " + liveSince[handle]
                            + " and not freed)");
                }
                liveSince[handle] = lineNo;
                everAllocated[handle] = true;
                add(ALLOC, handle, order, type);
                allocations++;
            } else {
                if (f.length != 2) {
                    throw error("expected free,HANDLE, found " + quote(text));
                }
                int handle = handle(f[1]);
                if (handle >= liveSince.length || !everAllocated[handle]) {
                    throw error("free of handle " + handle + ", which was never allocated");
                }
                if (liveSince[handle] == 0) {
                    throw error("free of handle " + handle + ", which is already freed");
                }
                liveSince[handle] = 0;
                add(FREE, handle, 0, 0);
                frees++;
            }
        }

        Trace finish() {
            if (size == 0) {
                throw new IllegalArgumentException(name + ": the trace has no operations");
            }
            return new Trace(size, Arrays.copyOf(ops, size), Arrays.copyOf(handles, size),
                    Arrays.copyOf(orders, size), Arrays.copyOf(types, size), maxHandle, allocations, frees);
        }

        private void add(byte op, int handle, int order, int type) {
            if (size == ops.length) {
                int n = size * 2;
                ops = Arrays.copyOf(ops, n);
                handles = Arrays.copyOf(handles, n);
                orders = Arrays.copyOf(orders, n);
                types = Arrays.copyOf(types, n);
            }
            ops[size] = op;
            handles[size] = handle;
            orders[size] = (byte) order;
            types[size] = (byte) type;
            size++;
        }

        private void ensure(int handle) {
            maxHandle = Math.max(maxHandle, handle);
            if (handle >= liveSince.length) {
                int n = (int) Math.min((long) MAX_HANDLE + 1, Math.max(handle + 1L, liveSince.length * 2L));
                liveSince = Arrays.copyOf(liveSince, n);
                everAllocated = Arrays.copyOf(everAllocated, n);
            }
        }

        private int handle(String field) {
            String t = field.strip();
            if (!digits(t, 10)) {
                throw error("handle " + quote(t) + " is not a non-negative integer");
            }
            long v = Long.parseLong(t);
            if (v > MAX_HANDLE) {
                throw error("handle " + t + " is too large (at most " + MAX_HANDLE + ")");
            }
            return (int) v;
        }

        private int order(String field) {
            String t = field.strip();
            if (!digits(t, 3) || Integer.parseInt(t) > Pages.MAX_ORDER) {
                throw error("order " + quote(t) + " is outside 0.." + Pages.MAX_ORDER);
            }
            return Integer.parseInt(t);
        }

        private int type(String field) {
            String name = field.strip();
            return Labelled.find(name, TraceType.ALL).orElseThrow(() -> error("unknown migrate type " + quote(name)
                    + " (expected " + either(Labelled.labels(TraceType.ALL)) + ")")).type.ordinal();
        }

        /** {@code a, b or c}. */
        private static String either(List<String> names) {
            int last = names.size() - 1;
            return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
        }

        /** One to {@code maxLength} ASCII digits (no sign): cheaper than a regex on millions of lines. */
        private static boolean digits(String t, int maxLength) {
            if (t.isEmpty() || t.length() > maxLength) {
                return false;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(name + ":" + lineNo + ": " + problem);
        }

        private static String quote(String text) {
            String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
        }
    }

    // ------------------------------------------------------------------ replay

    /**
     * One replay of a trace on a host, set up at construction so that callers timing it (the CLI,
     * the benchmark) can time {@link #run()}, the operation loop, alone. Runs once.
     */
    public static final class Replay {
        private final Trace trace;
        private final PhysicalMemory mem;
        private final int[] pfnOf;
        private final int[] classIds = new int[MigrateType.PCPTYPES];
        /** Per frame: the handle whose block starts there (stale once freed). */
        private final int[] handleAt;

        /** A replay on {@code mem}, which should be freshly booted for figures comparable between runs. */
        public Replay(Trace trace, PhysicalMemory mem) {
            this(trace, mem, new int[trace.maxHandle() + 1]);
        }

        /**
         * As {@link #Replay(Trace, PhysicalMemory)}, with the handle table supplied: after {@link
         * #run()}, {@code pfnOf[h]} is the first frame of handle {@code h}'s block (-1 if its
         * allocation failed; stale once freed).
         */
        public Replay(Trace trace, PhysicalMemory mem, int[] pfnOf) {
            if (pfnOf.length <= trace.maxHandle()) {
                throw new IllegalArgumentException("handle table of " + pfnOf.length + " entries for handles 0.."
                        + trace.maxHandle());
            }
            this.trace = trace;
            this.mem = mem;
            this.pfnOf = pfnOf;
            classIds[MigrateType.UNMOVABLE.ordinal()] = mem.classId(PageClass.of(Owner.KERNEL));
            classIds[MigrateType.MOVABLE.ordinal()] = mem.classId(PageClass.of(Owner.ANON));
            classIds[MigrateType.RECLAIMABLE.ordinal()] = mem.classId(PageClass.of(Owner.SLAB_RECLAIMABLE));
            int maxPfn = 0;
            for (Zone z : mem.zones()) {
                maxPfn = Math.max(maxPfn, z.startPfn() + z.spannedPages());
            }
            handleAt = new int[maxPfn];
        }

        /** Replays every operation; the host's migration listener is this replay's until it returns. */
        public Result run() {
            int[] pfnOf = this.pfnOf;
            int[] handleAt = this.handleAt;
            int[] classIds = this.classIds;
            PhysicalMemory mem = this.mem;
            mem.setMigrationListener((from, to, order, classId) -> {
                int h = handleAt[from];
                pfnOf[h] = to;
                handleAt[to] = h;
            });
            byte[] ops = trace.ops;
            int[] handles = trace.handles;
            byte[] orders = trace.orders;
            byte[] types = trace.types;
            int n = trace.size;
            long failed = 0;
            long skipped = 0;
            try {
                for (int i = 0; i < n; i++) {
                    int h = handles[i];
                    if (ops[i] == ALLOC) {
                        int pfn = mem.allocate(orders[i], classIds[types[i]], 0);
                        pfnOf[h] = pfn;
                        if (pfn >= 0) {
                            handleAt[pfn] = h;
                        } else {
                            failed++;
                        }
                    } else {
                        int pfn = pfnOf[h];
                        if (pfn >= 0) {
                            mem.free(pfn);
                        } else {
                            skipped++;
                        }
                    }
                }
            } finally {
                mem.setMigrationListener(null);
            }
            return new Result(n, trace.allocations, trace.frees, failed, skipped);
        }
    }
}
