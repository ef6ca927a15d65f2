package org.contigsim.memory;

import java.lang.reflect.Field;

/**
 * A zone's private arrays and counters, reached by reflection: {@link MemoryCheckerTest} damages
 * them on purpose, which no operation of the model can do.
 */
final class ZoneInternals {
    private ZoneInternals() {
    }

    static byte[] state(Zone z) {
        return (byte[]) get(z, "state");
    }

    static long[][] nrFree(Zone z) {
        return (long[][]) get(z.freeArea(), "nrFree");
    }

    static long[] nrFreeOrder(Zone z) {
        return (long[]) get(z.freeArea(), "nrFreeOrder");
    }

    static long[] classPages(Zone z) {
        return (long[]) get(z, "classPages");
    }

    /** A per-pageblock counter of {@link Pageblocks}: {@code free}, {@code nonMovable}, ... */
    static char[] pageblockCounter(Zone z, String name) {
        return (char[]) get(z.pageblocks(), name);
    }

    static void setFreePages(Zone z, long pages) {
        set(z, "freePages", pages);
    }

    static void setFreeCmaPages(Zone z, long pages) {
        set(z.pageblocks(), "freeCmaPages", pages);
    }

    private static Object get(Object owner, String name) {
        try {
            return field(owner, name).get(owner);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Object owner, String name, long value) {
        try {
            field(owner, name).setLong(owner, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
