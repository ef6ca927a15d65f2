package org.contigsim.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Pages;
import org.contigsim.memory.ZoneType;

import static org.contigsim.procfs.ProcParseException.quote;

/**
 * Where a parser is in a file, and the field checks both parsers share, so that every message
 * names the file, the line and the offending value the same way.
 */
final class LineContext {
    /** The largest host contigsim simulates: 4 TiB, in 4 KiB pages. */
    static final long MAX_PAGES = 1L << (42 - Pages.PAGE_SHIFT);
    /** The kernel's {@code MAX_NUMNODES} at its largest ({@code CONFIG_NODES_SHIFT=10}). */
    static final int MAX_NODES = 1 << 10;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String[] NONE = new String[0];

    private final String fileName;
    private int line;
    private long freePages;
    private long pageblockPages;

    LineContext(String fileName) {
        this.fileName = fileName;
    }

    /** Reads as ISO-8859-1 so that a stray non-ASCII byte becomes a parse error naming its line, not a decoder failure. */
    static List<String> read(Path path) throws IOException {
        return Files.readAllLines(path, StandardCharsets.ISO_8859_1);
    }

    static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    static String[] fields(String text) {
        String t = text.strip();
        return t.isEmpty() ? NONE : WHITESPACE.split(t);
    }

    void at(int lineNumber) {
        line = lineNumber;
    }

    int line() {
        return line;
    }

    ProcParseException error(String problem) {
        return new ProcParseException(fileName, line, problem);
    }

    ProcParseException errorAt(int lineNumber, String problem) {
        return new ProcParseException(fileName, lineNumber, problem);
    }

    ProcParseException fileError(String problem) {
        return new ProcParseException(fileName, 0, problem);
    }

    int node(String token) {
        if (token.startsWith("-") && isDigits(token.substring(1))) {
            throw error("node id " + quote(token) + " is negative");
        }
        if (!isDigits(token)) {
            throw error("node id " + quote(token) + " is not a non-negative integer");
        }
        if (token.length() > 5 || Integer.parseInt(token) >= MAX_NODES) {
            throw error("node id " + quote(token) + " is beyond the kernel's limit of " + MAX_NODES + " nodes");
        }
        return Integer.parseInt(token);
    }

    ZoneType zone(String name) {
        for (ZoneType t : ZoneType.values()) {
            if (t.procName().equals(name)) {
                return t;
            }
        }
        throw error("unknown zone " + quote(name) + " (expected DMA, DMA32, Normal or Movable)");
    }

    MigrateType migrateType(String name) {
        for (MigrateType t : MigrateType.values()) {
            if (t.procName().equals(name)) {
                return t;
            }
        }
        throw error("unknown migrate type " + quote(name));
    }

    /** A non-negative counter; {@code what} names the field, e.g. "order 7 count". */
    long count(String token, String what) {
        return count(token, token, what);
    }

    /** As {@link #count(String, String)} for the digits of a token shown whole (e.g. {@code >100000}). */
    long count(String digits, String shown, String what) {
        if (digits.startsWith("-") && isDigits(digits.substring(1))) {
            throw error(what + " " + quote(shown) + " is negative");
        }
        if (!isDigits(digits)) {
            throw error(what + " " + quote(shown) + " is not a non-negative integer");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error(what + " " + quote(shown) + " does not fit a 64-bit counter");
        }
    }

    /** Adds {@code blocks} free blocks of {@code order} to the file's free memory, which must stay within 4 TiB. */
    void addFreeBlocks(long blocks, int order, String what, String shown) {
        if (blocks > (Long.MAX_VALUE >> order)) {
            throw error(what + " " + quote(shown) + " overflows the free page total");
        }
        freePages = addWithinLimit(freePages, blocks << order, what, shown, "free memory");
    }

    /** Adds pageblocks to the file's pageblock-covered memory, which must stay within 4 TiB. */
    void addPageblocks(long blocks, String what, String shown) {
        if (blocks > (Long.MAX_VALUE >> Pages.PAGEBLOCK_ORDER)) {
            throw error(what + " " + quote(shown) + " overflows the pageblock total");
        }
        pageblockPages = addWithinLimit(pageblockPages, blocks << Pages.PAGEBLOCK_ORDER, what, shown,
                "memory in pageblocks");
    }

    private long addWithinLimit(long total, long pages, String what, String shown, String subject) {
        long sum;
        try {
            sum = Math.addExact(total, pages);
        } catch (ArithmeticException e) {
            throw error(what + " " + quote(shown) + " overflows the " + subject + " total");
        }
        if (sum > MAX_PAGES) {
            throw error(what + " " + quote(shown) + " brings " + subject + " to " + sum + " pages, more than the "
                    + MAX_PAGES + " (4 TiB) a simulated host can have");
        }
        return sum;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
