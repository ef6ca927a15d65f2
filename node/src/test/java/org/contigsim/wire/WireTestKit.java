package org.contigsim.wire;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/** Test systems that run our serializer with {@link TestRegistrar}. */
final class WireTestKit {

    private WireTestKit() {
    }

    static Config config(String extra) {
        return ConfigFactory.parseString(extra + "\ncontigsim.wire.registrars.test = \"org.contigsim.wire.TestRegistrar\"\n"
                        + "contigsim.wire.registrars.host = null\n"
                        + "pekko.loglevel = WARNING\n")
                .withFallback(ConfigFactory.load());
    }

    static ActorTestKit start(String extra) {
        return ActorTestKit.create(config(extra));
    }

    static Serialization serialization(ActorTestKit testKit) {
        return SerializationExtension.get(Adapter.toClassic(testKit.system()));
    }

    static ExtendedActorSystem classic(ActorTestKit testKit) {
        return (ExtendedActorSystem) Adapter.toClassic(testKit.system());
    }

    static KryoSerializer serializer(ActorTestKit testKit) {
        try {
            return (KryoSerializer) serialization(testKit).serializerFor(TestMessages.Ping.class);
        } catch (java.io.NotSerializableException e) {
            throw new AssertionError(e);
        }
    }
}
