package org.contigsim.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Writes a typed actor ref as its full path (with address), the only form another JVM can resolve.
 * Stateless apart from the lazily found resolver, so one instance serves every pooled Kryo.
 */
final class TypedActorRefSerializer extends Serializer<ActorRef<?>> {
    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    TypedActorRefSerializer(ExtendedActorSystem system) {
        super(false, true);
        this.system = system;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver().resolveActorRef(input.readString());
    }

    /**
     * Found on first use, not at construction: Pekko builds serializers while the Serialization
     * extension loads during system start, before the typed adapter and its extensions should be
     * touched.
     */
    private ActorRefResolver resolver() {
        ActorRefResolver r = resolver;
        if (r == null) {
            r = ActorRefResolver.get(Adapter.toTyped(system));
            resolver = r;
        }
        return r;
    }
}
