package org.contigsim.wire;

/**
 * Marker for every message that may cross JVMs. Pekko binds it to {@link KryoSerializer} in
 * {@code reference.conf}, so implementing it (directly or through a sealed protocol interface) is
 * what routes a message to our wire format; its concrete classes must also be given an id by a
 * {@link WireRegistrar}.
 */
public interface WireMessage {
}
