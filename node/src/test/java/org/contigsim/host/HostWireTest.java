package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.contigsim.nic.RegionLayout;
import org.contigsim.wire.KryoSerializer;
import org.contigsim.wire.WireCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message of the host protocol crosses JVMs through Kryo, and every type in it is registered. */
class HostWireTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void shouldRegisterEveryTypeTheProtocolCarries() throws Exception {
        Serialization s = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        KryoSerializer kryo = (KryoSerializer) s.serializerFor(HostNode.Configure.class);
        List<Class<?>> types = new ArrayList<>(WireCoverage.reachableTypes(HostNode.Command.class));
        types.addAll(WireCoverage.reachableTypes(HostNode.Reply.class));
        types.addAll(WireCoverage.reachableTypes(EpochRelay.Command.class));
        types.add(EpochRelay.RelayDone.class);
        assertEquals(List.of(), WireCoverage.unregistered(types, kryo),
                "register these in HostWire (ids 100..199)");
    }

    @Test
    void shouldRoundTripEveryMessage() throws Exception {
        Serialization s = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        HostSetup setup = HostTest.setup(4);
        RegionLayout layout = RegionLayout.chunked(1L << 40, 16 << 20, 16 << 20);
        HostSummary summary = new HostSummary(4, 60, 1 << 30, 512 << 20, 256 << 20, 10, 412, 1, 16 << 20, 3, 1234, 5_000_000, 0, 1 << 30, 77);
        List<Object> messages = List.of(
                new HostNode.Configure(setup, testKit.<HostNode.Configured>createTestProbe().ref()),
                new HostNode.Advance(3, 90, List.of(new Assignment.Allocate(60, 1, 16 << 20),
                        new Assignment.Release(61, 0)), testKit.<HostNode.EpochDone>createTestProbe().ref()),
                new HostNode.Advance(4, 120, List.of(), testKit.<HostNode.EpochDone>createTestProbe().ref()),
                new HostNode.Configured(4, "pekko://contigsim@127.0.0.1:1234",
                        testKit.<HostNode.Command>createTestProbe().ref(),
                        testKit.<EpochRelay.Command>createTestProbe().ref()),
                new EpochRelay.RelayAdvance(5, 150, List.of(new EpochRelay.HostWork(4,
                        testKit.<HostNode.Command>createTestProbe().ref(), List.of(new Assignment.Release(149, 2)))),
                        testKit.<EpochRelay.RelayDone>createTestProbe().ref()),
                new EpochRelay.RelayDone(5, List.of(new HostNode.EpochDone(5, summary, List.of()))),
                new HostNode.Finish(testKit.<HostNode.Final>createTestProbe().ref()),
                new HostNode.Final(4, "Node 0, zone   Normal      1      2\n"),
                new HostNode.EpochDone(3, summary, List.of(new BufferOutcome(1, 60, layout, 16 << 20, 1),
                        new BufferOutcome(2, 60, null, 0, 0))));
        for (Object m : messages) {
            Serializer ser = s.serializerFor(m.getClass());
            assertInstanceOf(KryoSerializer.class, ser, m.getClass().getName());
            byte[] bytes = ser.toBinary(m);
            assertEquals(m, ser.fromBinary(bytes, m.getClass()), m.getClass().getName());
        }
    }
}
