/**
 * The wire format between contigsim JVMs: a Pekko serializer ({@link org.contigsim.wire.KryoSerializer})
 * on plain Kryo, bound to {@link org.contigsim.wire.WireMessage}. Classes travel as hand-picked
 * numeric ids, never as names: 10..99 built in, then per protocol through
 * {@link org.contigsim.wire.WireRegistrar}s listed in {@code contigsim.wire.registrars} (host
 * protocol 100..199, coordinator 200..299, snapshots 300..399). Kryo and Pekko serialization
 * details stay inside this package.
 */
package org.contigsim.wire;
