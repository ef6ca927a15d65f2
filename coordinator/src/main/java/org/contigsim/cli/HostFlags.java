package org.contigsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.Pages;
import org.contigsim.runtime.UsageException;

/**
 * The host flags of {@code contigsim memory} (and of any command that builds a host): their
 * list syntaxes, and the translation of the model's {@link IllegalArgumentException}s into
 * {@link UsageException}s that name the flag responsible.
 */
final class HostFlags {
    private HostFlags() {
    }

    /**
     * {@code --hugepages 2MiB:512,1GiB:4}: boot-time hugetlb reservations, {@code SIZE:COUNT}
     * pairs separated by commas; each size a power of two of at least 2 MiB, given once.
     */
    static List<HostConfig.HugetlbReservation> hugepages(String text) {
        String flag = "--hugepages";
        List<HostConfig.HugetlbReservation> out = new ArrayList<>();
        for (String item : items(flag, text, "2MiB:512,1GiB:4")) {
            String[] parts = pair(flag, item, "SIZE:COUNT, e.g. 2MiB:512");
            long bytes = Sizes.parseBytes(flag, parts[0]);
            if (bytes < (2L << 20) || Long.bitCount(bytes) != 1) {
                throw new UsageException(flag + ": page size '" + parts[0].strip()
                        + "' is not a power of two of at least 2MiB");
            }
            int count = (int) count(flag, parts[1], "page count", Integer.MAX_VALUE);
            for (HostConfig.HugetlbReservation r : out) {
                if (r.pageBytes() == bytes) {
                    throw new UsageException(flag + ": page size " + Sizes.format(bytes) + " is given twice");
                }
            }
            out.add(new HostConfig.HugetlbReservation(bytes, count));
        }
        return out;
    }

    /**
     * {@code --protect-orders 9:4,10:2}: per order, free blocks kept for requests of exactly
     * that order, {@code ORDER:COUNT} pairs separated by commas.
     */
    static long[] protectOrders(String text) {
        String flag = "--protect-orders";
        long[] counts = new long[Pages.NR_ORDERS];
        boolean[] seen = new boolean[Pages.NR_ORDERS];
        for (String item : items(flag, text, "9:4,10:2")) {
            String[] parts = pair(flag, item, "ORDER:COUNT, e.g. 9:4");
            int order = (int) count(flag, parts[0], "order", Long.MAX_VALUE);
            if (order > Pages.MAX_ORDER) {
                throw new UsageException(flag + ": order " + parts[0].strip() + " is outside 0.." + Pages.MAX_ORDER);
            }
            if (seen[order]) {
                throw new UsageException(flag + ": order " + order + " is given twice");
            }
            seen[order] = true;
            counts[order] = count(flag, parts[1], "block count", Long.MAX_VALUE);
        }
        return counts;
    }

    /** {@code --proactiveness 0..100} ({@code vm.compaction_proactiveness}). */
    static int proactiveness(int value) {
        if (value < 0 || value > 100) {
            throw new UsageException("--proactiveness: " + value + " is outside 0..100");
        }
        return value;
    }

    /**
     * Runs {@code build} (HostConfig, ZoneLayout or PhysicalMemory construction) and turns an
     * IllegalArgumentException into a UsageException naming the flag its message is about.
     */
    static <T> T naming(Supplier<T> build) {
        return naming(build, "host configuration");
    }

    /** As {@link #naming(Supplier)}, with {@code otherwise} naming what a message about no flag concerns. */
    static <T> T naming(Supplier<T> build, String otherwise) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flagFor(e.getMessage(), otherwise) + ": " + e.getMessage(), e);
        }
    }

    /** The flag (or flags) a message of HostConfig, ZoneLayout or PhysicalMemory's boot is about. */
    static String flagFor(String message, String otherwise) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("movablecore") && m.contains("cma")) {
            return "--movablecore/--cma";
        }
        if (m.contains("movablecore")) {
            return "--movablecore";
        }
        if (m.contains("cma")) {
            return "--cma";
        }
        if (m.contains("hugetlb") || m.contains("huge page")) {
            return "--hugepages";
        }
        if (m.contains("protect")) {
            return "--protect-orders";
        }
        if (m.startsWith("nodes")) {
            return "--nodes";
        }
        if (m.contains("numa node")) {
            return "--memory/--nodes";
        }
        if (m.contains("memory")) {
            return "--memory";
        }
        return otherwise;
    }

    private static String[] items(String flag, String text, String example) {
        if (text == null || text.isBlank()) {
            throw new UsageException(flag + ": missing value (example: " + example + ")");
        }
        String[] items = text.split(",", -1);
        for (String item : items) {
            if (item.isBlank()) {
                throw new UsageException(flag + ": '" + text + "' has an empty item (example: " + example + ")");
            }
        }
        return items;
    }

    private static String[] pair(String flag, String item, String shape) {
        String[] parts = item.split(":", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UsageException(flag + ": '" + item.strip() + "' is not " + shape);
        }
        return parts;
    }

    private static long count(String flag, String text, String what, long max) {
        String t = text.strip();
        if (!t.matches("[0-9]+")) {
            throw new UsageException(flag + ": " + what + " '" + t + "' is not a non-negative integer");
        }
        try {
            long v = Long.parseLong(t);
            if (v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": " + what + " '" + t + "' is too large");
        }
    }
}
