package org.contigsim.wire;

import com.esotericsoftware.kryo.Serializer;

/**
 * Where a {@link WireRegistrar} assigns ids. A duplicate id or a class registered twice (across all
 * registrars) fails the serializer's construction, naming both classes.
 */
public interface WireRegistry {

    /** Registers {@code type} with Kryo's default serializer for it (records, enums, plain classes). */
    void register(Class<?> type, int id);

    /**
     * Registers {@code type} with a custom serializer. The instance is shared by every pooled Kryo
     * and so used from several threads at once: it must be stateless.
     */
    <T> void register(Class<T> type, int id, Serializer<T> serializer);
}
