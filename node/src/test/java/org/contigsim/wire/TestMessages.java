package org.contigsim.wire;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/** Message types for the wire tests; {@link TestRegistrar} gives them ids (except the strays). */
final class TestMessages {

    private TestMessages() {
    }

    /** BLUE has a body, so its constant is an anonymous subclass of the enum. */
    enum Colour {
        RED, GREEN, BLUE {
            @Override
            public String toString() {
                return "blue";
            }
        }
    }

    record Leaf(String name, int weight) implements Loose {
    }

    record Everything(String text, long big, int small, double ratio, boolean flag, Colour colour, long[] pfns,
            List<Leaf> none, List<Leaf> one, List<Long> three, Map<String, Integer> counts, Set<String> tags,
            Leaf nested, Object anything) implements WireMessage {

        // Records compare arrays by identity.
        @Override
        public boolean equals(Object o) {
            return o instanceof Everything e && Objects.equals(text, e.text) && big == e.big && small == e.small
                    && Double.compare(ratio, e.ratio) == 0 && flag == e.flag && colour == e.colour
                    && Arrays.equals(pfns, e.pfns) && Objects.equals(none, e.none) && Objects.equals(one, e.one)
                    && Objects.equals(three, e.three) && Objects.equals(counts, e.counts) && Objects.equals(tags, e.tags)
                    && Objects.equals(nested, e.nested) && Objects.equals(anything, e.anything);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, big, colour, Arrays.hashCode(pfns));
        }
    }

    /** Carries any value, to try the built-in types one at a time. */
    record Carrier(Object value) implements WireMessage {
    }

    record Reply(ActorRef<String> replyTo, String body) implements WireMessage {
    }

    sealed interface TestProtocol extends WireMessage {
    }

    record Ping(long seq) implements TestProtocol {
    }

    record Pong(long seq, List<Leaf> leaves, Colour[] colours) implements TestProtocol {
    }

    sealed interface Admin extends TestProtocol {
    }

    record Stop() implements Admin {
    }

    record Drain(Colour colour, Map<String, Reason> reasons) implements Admin {
    }

    record Reason(String text) {
    }

    /** A protocol with a forgotten registration. */
    sealed interface Loose extends WireMessage {
    }

    /** Implements WireMessage but is registered nowhere. */
    record Stray(String text) implements Loose {
    }

    /** Not a WireMessage: only Pekko's (disabled) Java serializer would take it. */
    record PlainSerializable(String text) implements Serializable {
    }
}
