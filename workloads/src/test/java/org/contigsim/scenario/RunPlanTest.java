package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.hocon.InputException;
import org.contigsim.memory.KernelVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps, replicas and capacity blocks: the variants a file describes, and its mistakes in one line each. */
class RunPlanTest {
    /** The two required keys, for tests about something else. */
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";

    @TempDir
    Path dir;

    private Path file;
    private ScenarioFile scenario;

    @BeforeEach
    void setUp() {
        file = dir.resolve("plan.conf");
        scenario = new ScenarioFile(file);
    }

    private RunPlan plan(String text) throws IOException {
        Files.writeString(file, text);
        return RunPlan.read(file);
    }

    private String error(String text) throws IOException {
        return scenario.error(text, RunPlan::read);
    }

    private String at(int line, String rest) {
        return scenario.at(line, rest);
    }

    private static List<String> labels(RunPlan p) {
        List<String> out = new ArrayList<>();
        for (Variant v : p.variants()) {
            out.add(v.label());
        }
        return out;
    }

    // ------------------------------------------------------------------ plain files

    @Test
    void aPlainScenarioIsOneRunOfItself() throws IOException {
        RunPlan p = plan(REQUIRED + "jobs.policy = buddy\n");
        assertTrue(p.single());
        assertEquals(1, p.runs());
        assertEquals(1, p.replicas());
        assertTrue(p.capacity().isEmpty());
        assertEquals(List.of(new Variant(List.of(), ScenarioParser.parse(file))), p.variants());
        assertEquals("", p.variants().get(0).label());
        assertEquals(p.base(), p.requireSingle("contigsim coordinator"));
        assertTrue(plan(REQUIRED + "replicas = 1\n").single(), "one replica is a plain run");
    }

    @Test
    void theScenarioParserStillRefusesPlanKeys() throws IOException {
        Files.writeString(file, REQUIRED + "replicas = 3\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioParser.parse(file));
        assertTrue(e.getMessage().startsWith(at(3, "replicas: unknown key")), e.getMessage());
    }

    // ------------------------------------------------------------------ sweeps

    @Test
    void shouldCrossTheValuesInFileOrderFirstKeySlowest() throws IOException {
        RunPlan p = plan(REQUIRED + "sweep { jobs.policy = [buddy, contig-range], hosts = [8, 16, 2] }\n");
        assertFalse(p.single());
        assertEquals(List.of("jobs.policy=buddy,hosts=8", "jobs.policy=buddy,hosts=16", "jobs.policy=buddy,hosts=2",
                "jobs.policy=contig-range,hosts=8", "jobs.policy=contig-range,hosts=16",
                "jobs.policy=contig-range,hosts=2"), labels(p));
        assertEquals(6, p.runs());
        Variant v = p.variants().get(4);
        assertEquals(BufferPolicy.Kind.CONTIG_RANGE, v.scenario().jobs().policy());
        assertEquals(16, v.scenario().hosts());
        assertEquals(List.of(new Variant.Setting("jobs.policy", "contig-range", false),
                new Variant.Setting("hosts", "16", true)), v.settings());
        assertEquals(4, p.base().hosts(), "the base keeps the file's own value");
        assertEquals("plan", v.scenario().name(), "every variant keeps the name");
        // only the swept keys differ from the base
        assertEquals(p.base().host(), v.scenario().host());
        assertEquals(p.base().durationNanos(), v.scenario().durationNanos());
    }

    @Test
    void shouldOrderKeysByLineThenByWhereTheyStand() throws IOException {
        RunPlan p = plan(REQUIRED + "sweep {\n  jobs { placement = [best-contiguity] }\n  host.kernel = [\"6.1\", "
                + "\"6.15\"]\n  warmup = [1m], epoch = [30s, 1m]\n}\n");
        assertEquals(List.of("jobs.placement=best-contiguity,host.kernel=6.1,warmup=1m,epoch=30s",
                "jobs.placement=best-contiguity,host.kernel=6.1,warmup=1m,epoch=1m",
                "jobs.placement=best-contiguity,host.kernel=6.15,warmup=1m,epoch=30s",
                "jobs.placement=best-contiguity,host.kernel=6.15,warmup=1m,epoch=1m"), labels(p));
        assertEquals(60_000_000_000L, p.variants().get(3).scenario().warmupNanos());
        assertEquals(KernelVersion.V6_15, p.variants().get(3).scenario().host().kernel());
    }

    @Test
    void shouldKeepKeysTheSweepDoesNotSetFromTheFile() throws IOException {
        RunPlan p = plan(REQUIRED + "jobs {\n  buffer = 2GiB\n  policy = compaction\n}\nsweep.jobs.buffer = [4MiB, "
                + "\"8MiB\"]\n");
        assertEquals(List.of("jobs.buffer=4MiB", "jobs.buffer=8MiB"), labels(p));
        for (Variant v : p.variants()) {
            assertEquals(BufferPolicy.Kind.COMPACTION, v.scenario().jobs().policy());
        }
        assertEquals(8L << 20, p.variants().get(1).scenario().jobs().bufferBytes());
        assertEquals(8L << 20, p.variants().get(1).scenario().jobs().minChunkBytes(), "defaults follow the value");
    }

    @Test
    void shouldRunEveryVariantReplicasTimes() throws IOException {
        RunPlan p = plan(REQUIRED + "replicas = 5\nsweep { hosts = [4, 8] }\n");
        assertEquals(5, p.replicas());
        assertEquals(10, p.runs());
        RunPlan alone = plan(REQUIRED + "replicas = 3\n");
        assertFalse(alone.single());
        assertEquals(List.of(""), labels(alone));
        assertEquals(3, alone.runs());
        assertEquals(at(3, "replicas: 0 is out of range (1 to 1000)"), error(REQUIRED + "replicas = 0\n"));
        assertEquals(at(3, "replicas: expected a whole number, found \"many\""), error(REQUIRED + "replicas = many\n"));
        assertEquals(at(3, "replicas: the plan takes 20000 runs, more than 10000"),
                error(REQUIRED + "replicas = 1000\nsweep.hosts = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, "
                        + "18, 19, 20, 21, 22, 23]\n"));
    }

    @Test
    void shouldBlameABadSweptValueOnItsLineInTheSweep() throws IOException {
        assertTrue(error(REQUIRED + "sweep {\n  hosts = [4, 8]\n  jobs.policy = [buddy, lottery]\n}\n")
                .startsWith(at(5, "sweep.jobs.policy: \"lottery\" is not a buffer policy (known: ")));
        assertEquals(at(5, "sweep.hosts: 0 is out of range (1 to 100000)"),
                error(REQUIRED + "sweep {\n  hosts = [\n    0,\n    8\n  ]\n}\n"), "the value's own line");
        assertEquals(at(3, "sweep.host.memory: '64GB': use binary units (KiB, MiB, GiB, TiB), not GB"),
                error(REQUIRED + "sweep.host.memory = [1GiB, 64GB]\n"));
        assertTrue(error(REQUIRED + "sweep.jobs.bufer = [1GiB]\n")
                .startsWith(at(3, "sweep.jobs.bufer: unknown key (known: ")));
        assertEquals(at(3, "sweep.host: expected an object, found \"big\""), error(REQUIRED + "sweep.host = [big]\n"));
    }

    @Test
    void shouldBlameAValueThatBreaksAnotherKeyOnTheValue() throws IOException {
        assertEquals(at(3, "sweep.hosts: 1 makes the scenario invalid: jobs.hosts-per-job: default 2 is more than "
                + "hosts (1)"), error(REQUIRED + "sweep.hosts = [4, 1]\n"));
        assertEquals(at(5, "sweep.hosts: 2 makes the scenario invalid at line 3: jobs.hosts-per-job: 3 is more than "
                + "hosts (2)"), error(REQUIRED + "jobs.hosts-per-job = 3\n\nsweep.hosts = [4, 2]\n"));
        // each value works with the file's other keys; one combination does not
        assertEquals(at(4, "sweep.jobs.hosts-per-job: 3 is more than hosts (2)"),
                error(REQUIRED + "sweep {\n  jobs.hosts-per-job = [2, 3]\n  hosts = [4, 2]\n}\n"));
        assertEquals(at(3, "sweep.hosts: 1 makes the scenario invalid: jobs.hosts-per-job: default 2 is more than "
                + "hosts (1)"), error(REQUIRED + "sweep { hosts = [4, 1], jobs.placement = [first-fit, best-contiguity] "
                + "}\n"), "blamed on the value that is invalid alone");
    }

    @Test
    void shouldAcceptValuesThatAreOnlyValidTogether() throws IOException {
        // 2h epochs are longer than the file's 1h duration, but every variant with them has 2h
        RunPlan p = plan(REQUIRED + "sweep { duration = [2h, 4h], epoch = [30s, 2h] }\n");
        assertEquals(List.of("duration=2h,epoch=30s", "duration=2h,epoch=2h", "duration=4h,epoch=30s",
                "duration=4h,epoch=2h"), labels(p));
        assertEquals(at(3, "sweep.epoch: 2h is longer than duration (1h)"),
                error(REQUIRED + "sweep { duration = [2h, 1h], epoch = [30s, 2h] }\n"));
    }

    @Test
    void shouldRefuseSweepsThatAreNotListsOfValues() throws IOException {
        assertEquals(at(3, "sweep: expected an object of key = [values], found 5"), error(REQUIRED + "sweep = 5\n"));
        assertEquals(at(3, "sweep: nothing to sweep (write key = [value, ...])"), error(REQUIRED + "sweep {}\n"));
        assertEquals(at(3, "sweep.hosts: expected a list of values, found 8"), error(REQUIRED + "sweep.hosts = 8\n"));
        assertEquals(at(3, "sweep.hosts: expected a list of values, found an empty list"),
                error(REQUIRED + "sweep.hosts = []\n"));
        assertEquals(at(3, "sweep.hosts: expected single values in the list, found a list"),
                error(REQUIRED + "sweep.hosts = [[4, 8]]\n"));
        assertEquals(at(3, "sweep.hosts: \"8\" is listed twice"), error(REQUIRED + "sweep.hosts = [8, 4, \"8\"]\n"));
        assertEquals(at(3, "sweep.host.nic: \"a/b\" is listed twice (as a directory name: a_b)"),
                error(REQUIRED + "sweep.host.nic = [a_b, \"a/b\"]\n"));
        for (String key : List.of("name", "replicas", "sweep", "capacity")) {
            assertEquals(at(3, "sweep." + key + ": cannot be swept (sweep, replicas, capacity and name are the same "
                    + "for every variant)"), error(REQUIRED + "sweep." + key + " = [a, b]\n"));
        }
    }

    @Test
    void shouldNameTheFilesPlanKeyForCommandsThatRunOneScenario() throws IOException {
        RunPlan p = plan(REQUIRED + "jobs.policy = buddy\nsweep.jobs.policy = [buddy, compaction]\n");
        InputException e = assertThrows(InputException.class, () -> p.requireSingle("contigsim coordinator"));
        assertEquals(at(4, "sweep: contigsim coordinator runs one scenario; sweeps, replicas and capacity searches run "
                + "with contigsim run"), e.getMessage());
    }

    // ------------------------------------------------------------------ capacity

    @Test
    void shouldReadACapacitySearchWithItsDefaults() throws IOException {
        RunPlan p = plan("hosts = 16\nduration = 1h\ncapacity {\n  wait = 1m\n  fraction = 0.99\n}\n");
        assertEquals(new CapacitySpec(2, 16, 60_000_000_000L, 0.99), p.capacity().orElseThrow());
        assertFalse(p.single());
        assertEquals(2 + 4, p.runs(), "both ends and four halvings of 14");
        Variant probe = p.probe(7);
        assertEquals("hosts=7", probe.label());
        assertEquals(7, probe.scenario().hosts());
        RunPlan written = plan("hosts = 16\nduration = 1h\nreplicas = 2\ncapacity { min-hosts = 4, max-hosts = 40, "
                + "wait = 30s, fraction = 1 }\n");
        assertEquals(new CapacitySpec(4, 40, 30_000_000_000L, 1.0), written.capacity().orElseThrow());
        assertEquals((2 + 6) * 2, written.runs());
        assertEquals(40, written.probe(40).scenario().hosts());
    }

    @Test
    void shouldCheckTheCapacityBlock() throws IOException {
        assertEquals(file + ": capacity.wait: missing (how soon after arriving a job must start to count as served)",
                error(REQUIRED + "capacity { fraction = 0.9 }\n"));
        assertEquals(file + ": capacity.fraction: missing (the share of jobs that must start within capacity.wait)",
                error(REQUIRED + "capacity { wait = 1m }\n"));
        assertEquals(at(3, "capacity.fraction: 1.5 is out of range (0 to 1)"),
                error(REQUIRED + "capacity { wait = 1m, fraction = 1.5 }\n"));
        assertEquals(at(3, "capacity.wait: 1h is not shorter than duration (1h): no job would be counted"),
                error(REQUIRED + "capacity { wait = 1h, fraction = 0.5 }\n"));
        assertEquals(at(3, "capacity.max-hosts: 3 is less than capacity.min-hosts (5)"),
                error(REQUIRED + "capacity { min-hosts = 5, max-hosts = 3, wait = 1m, fraction = 0.5 }\n"));
        assertEquals(at(3, "capacity.min-hosts: 1 hosts make the scenario invalid: jobs.hosts-per-job: default 2 is "
                + "more than hosts (1)"), error(REQUIRED + "capacity { min-hosts = 1, wait = 1m, fraction = 0.5 }\n"));
        assertTrue(error(REQUIRED + "capacity { wait = 1m, fraction = 0.5, hosts = [1, 8] }\n")
                .startsWith(at(3, "capacity.hosts: unknown key (known: fraction, max-hosts, min-hosts, wait)")));
        assertEquals(at(3, "capacity: expected an object, found 5"), error(REQUIRED + "capacity = 5\n"));
        assertEquals(at(4, "capacity: cannot be combined with sweep (a capacity search varies hosts only: search "
                + "each variant from a file of its own)"),
                error(REQUIRED + "sweep.jobs.policy = [buddy]\ncapacity { wait = 1m, fraction = 0.5 }\n"));
    }

    @Test
    void shouldDefaultMaxHostsToTheScenariosHosts() throws IOException {
        assertEquals(file + ": capacity.max-hosts: default 4 is less than capacity.min-hosts (5)",
                error(REQUIRED + "capacity { min-hosts = 5, wait = 1m, fraction = 0.5 }\n"));
    }
}
