package org.contigsim.wire;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lets a protocol's test assert that every class it can send has a wire id, so a missing
 * registration fails a unit test instead of a remote send at runtime:
 * <pre>
 * assertEquals(List.of(), WireCoverage.unregistered(WireCoverage.reachableTypes(HostProtocol.class), serializer));
 * </pre>
 */
public final class WireCoverage {

    private WireCoverage() {
    }

    /**
     * Every concrete class reachable from {@code sealedRoot} through {@code getPermittedSubclasses()},
     * recursively (sealed sub-interfaces and sealed abstract classes are walked, not listed), sorted
     * by name.
     */
    public static List<Class<?>> messageTypes(Class<?> sealedRoot) {
        if (!sealedRoot.isSealed()) {
            throw new IllegalArgumentException(sealedRoot.getName() + " is not sealed");
        }
        Set<Class<?>> out = new LinkedHashSet<>();
        collectPermitted(sealedRoot, out);
        return sorted(out);
    }

    /**
     * {@link #messageTypes} plus every concrete class Kryo will have to look up when writing them:
     * record components, array types, type arguments of generic components ({@code List<Extent>}
     * yields {@code Extent}) and subclasses of sealed component types, recursively. Interfaces and
     * open abstract types are skipped: their runtime classes cannot be known statically.
     */
    public static List<Class<?>> reachableTypes(Class<?> sealedRoot) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<Class<?>> queue = new ArrayList<>(messageTypes(sealedRoot));
        while (!queue.isEmpty()) {
            Class<?> type = queue.remove(queue.size() - 1);
            if (!seen.add(type) || !type.isRecord()) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                addConcrete(c.getGenericType(), queue);
            }
        }
        return sorted(seen);
    }

    /** The classes of {@code types} that {@code serializer} cannot write, in the given order. */
    public static List<Class<?>> unregistered(Collection<Class<?>> types, KryoSerializer serializer) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> type : types) {
            if (!serializer.isRegistered(type)) {
                out.add(type);
            }
        }
        return out;
    }

    private static void collectPermitted(Class<?> type, Set<Class<?>> out) {
        if (isConcrete(type)) {
            out.add(type);
        }
        if (type.isSealed() && !type.isEnum()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collectPermitted(sub, out);
            }
        }
    }

    private static void addConcrete(Type type, List<Class<?>> out) {
        if (type instanceof Class<?> c) {
            if (c.isPrimitive()) {
                return;
            }
            if (c.isArray()) {
                out.add(c);
                addConcrete(c.getComponentType(), out);
            } else if (c.isSealed() && !c.isEnum()) {
                out.addAll(messageTypes(c));
            } else if (isConcrete(c)) {
                out.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            addConcrete(p.getRawType(), out);
            for (Type arg : p.getActualTypeArguments()) {
                addConcrete(arg, out);
            }
        } else if (type instanceof GenericArrayType a) {
            addConcrete(a.getGenericComponentType(), out);
        } else if (type instanceof WildcardType w) {
            for (Type upper : w.getUpperBounds()) {
                addConcrete(upper, out);
            }
        }
        // Type variables: unknown until runtime.
    }

    /** Enums count even when abstract (constants with bodies): Kryo writes them through the enum class. */
    private static boolean isConcrete(Class<?> type) {
        return type.isEnum() || (!type.isInterface() && !Modifier.isAbstract(type.getModifiers()));
    }

    private static List<Class<?>> sorted(Set<Class<?>> types) {
        TreeSet<Class<?>> byName = new TreeSet<>(Comparator.comparing(Class::getName));
        byName.addAll(types);
        return List.copyOf(byName);
    }
}
