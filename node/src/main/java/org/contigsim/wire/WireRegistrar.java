package org.contigsim.wire;

/**
 * Contributes wire ids for one protocol. Named in config under {@code contigsim.wire.registrars}
 * ({@code name = "fully.qualified.ClassName"}); needs a public no-arg constructor.
 *
 * <p>Ids are part of the wire format: every JVM of a cluster must assign the same id to the same
 * class, so ids are chosen by hand and never reused for a different class. Ranges:
 * <ul>
 *   <li>10..99: reserved for {@link KryoSerializer}'s built-ins (JDK types, actor refs);</li>
 *   <li>100..199: host (node) protocol;</li>
 *   <li>200..299: coordinator protocol;</li>
 *   <li>300..399: snapshots;</li>
 *   <li>400 and up: free.</li>
 * </ul>
 * Records and enums need no serializer: Kryo's record serializer writes components, and enums are
 * written by ordinal (so reordering constants changes the wire format, as renaming a record
 * component does).
 */
public interface WireRegistrar {
    void register(WireRegistry registry);
}
