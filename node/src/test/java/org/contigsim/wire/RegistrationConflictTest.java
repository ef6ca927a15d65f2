package org.contigsim.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.typesafe.config.ConfigFactory;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.Loose;
import org.contigsim.wire.TestMessages.Stray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistrationConflictTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = WireTestKit.start("");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** Registrars are instantiated by class name, so they must be public with a public no-arg constructor. */
    abstract static class Registers implements WireRegistrar {
        private final Consumer<WireRegistry> body;

        Registers(Consumer<WireRegistry> body) {
            this.body = body;
        }

        @Override
        public void register(WireRegistry registry) {
            body.accept(registry);
        }
    }

    /** Takes TestRegistrar's id 101 (Leaf) for Stray. */
    public static final class ClaimsLeafsId extends Registers {
        public ClaimsLeafsId() {
            super(r -> r.register(Stray.class, 101));
        }
    }

    public static final class RegistersLeafAgain extends Registers {
        public RegistersLeafAgain() {
            super(r -> r.register(Leaf.class, 150));
        }
    }

    public static final class UsesBuiltInRange extends Registers {
        public UsesBuiltInRange() {
            super(r -> r.register(Stray.class, 42));
        }
    }

    public static final class RegistersAnInterface extends Registers {
        public RegistersAnInterface() {
            super(r -> r.register(Loose.class, 160));
        }
    }

    public static final class RegistersString extends Registers {
        public RegistersString() {
            super(r -> r.register(String.class, 161));
        }
    }

    public static final class UsesJavaSerialization extends Registers {
        public UsesJavaSerialization() {
            super(r -> r.register(Stray.class, 162, new JavaSerializer()));
        }
    }

    public static final class CustomSerializer extends Registers {
        public CustomSerializer() {
            super(r -> r.register(Stray.class, 170, new Serializer<Stray>(false, true) {
                @Override
                public void write(Kryo kryo, Output output, Stray stray) {
                    output.writeString(stray.text().toUpperCase());
                }

                @Override
                public Stray read(Kryo kryo, Input input, Class<? extends Stray> type) {
                    return new Stray(input.readString());
                }
            }));
        }
    }

    private static String nested(String name) {
        return "\"" + RegistrationConflictTest.class.getName() + "$" + name + "\"";
    }

    private static KryoSerializer construct(String registrars) {
        return new KryoSerializer(WireTestKit.classic(testKit),
                ConfigFactory.parseString("registrars { " + registrars + " }\nkryo-pool-size = 2"));
    }

    private static String failure(String registrars) {
        return assertThrows(WireFormatException.class, () -> construct(registrars)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "\"" + part + "\" missing from: " + message);
        }
    }

    @Test
    void duplicateIdNamesBothClassesAndRegistrars() {
        String message = failure("a = \"org.contigsim.wire.TestRegistrar\", b = " + nested("ClaimsLeafsId"));
        assertMentions(message, "wire id 101", Leaf.class.getName(), Stray.class.getName(), "registrar 'a'", "registrar 'b'");
    }

    @Test
    void classRegisteredTwiceNamesBothIds() {
        String message = failure("a = \"org.contigsim.wire.TestRegistrar\", b = " + nested("RegistersLeafAgain"));
        assertMentions(message, Leaf.class.getName() + " is registered twice", "id 101", "id 150");
    }

    @Test
    void registrarsStayOutOfTheBuiltInRange() {
        assertMentions(failure("x = " + nested("UsesBuiltInRange")), Stray.class.getName(), "100..");
    }

    @Test
    void interfacesAndKryoDefaultsAndJavaSerializationAreRejected() {
        assertMentions(failure("x = " + nested("RegistersAnInterface")), Loose.class.getName(), "not a concrete class");
        assertMentions(failure("x = " + nested("RegistersString")), "java.lang.String", "Kryo itself");
        assertMentions(failure("x = " + nested("UsesJavaSerialization")), "Java serialization");
    }

    @Test
    void badRegistrarEntriesNameTheirKey() {
        assertMentions(failure("missing = \"org.contigsim.NoSuchRegistrar\""), "contigsim.wire.registrars.missing", "NoSuchRegistrar");
        assertMentions(failure("wrong = \"java.lang.String\""), "contigsim.wire.registrars.wrong", "does not implement");
        assertMentions(failure("number = 3"), "contigsim.wire.registrars.number", "class name");
    }

    @Test
    void nullSwitchesARegistrarOffAndCustomSerializersAreUsed() {
        KryoSerializer serializer = construct("a = \"org.contigsim.wire.TestRegistrar\", b = null, c = " + nested("CustomSerializer"));
        assertTrue(serializer.isRegistered(Stray.class));
        Object back = serializer.fromBinaryJava(serializer.toBinary(new Stray("quiet")), null);
        assertTrue(back.equals(new Stray("QUIET")), String.valueOf(back));
    }

    @Test
    void aClashStopsTheActorSystemFromStarting() {
        String config = "contigsim.wire.registrars.zz = " + nested("ClaimsLeafsId");
        Throwable failure = assertThrows(Throwable.class, () -> {
            ActorTestKit broken = WireTestKit.start(config);
            broken.shutdownTestKit();
        });
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertMentions(chain.toString(), "wire id 101", Leaf.class.getName(), Stray.class.getName());
    }
}
