package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.contigsim.host.Host;
import org.contigsim.scenario.HostClass;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each host of a fleet-imported class boots into its own dump. */
class FleetSetupTest {
    private static final Path SAMPLES = Path.of("..", "kernel", "src", "test", "resources", "proc-samples");

    @TempDir
    Path dir;

    @Test
    void eachHostOfTheFleetBootsIntoItsOwnDump() throws IOException {
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-boot.buddyinfo"), dumps.resolve("a.buddyinfo"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-anon400.buddyinfo"), dumps.resolve("b.buddyinfo"));
        Path file = dir.resolve("fleet.conf");
        Files.writeString(file, "hosts = 3\nduration = 1h\nhost.memory = 1GiB\nbackground = idle\n"
                + "jobs.hosts-per-job = 1\nclasses { prod { import { dir = dumps } } }\n");
        Scenario scenario = ScenarioParser.parse(file);
        Simulation sim = new Simulation(scenario, 1);

        assertNull(sim.setup(0).start());
        HostClass prod = scenario.classOf(1);
        assertEquals(prod.fleet().dumps().get(0), sim.setup(1).start());
        assertEquals(prod.fleet().dumps().get(1), sim.setup(2).start());
        // the booted hosts report exactly their own dumps' free blocks
        for (int h = 1; h <= 2; h++) {
            String expected = Files.readString(h == 1 ? dumps.resolve("a.buddyinfo") : dumps.resolve("b.buddyinfo"));
            Host host = new Host(sim.setup(h));
            assertEquals(expected.replaceAll("\\s+", " ").strip(),
                    host.buddyinfo().replaceAll("\\s+", " ").strip());
        }
    }
}
