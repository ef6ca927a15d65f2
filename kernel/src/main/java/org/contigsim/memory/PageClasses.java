package org.contigsim.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns {@link PageClass}es as the ids 1..126 stored in an allocated block's head byte.
 * Id 127 marks free pages that compaction or alloc_contig_range has isolated (off the free
 * lists, not yet handed to anyone). The lookup map is only used when a class is registered;
 * the hot path reads the flag table.
 */
public final class PageClasses {
    public static final int MAX_CLASSES = 126;
    static final int ISOLATED = 127;

    static final int F_MIGRATABLE = 1;
    static final int F_NON_MOVABLE = 2;
    static final int F_PINNED = 4;
    static final int F_EVICTABLE = 8;

    private final List<PageClass> classes = new ArrayList<>();
    private final Map<PageClass, Integer> ids = new HashMap<>();
    /** Per id: F_* bits. */
    final byte[] flags = new byte[128];
    /** Per id: the requested migrate type's ordinal (read on every allocation). */
    private final byte[] types = new byte[128];

    public PageClasses() {
        classes.add(null); // id 0 is the tail marker, never a class
        flags[ISOLATED] = F_NON_MOVABLE;
    }

    /** The id of {@code c}, registering it on first use. */
    public int id(PageClass c) {
        Integer id = ids.get(c);
        if (id != null) {
            return id;
        }
        if (classes.size() > MAX_CLASSES) {
            throw new IllegalStateException("more than " + MAX_CLASSES + " distinct page classes (owner, type, pinned, tag)");
        }
        int next = classes.size();
        classes.add(c);
        ids.put(c, next);
        int f = 0;
        if (c.migratable()) {
            f |= F_MIGRATABLE;
        }
        if (c.type() != MigrateType.MOVABLE || c.owner() == Owner.HUGETLB || c.owner() == Owner.RESERVED) {
            f |= F_NON_MOVABLE;
        }
        if (c.pinned()) {
            f |= F_PINNED;
        }
        if (c.owner().evictable() && !c.pinned()) {
            f |= F_EVICTABLE;
        }
        flags[next] = (byte) f;
        types[next] = (byte) c.type().ordinal();
        return next;
    }

    public int id(Owner owner) {
        return id(PageClass.of(owner));
    }

    public PageClass get(int id) {
        if (id <= 0 || id >= classes.size()) {
            throw new IllegalArgumentException("no page class " + id);
        }
        return classes.get(id);
    }

    /** Registered classes, index = id (index 0 is null). */
    public List<PageClass> all() {
        return java.util.Collections.unmodifiableList(classes);
    }

    public int size() {
        return classes.size() - 1;
    }

    /** The migrate type a request of this class asks for. */
    int migrateType(int id) {
        return types[id];
    }

    /** The id of the same class with the pinned flag set or cleared. */
    int withPinned(int id, boolean pinned) {
        return id(classes.get(id).withPinned(pinned));
    }
}
