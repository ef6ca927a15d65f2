package org.contigsim.wire;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo looks registrations up by exact class, but typed refs come in several implementation
 * classes (adapters, the system itself, future Pekko internals). Any typed ref class without its
 * own id falls back to the registration of the {@link ActorRef} interface, which writes the ref's
 * path: a new Pekko-internal ref class then still serialises instead of failing as unregistered.
 */
final class WireClassResolver extends DefaultClassResolver {

    @Override
    public Registration getRegistration(Class type) {
        Registration registration = super.getRegistration(type);
        if (registration == null && type != null && ActorRef.class.isAssignableFrom(type)) {
            return super.getRegistration(ActorRef.class);
        }
        return registration;
    }
}
