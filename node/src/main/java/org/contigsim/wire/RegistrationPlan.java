package org.contigsim.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.ExternalizableSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Every (class, id, serializer) of the wire format, validated once and applied identically to each
 * pooled Kryo. Validation happens here, at serializer construction (that is, at actor system
 * start), so a clash between two registrars stops a node before it can exchange a single message.
 */
final class RegistrationPlan {
    static final int FIRST_BUILT_IN_ID = 10;
    static final int LAST_BUILT_IN_ID = 99;
    static final int FIRST_REGISTRAR_ID = 100;

    private record Entry(Class<?> type, int id, Serializer<?> serializer, String owner) {
        String describe() {
            return type.getName() + " (id " + id + ", " + owner + ")";
        }
    }

    private final List<Entry> entries;
    private final TypedActorRefSerializer refs;

    private RegistrationPlan(List<Entry> entries, TypedActorRefSerializer refs) {
        this.entries = entries;
        this.refs = refs;
    }

    static RegistrationPlan build(TypedActorRefSerializer refs, List<Registrars.Named> registrars) {
        Claims claims = new Claims();
        BuiltInRegistrations.register(claims.owner("built-in", FIRST_BUILT_IN_ID, LAST_BUILT_IN_ID, true), refs);
        for (Registrars.Named r : registrars) {
            r.registrar().register(claims.owner("registrar '" + r.name() + "'", FIRST_REGISTRAR_ID, Integer.MAX_VALUE, false));
        }
        return new RegistrationPlan(List.copyOf(claims.byId.values()), refs);
    }

    /** A Kryo configured for the wire format: registration required, no references (messages are trees). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Kryo newKryo() {
        Kryo kryo = new Kryo(new WireClassResolver(), null);
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.addDefaultSerializer(ActorRef.class, refs);
        for (Entry e : entries) {
            Registration r = e.serializer() == null
                    ? kryo.register(e.type(), e.id())
                    : kryo.register(e.type(), (Serializer) e.serializer(), e.id());
            // A class annotated for Kryo's Java serializer would smuggle Java serialization back in.
            if (isJavaSerialization(r.getSerializer())) {
                throw new WireFormatException(e.describe() + " would use Java serialization; give it a Kryo serializer");
            }
        }
        return kryo;
    }

    private static boolean isJavaSerialization(Serializer<?> serializer) {
        return serializer instanceof JavaSerializer || serializer instanceof ExternalizableSerializer;
    }

    /** Collects claims on ids and classes and rejects the first conflict, naming both sides. */
    private static final class Claims {
        private final TreeMap<Integer, Entry> byId = new TreeMap<>();
        private final Map<Class<?>, Entry> byType = new HashMap<>();
        // Kryo pre-registers primitives, their wrappers and String at ids 0..8.
        private final Kryo kryoDefaults = new Kryo();

        WireRegistry owner(String owner, int minId, int maxId, boolean allowAbstract) {
            return new WireRegistry() {
                @Override
                public void register(Class<?> type, int id) {
                    claim(new Entry(Objects.requireNonNull(type, "type"), id, null, owner), minId, maxId, allowAbstract);
                }

                @Override
                public <T> void register(Class<T> type, int id, Serializer<T> serializer) {
                    Objects.requireNonNull(serializer, "serializer");
                    claim(new Entry(Objects.requireNonNull(type, "type"), id, serializer, owner), minId, maxId, allowAbstract);
                }
            };
        }

        private void claim(Entry e, int minId, int maxId, boolean allowAbstract) {
            if (e.id() < minId || e.id() > maxId) {
                throw new WireFormatException(e.describe() + ": ids of the " + e.owner() + " must lie in "
                        + minId + ".." + (maxId == Integer.MAX_VALUE ? "" : maxId) + " (see WireRegistrar for the ranges)");
            }
            if (!allowAbstract && !e.type().isArray()
                    && (e.type().isInterface() || Modifier.isAbstract(e.type().getModifiers()))) {
                throw new WireFormatException(e.describe() + " is not a concrete class: Kryo looks up the exact class of a value,"
                        + " so register the concrete classes (WireCoverage.messageTypes lists them for a sealed protocol)");
            }
            Registration builtIntoKryo = kryoDefaults.getClassResolver().getRegistration(e.type());
            if (builtIntoKryo != null) {
                throw new WireFormatException(e.describe() + " needs no registration: Kryo itself registers it as id " + builtIntoKryo.getId());
            }
            if (isJavaSerialization(e.serializer())) {
                throw new WireFormatException(e.describe() + " must not use Java serialization");
            }
            Entry sameId = byId.get(e.id());
            if (sameId != null) {
                throw new WireFormatException("wire id " + e.id() + " is claimed twice: by " + sameId.describe() + " and by " + e.describe());
            }
            Entry sameType = byType.get(e.type());
            if (sameType != null) {
                throw new WireFormatException(e.type().getName() + " is registered twice: as " + sameType.describe() + " and as " + e.describe());
            }
            byId.put(e.id(), e);
            byType.put(e.type(), e);
        }
    }
}
