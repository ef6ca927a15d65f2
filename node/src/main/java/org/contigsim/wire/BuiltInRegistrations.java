package org.contigsim.wire;

import static org.contigsim.wire.JdkCollectionSerializers.elements;
import static org.contigsim.wire.JdkCollectionSerializers.entries;

import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.OptionalSerializers;
import com.esotericsoftware.kryo.serializers.TimeSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter;
import org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter;

/**
 * The serializer's own ids, 10..99. They are part of the wire format: never renumber or reuse one.
 * Kryo itself pre-registers {@code int, String, float, boolean, byte, char, short, long, double}
 * (and their wrappers) as ids 0..8, so those need nothing here.
 *
 * <pre>
 * 10..19  arrays        byte[] boolean[] int[] long[] double[] String[] char[] short[] float[] Object[]
 * 20..29  mutable JDK   ArrayList LinkedList HashMap LinkedHashMap HashSet LinkedHashSet TreeMap TreeSet
 *                       (Kryo's own serializers; a TreeMap/TreeSet comparator must itself be registered)
 * 30..39  immutable JDK List.of/List.copyOf/Stream.toList (List12, ListN), List.of(..).subList (SubList),
 *                       Set.of (Set12, SetN), Map.of/Map.ofEntries (Map1, MapN)
 * 40..59  Collections   emptyList/Set/Map, singletonList/singleton/singletonMap,
 *                       unmodifiableList (random-access and sequential), unmodifiableSet, unmodifiableMap,
 *                       Arrays.asList
 * 60..69  actor refs    typed ActorRef (fallback for any implementation), ActorRefAdapter, ActorSystemAdapter
 * 70..79  values        Optional Duration Instant UUID BigInteger BigDecimal
 * </pre>
 */
final class BuiltInRegistrations {

    private BuiltInRegistrations() {
    }

    static void register(WireRegistry r, TypedActorRefSerializer refs) {
        r.register(byte[].class, 10);
        r.register(boolean[].class, 11);
        r.register(int[].class, 12);
        r.register(long[].class, 13);
        r.register(double[].class, 14);
        r.register(String[].class, 15);
        r.register(char[].class, 16);
        r.register(short[].class, 17);
        r.register(float[].class, 18);
        r.register(Object[].class, 19);

        r.register(ArrayList.class, 20);
        r.register(LinkedList.class, 21);
        r.register(HashMap.class, 22);
        r.register(LinkedHashMap.class, 23);
        r.register(HashSet.class, 24);
        r.register(LinkedHashSet.class, 25);
        r.register(TreeMap.class, 26);
        r.register(TreeSet.class, 27);

        // The classes are private to java.util: take them from instances instead of by reflection.
        add(r, List.of(1).getClass(), 30, JdkCollectionSerializers.immutableList());
        add(r, List.of().getClass(), 31, JdkCollectionSerializers.immutableList());
        add(r, List.of(1, 2, 3).subList(0, 1).getClass(), 32, JdkCollectionSerializers.immutableList());
        add(r, Set.of(1).getClass(), 33, JdkCollectionSerializers.immutableSet());
        add(r, Set.of().getClass(), 34, JdkCollectionSerializers.immutableSet());
        add(r, Map.of(1, 1).getClass(), 35, JdkCollectionSerializers.immutableMap());
        add(r, Map.of().getClass(), 36, JdkCollectionSerializers.immutableMap());

        add(r, Collections.emptyList().getClass(), 40, elements(e -> Collections.emptyList()));
        add(r, Collections.emptySet().getClass(), 41, elements(e -> Collections.emptySet()));
        add(r, Collections.emptyMap().getClass(), 42, entries(m -> Collections.emptyMap()));
        add(r, Collections.singletonList(1).getClass(), 43, elements(e -> Collections.singletonList(e[0])));
        add(r, Collections.singleton(1).getClass(), 44, elements(e -> Collections.singleton(e[0])));
        add(r, Collections.singletonMap(1, 1).getClass(), 45, entries(JdkCollectionSerializers::singletonMap));
        add(r, Collections.unmodifiableList(new ArrayList<>()).getClass(), 46,
                elements(JdkCollectionSerializers::unmodifiableRandomAccessList));
        add(r, Collections.unmodifiableList(new LinkedList<>()).getClass(), 47,
                elements(JdkCollectionSerializers::unmodifiableSequentialList));
        add(r, Collections.unmodifiableSet(new HashSet<>()).getClass(), 48, elements(JdkCollectionSerializers::unmodifiableSet));
        add(r, Collections.unmodifiableMap(new HashMap<>()).getClass(), 49,
                entries(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        add(r, Arrays.asList(1).getClass(), 50, elements(Arrays::asList));

        // Compile-time references to Pekko's internal ref classes: an upgrade that renames them
        // breaks the build here rather than the wire at runtime.
        add(r, ActorRef.class, 60, refs);
        add(r, ActorRefAdapter.class, 61, refs);
        add(r, ActorSystemAdapter.class, 62, refs);

        // Explicit serializers: not all of these are Kryo defaults, and a default would fall back to
        // field access into java.base, which needs --add-opens.
        add(r, Optional.class, 70, new OptionalSerializers.OptionalSerializer());
        r.register(Duration.class, 71, new TimeSerializers.DurationSerializer());
        r.register(Instant.class, 72, new TimeSerializers.InstantSerializer());
        r.register(UUID.class, 73, new DefaultSerializers.UUIDSerializer());
        r.register(BigInteger.class, 74, new DefaultSerializers.BigIntegerSerializer());
        r.register(BigDecimal.class, 75, new DefaultSerializers.BigDecimalSerializer());
    }

    /** The JDK and Pekko classes here are only known as {@code Class<?>}; the serializers fit them by construction. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void add(WireRegistry r, Class<?> type, int id, Serializer<?> serializer) {
        r.register((Class) type, id, (Serializer) serializer);
    }
}
