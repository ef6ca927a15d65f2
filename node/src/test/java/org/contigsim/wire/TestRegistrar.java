package org.contigsim.wire;

import org.contigsim.wire.TestMessages.Carrier;
import org.contigsim.wire.TestMessages.Colour;
import org.contigsim.wire.TestMessages.Drain;
import org.contigsim.wire.TestMessages.Everything;
import org.contigsim.wire.TestMessages.Leaf;
import org.contigsim.wire.TestMessages.Ping;
import org.contigsim.wire.TestMessages.Pong;
import org.contigsim.wire.TestMessages.Reason;
import org.contigsim.wire.TestMessages.Reply;
import org.contigsim.wire.TestMessages.Stop;

/** Ids for {@link TestMessages}; deliberately leaves {@code Stray} out. */
public final class TestRegistrar implements WireRegistrar {

    @Override
    public void register(WireRegistry registry) {
        registry.register(Colour.class, 100);
        registry.register(Leaf.class, 101);
        registry.register(Everything.class, 102);
        registry.register(Carrier.class, 103);
        registry.register(Reply.class, 104);
        registry.register(Ping.class, 110);
        registry.register(Pong.class, 111);
        registry.register(Stop.class, 112);
        registry.register(Drain.class, 113);
        registry.register(Reason.class, 114);
        registry.register(Colour[].class, 115);
    }

}
