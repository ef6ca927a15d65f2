package org.contigsim.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer for {@link WireMessage}s on plain Kryo (bound in {@code reference.conf}).
 *
 * <p>No class names travel: Kryo writes the class's registered id, and every class that may appear
 * must have one (see {@link BuiltInRegistrations} for ids 10..99 and {@link WireRegistrar} for the
 * rest). An unregistered class fails loudly on write and an unknown id fails on read; there is no
 * fallback to Java serialization.
 *
 * <p>Kryo instances are not thread-safe and are costly to configure, so a bounded pool keeps a few
 * (hard references: a soft-referenced Kryo would be rebuilt after every GC under memory pressure,
 * exactly when it hurts).
 */
public final class KryoSerializer extends JSerializer {
    /** Pekko's id for this serializer; part of the wire format, never change it. */
    public static final int IDENTIFIER = 731001;

    private final Pool<Kryo> pool;

    public KryoSerializer(ExtendedActorSystem system) {
        this(system, system.settings().config().getConfig("contigsim.wire"));
    }

    /** With an explicit {@code contigsim.wire} section, so tests can try bad registrar sets. */
    KryoSerializer(ExtendedActorSystem system, Config wire) {
        RegistrationPlan plan = RegistrationPlan.build(new TypedActorRefSerializer(system),
                Registrars.load(wire.getConfig("registrars"), system.dynamicAccess().classLoader()));
        this.pool = new Pool<>(true, false, wire.getInt("kryo-pool-size")) {
            @Override
            protected Kryo create() {
                return plan.newKryo();
            }
        };
        // Build one Kryo now so a registration Kryo rejects fails the system start, not a first message.
        pool.free(pool.obtain());
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        Kryo kryo = pool.obtain();
        try {
            Output output = new Output(256, -1);
            kryo.writeClassAndObject(output, message);
            byte[] bytes = output.toBytes();
            pool.free(kryo);
            return bytes;
        } catch (RuntimeException e) {
            // Not returned to the pool: after a failure mid-write its internal state is suspect.
            String reason = String.valueOf(e.getMessage()).replaceAll("(?m)^Note: To register this class use.*\\R?", "");
            throw new WireFormatException("contigsim-kryo cannot serialise " + className(message) + ": " + reason
                    + (reason.contains("not registered") ? "\n(give it an id in a WireRegistrar listed under contigsim.wire.registrars)" : ""), e);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = pool.obtain();
        try {
            Input input = new Input(bytes);
            Object message = kryo.readClassAndObject(input);
            // Leftover bytes mean the sender's registrations differ from ours.
            if (input.position() != bytes.length) {
                throw new IllegalStateException("read " + className(message) + " from only " + input.position() + " bytes");
            }
            pool.free(kryo);
            return message;
        } catch (RuntimeException e) {
            throw new WireFormatException("contigsim-kryo cannot deserialise " + bytes.length + " bytes: " + e.getMessage()
                    + " (do both ends run the same registrars?)", e);
        }
    }

    /**
     * Whether values of exactly this class can go on the wire: registered by a registrar, built in,
     * a Kryo default, or resolved to a registration the way Kryo does for enum constants with
     * bodies and for typed actor refs.
     */
    public boolean isRegistered(Class<?> type) {
        Kryo kryo = pool.obtain();
        try {
            kryo.getRegistration(type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } finally {
            pool.free(kryo);
        }
    }

    private static String className(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
