package org.contigsim.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter;
import org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.contigsim.wire.TestMessages.Carrier;
import org.contigsim.wire.TestMessages.Colour;
import org.contigsim.wire.TestMessages.Everything;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.PlainSerializable;
import org.contigsim.wire.TestMessages.Reply;
import org.contigsim.wire.TestMessages.Stray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {
    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = WireTestKit.start("");
        serialization = WireTestKit.serialization(testKit);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static Serializer serializerFor(Class<?> type) {
        try {
            return serialization.serializerFor(type);
        } catch (java.io.NotSerializableException e) {
            throw new AssertionError(e);
        }
    }

    /** Both ways Pekko uses a serializer: directly, and through Serialization with id + manifest as remoting does. */
    private static <T> T roundTrip(T message) {
        Serializer serializer = serializerFor(message.getClass());
        assertInstanceOf(KryoSerializer.class, serializer);
        byte[] bytes = serializer.toBinary(message);
        Object direct = serializer.fromBinary(bytes);
        assertEquals(message, direct);

        byte[] viaExtension = serialization.serialize(message).get();
        assertArrayEquals(bytes, viaExtension);
        String manifest = Serializers.manifestFor(serializer, message);
        assertEquals("", manifest);
        @SuppressWarnings("unchecked")
        T back = (T) serialization.deserialize(viaExtension, serializer.identifier(), manifest).get();
        assertEquals(message, back);
        assertNotSame(message, back);
        return back;
    }

    private static Everything everything() {
        return new Everything("text", Long.MAX_VALUE, -7, 0.25, true, Colour.GREEN, new long[] {1, 1L << 40, -3},
                List.of(), List.of(new Leaf("a", 1)), List.of(1L, 2L, 3L), Map.of("x", 1, "y", 2), Set.of("p", "q", "r"),
                new Leaf("nested", 9), Colour.BLUE);
    }

    @Test
    void recordWithEveryKindOfComponentRoundTrips() {
        Everything back = roundTrip(everything());
        assertSame(Colour.BLUE, back.anything());
    }

    @Test
    void nullComponentsRoundTrip() {
        roundTrip(new Everything(null, 0, 0, Double.NaN, false, null, null, null, null, null, null, null, null, null));
        roundTrip(new Leaf(null, 3));
        roundTrip(new Carrier(null));
    }

    @Test
    void wireBytesCarryNoClassNames() {
        byte[] bytes = serialization.serialize(everything()).get();
        String ascii = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String name : List.of("Everything", "Leaf", "Colour", "contigsim", "java.util", "ImmutableCollections")) {
            assertFalse(ascii.contains(name), name + " appears in the bytes");
        }
    }

    @Test
    void builtInValuesRoundTrip() {
        for (Object value : List.of(42, 42L, "s", 1.5, 2.5f, true, (byte) 1, (short) 2, 'c',
                new Leaf("x", 1), Optional.of("o"), Optional.empty(), Duration.ofMillis(1500), Instant.ofEpochSecond(7, 9),
                UUID.randomUUID(), BigInteger.TWO.pow(100), new BigDecimal("1.25"))) {
            roundTrip(new Carrier(value));
        }
    }

    @Test
    void arraysRoundTrip() {
        List<Object> arrays = List.of(new byte[] {1, 2}, new boolean[] {true}, new int[] {3}, new long[] {4},
                new double[] {5.5}, new String[] {"a", null}, new char[] {'z'}, new short[] {6}, new float[] {7f},
                new Object[] {1, "two", null}, new Colour[] {Colour.RED, Colour.BLUE});
        for (Object array : arrays) {
            Carrier back = (Carrier) serialization.deserialize(serialization.serialize(new Carrier(array)).get(),
                    KryoSerializer.IDENTIFIER, "").get();
            assertSame(array.getClass(), back.value().getClass());
            assertTrue(Arrays.deepEquals(new Object[] {array}, new Object[] {back.value()}), array.getClass().getSimpleName());
        }
    }

    @Test
    void jdkCollectionsComeBackOfTheSameKind() {
        List<Object> sameClass = List.of(
                List.of(), List.of(1), List.of(1, 2), List.of(1, 2, 3), List.copyOf(new ArrayList<>(List.of(4, 5, 6, 7))),
                Set.of(), Set.of(1), Set.of(1, 2), Set.of(1, 2, 3),
                Map.of(), Map.of("k", 1), Map.of("a", 1, "b", 2), Map.ofEntries(Map.entry("e", List.of(1))),
                Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
                Collections.singletonList("one"), Collections.singleton("one"), Collections.singletonMap("k", "v"),
                Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))), Collections.unmodifiableList(new LinkedList<>(List.of(1))),
                Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2))), Collections.unmodifiableMap(new HashMap<>(Map.of(1, 2))),
                Arrays.asList(1, null, 3),
                new ArrayList<>(List.of(1, 2)), new LinkedList<>(List.of(3)), new HashMap<>(Map.of("h", 1)),
                new LinkedHashMap<>(Map.of("l", 1)), new HashSet<>(Set.of(1)), new LinkedHashSet<>(Set.of(2)),
                new TreeMap<>(Map.of("b", 2, "a", 1)), new TreeSet<>(Set.of(3, 1, 2)),
                List.of(List.of(Map.of("deep", Set.of(new Leaf("in", 1)))))); // nesting
        for (Object value : sameClass) {
            Carrier back = roundTrip(new Carrier(value));
            assertSame(value.getClass(), back.value().getClass(), value.getClass().getName());
        }
    }

    @Test
    void unmodifiableCollectionsStayUnmodifiable() {
        for (Object value : List.of(List.of(1, 2, 3), Set.of(1), Collections.unmodifiableList(new ArrayList<>(List.of(1))))) {
            @SuppressWarnings("unchecked")
            Collection<Object> back = (Collection<Object>) roundTrip(new Carrier(value)).value();
            assertThrows(UnsupportedOperationException.class, () -> back.add(4));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) roundTrip(new Carrier(Map.of(1, 2))).value();
        assertThrows(UnsupportedOperationException.class, () -> map.put(3, 4));
    }

    @Test
    void streamToListComesBackImmutableWithItsNulls() {
        List<Object> withNull = Arrays.asList((Object) 1, null).stream().toList();
        assertEquals(withNull, roundTrip(new Carrier(withNull)).value());
        // List.of picks List12 for two elements where Stream.toList made a ListN: equal, still immutable.
        List<String> two = Stream.of("a", "b").toList();
        assertEquals(two, roundTrip(new Carrier(two)).value());
    }

    @Test
    void subListComesBackAsAnImmutableList() {
        List<Integer> sub = List.of(1, 2, 3, 4).subList(1, 3);
        Object back = roundTrip(new Carrier(sub)).value();
        assertEquals(List.of(2, 3), back);
        assertSame(List.of(1, 2).getClass(), back.getClass());
    }

    @Test
    void typedActorRefsResolveBackToTheSameActor() {
        TestProbe<String> probe = testKit.createTestProbe();
        Reply back = roundTrip(new Reply(probe.ref(), "hi"));
        assertEquals(probe.ref(), back.replyTo());
        back.replyTo().tell("through the copy");
        probe.expectMessage("through the copy");

        KryoSerializer kryo = WireTestKit.serializer(testKit);
        assertTrue(kryo.isRegistered(ActorRefAdapter.class));
        assertTrue(kryo.isRegistered(ActorSystemAdapter.class));
        assertEquals(ActorRefAdapter.class, probe.ref().getClass());
    }

    @Test
    void enumConstantsWithBodiesUseTheirEnumsRegistration() {
        assertSame(Colour.BLUE, roundTrip(new Carrier(Colour.BLUE)).value());
        assertTrue(WireTestKit.serializer(testKit).isRegistered(Colour.BLUE.getClass()));
    }

    @Test
    void unregisteredMessageFailsNamingItsClass() {
        Stray stray = new Stray("lost");
        Serializer serializer = serializerFor(Stray.class);
        assertInstanceOf(KryoSerializer.class, serializer);
        WireFormatException e = assertThrows(WireFormatException.class, () -> serializer.toBinary(stray));
        assertTrue(e.getMessage().contains(Stray.class.getName()), e.getMessage());
        assertTrue(serialization.serialize(stray).isFailure());

        WireFormatException nested = assertThrows(WireFormatException.class, () -> serializer.toBinary(new Carrier(List.of(stray))));
        assertTrue(nested.getMessage().contains(Stray.class.getName()), nested.getMessage());
        // The serializer stays usable after a failed write.
        roundTrip(everything());
    }

    @Test
    void javaSerializationIsOff() {
        assertFalse(testKit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"));
        Serializer java = serializerFor(PlainSerializable.class);
        assertFalse(java instanceof KryoSerializer);
        assertTrue(serialization.serialize(new PlainSerializable("x")).isFailure(), "Java serialization is enabled");
    }

    @Test
    void unknownIdsAndTrailingBytesFailOnRead() {
        KryoSerializer kryo = WireTestKit.serializer(testKit);
        Output output = new Output(8);
        output.writeVarInt(5000 + 2, true); // Kryo writes class ids shifted by 2 (0 = null, 1 = reserved)
        WireFormatException unknown = assertThrows(WireFormatException.class, () -> kryo.fromBinaryJava(output.toBytes(), null));
        assertTrue(unknown.getMessage().contains("5000"), unknown.getMessage());

        byte[] bytes = kryo.toBinary(new Leaf("a", 1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(WireFormatException.class, () -> kryo.fromBinaryJava(longer, null));
        byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(WireFormatException.class, () -> kryo.fromBinaryJava(shorter, null));
        assertThrows(WireFormatException.class, () -> kryo.fromBinaryJava(new byte[0], null));
    }

    @Test
    void hugeCollectionSizesInCorruptInputFailWithoutAllocating() {
        KryoSerializer kryo = WireTestKit.serializer(testKit);
        Output output = new Output(16);
        output.writeVarInt(31 + 2, true); // ListN
        output.writeVarInt(Integer.MAX_VALUE, true);
        WireFormatException e = assertThrows(WireFormatException.class, () -> kryo.fromBinaryJava(output.toBytes(), null));
        assertTrue(e.getMessage().contains("remaining bytes"), e.getMessage());
    }

    @Test
    void concurrentUseSharesThePoolSafely() throws Exception {
        KryoSerializer kryo = WireTestKit.serializer(testKit);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Leaf leaf = new Leaf("t" + thread, i);
                        Carrier message = new Carrier(List.of(leaf, Map.of(i, thread)));
                        assertEquals(message, kryo.fromBinaryJava(kryo.toBinary(message), null));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
