package org.contigsim.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serializers for the JDK's unmodifiable collections ({@code List.of}, {@code Collections.emptyList},
 * {@code Collections.unmodifiableList}, ...). Their classes are private to {@code java.util}, so
 * Kryo's field-by-field serializers would need {@code --add-opens}; these write size + elements
 * and rebuild through the same public factory that made the original, which keeps the result
 * unmodifiable and of the same kind.
 */
final class JdkCollectionSerializers {

    private JdkCollectionSerializers() {
    }

    /** {@code List.of}, {@code List.copyOf}, {@code Stream.toList} and their sub-lists. */
    static Serializer<Collection<Object>> immutableList() {
        return new Elements(JdkCollectionSerializers::immutableList);
    }

    /** {@code Set.of}, {@code Set.copyOf}. */
    static Serializer<Collection<Object>> immutableSet() {
        return new Elements(elements -> Set.copyOf(Arrays.asList(elements)));
    }

    /** {@code Map.of}, {@code Map.ofEntries}, {@code Map.copyOf}. */
    static Serializer<Map<Object, Object>> immutableMap() {
        return new Entries(Map::copyOf);
    }

    static Serializer<Collection<Object>> elements(Function<Object[], Collection<Object>> rebuild) {
        return new Elements(rebuild);
    }

    static Serializer<Map<Object, Object>> entries(Function<Map<Object, Object>, Map<Object, Object>> rebuild) {
        return new Entries(rebuild);
    }

    static Collection<Object> unmodifiableRandomAccessList(Object[] elements) {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(elements)));
    }

    static Collection<Object> unmodifiableSequentialList(Object[] elements) {
        return Collections.unmodifiableList(new LinkedList<>(Arrays.asList(elements)));
    }

    static Collection<Object> unmodifiableSet(Object[] elements) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(elements)));
    }

    static Map<Object, Object> singletonMap(Map<Object, Object> entries) {
        var e = entries.entrySet().iterator().next();
        return Collections.singletonMap(e.getKey(), e.getValue());
    }

    /**
     * {@code List.of} rejects nulls, but {@code Stream.toList} makes the same class with nulls
     * allowed; it is also the only public factory that can rebuild such a list.
     */
    private static Collection<Object> immutableList(Object[] elements) {
        for (Object e : elements) {
            if (e == null) {
                return Arrays.stream(elements).toList();
            }
        }
        return List.of(elements);
    }

    /** Rejects a size the remaining bytes cannot hold (each element takes at least one), so corrupt input cannot allocate gigabytes. */
    private static int readSize(Input input, int bytesPerItem) {
        int size = input.readVarInt(true);
        long remaining = input.limit() - input.position();
        if (size < 0 || (long) size * bytesPerItem > remaining) {
            throw new KryoException("collection size " + size + " does not fit in the " + remaining + " remaining bytes");
        }
        return size;
    }

    private static final class Elements extends Serializer<Collection<Object>> {
        private final Function<Object[], Collection<Object>> rebuild;

        Elements(Function<Object[], Collection<Object>> rebuild) {
            super(false, true);
            this.rebuild = rebuild;
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> collection) {
            output.writeVarInt(collection.size(), true);
            for (Object e : collection) {
                kryo.writeClassAndObject(output, e);
            }
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            Object[] elements = new Object[readSize(input, 1)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = kryo.readClassAndObject(input);
            }
            return rebuild.apply(elements);
        }
    }

    private static final class Entries extends Serializer<Map<Object, Object>> {
        private final Function<Map<Object, Object>, Map<Object, Object>> rebuild;

        Entries(Function<Map<Object, Object>, Map<Object, Object>> rebuild) {
            super(false, true);
            this.rebuild = rebuild;
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            output.writeVarInt(map.size(), true);
            for (var e : map.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int size = readSize(input, 2);
            Map<Object, Object> entries = new LinkedHashMap<>(Math.max(4, size * 2));
            for (int i = 0; i < size; i++) {
                Object key = kryo.readClassAndObject(input);
                entries.put(key, kryo.readClassAndObject(input));
            }
            return rebuild.apply(entries);
        }
    }
}
