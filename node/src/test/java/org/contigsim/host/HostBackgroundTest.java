package org.contigsim.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.workload.BackgroundTrace;
import org.contigsim.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host builds its background from the spec in its setup, trace included, and refuses a changed trace. */
class HostBackgroundTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    private static final long MIB = 1 << 20;
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    private static HostSetup setup(String background) {
        return new HostSetup(0, 7, "default", new HostSpec(512 * MIB, 1, KernelVersion.V6_15, CX5), background,
                new BufferPolicy.ContigRange(), null);
    }

    @Test
    void shouldRunTheBackgroundItsSpecDescribes() throws IOException {
        Path trace = dir.resolve("fill.csv");
        // 128 MiB of page cache at 1 s, and nothing else
        Files.writeString(trace, "time_s,op,kind,order,count,node\n1,alloc,page-cache,0,32768,0\n");
        String spec = Workloads.background("trace = \"" + trace + "\"\ntrace-sha256 = "
                + BackgroundTrace.sha256(Files.readAllBytes(trace))).spec();
        long idle = new Host(setup("idle")).advance(MINUTE, List.of()).summary().freeBytes();
        long traced = new Host(setup(spec)).advance(MINUTE, List.of()).summary().freeBytes();
        assertEquals(128 * MIB, idle - traced);
        String custom = Workloads.background("preset = none\nanon.share = 0.25\n").spec();
        long anon = new Host(setup(custom)).advance(10 * MINUTE, List.of()).summary().freeBytes();
        assertTrue(idle - anon > 100 * MIB, "a quarter of memory anonymous: " + (idle - anon) / MIB + " MiB used");
    }

    @Test
    void shouldFailClearlyWhenTheTraceChangedSinceTheScenarioWasRead() throws IOException {
        Path trace = dir.resolve("changed.csv");
        Files.writeString(trace, "0,alloc,anon,0,1,0\n");
        // written out rather than read, so that this JVM has not loaded the trace before the host does
        String spec = "preset = \"none\"\ntrace = \"" + trace + "\"\ntrace-sha256 = \""
                + BackgroundTrace.sha256(Files.readAllBytes(trace)) + "\"\n";
        Files.writeString(trace, "0,alloc,anon,0,2,0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Host(setup(spec)));
        assertTrue(e.getMessage().startsWith(trace + ": the background trace has changed since the scenario was read"),
                e.getMessage());
    }
}
