package org.contigsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** policies { ... } and classes { ... }: values, inheritance, and one-line errors. */
class PoliciesAndClassesTest {
    static final DeviceProfile CX5 = DeviceProfile.named("connectx5-edr");
    private static final String REQUIRED = "hosts = 4\nduration = 1h\n";
    private static final Path SAMPLES = Path.of("..", "kernel", "src", "test", "resources", "proc-samples");

    @TempDir
    Path dir;

    private ScenarioFile file;

    @BeforeEach
    void setUp() {
        file = new ScenarioFile(dir.resolve("s.conf"));
    }

    private Scenario parse(String text) throws IOException {
        return file.parse(text);
    }

    private String error(String text) throws IOException {
        return file.error(text);
    }

    private String at(int line, String rest) {
        return file.at(line, rest);
    }

    @Test
    void theSelectedPolicyTakesItsOwnSettingsPerHostSize() throws IOException {
        Scenario s = parse(REQUIRED + "jobs.policy = hugetlb-boot\npolicies.hugetlb-boot { page-size = 2MiB, reserve = 10% }\n");
        BufferPolicy p = s.policies().resolve(s.jobs().policy(), 64L << 30);
        assertEquals(new BufferPolicy.HugetlbBoot(2L << 20, (int) ((64L << 30) / 10 / (2L << 20))), p);
        assertEquals(new BufferPolicy.Buddy(), s.policies().resolve(BufferPolicy.Kind.BUDDY, 64L << 30));
        Scenario m = parse(REQUIRED + "jobs.policy = movable-zone\npolicies.movable-zone.size = 8GiB\n");
        assertEquals(new BufferPolicy.MovableZone(8L << 30), m.policies().resolve(m.jobs().policy(), 64L << 30));
        Scenario p2 = parse(REQUIRED + "jobs.policy = protect-orders\npolicies.protect-orders { order-9 = 3, order-10 = 7 }\n");
        long[] orders = ((BufferPolicy.ProtectOrders) p2.policies().resolve(p2.jobs().policy(), 1L << 30)).perOrder();
        assertEquals(3, orders[9]);
        assertEquals(7, orders[10]);
        assertEquals(0, orders[8]);
        assertEquals(new BufferPolicy.Compaction(55), parse(REQUIRED
                + "jobs.policy = compaction\npolicies.compaction.proactiveness = 55\n")
                .policies().resolve(BufferPolicy.Kind.COMPACTION, 1L << 30));
    }

    @Test
    void policySettingsAreCheckedOnlyAgainstTheSelectedPolicy() throws IOException {
        // 1 GiB pages cannot hold a 2 GiB buffer in 25% of a 4 GiB host, but buddy never reserves them
        assertEquals(BufferPolicy.Kind.BUDDY, parse(REQUIRED + "host.memory = 4GiB\njobs { policy = buddy, buffer = 2GiB }\n")
                .jobs().policy());
    }

    @Test
    void shouldRejectPolicySettingsThatCannotWork() throws IOException {
        assertEquals(at(5, "policies.hugetlb-boot.reserve: 2GiB on 64GiB hosts is 2 pages of 1GiB, less than one "
                + "jobs.buffer (3GiB) needs"), error(REQUIRED + "jobs { policy = hugetlb-boot, buffer = 3GiB }\n"
                + "policies {\n  hugetlb-boot.reserve = 2GiB\n}\n"));
        assertEquals(at(4, "policies.hugetlb-boot.page-size: 3MiB is not a hugetlb page size (a power of two from "
                + "2MiB to 16GiB)"), error(REQUIRED + "policies {\nhugetlb-boot.page-size = 3MiB\n}\n"));
        assertEquals(at(4, "policies.hugetlb-boot.reserve: 60% on 64GiB hosts is more than half of host memory"),
                error(REQUIRED + "jobs.policy = hugetlb-boot\npolicies.hugetlb-boot.reserve = 60%\n"));
        assertEquals(at(4, "policies.movable-zone.size: 50% on 64GiB hosts is not less than half of host memory"),
                error(REQUIRED + "jobs.policy = movable-zone\npolicies.movable-zone.size = 50%\n"));
        assertEquals(at(4, "policies.movable-zone.size: 120% is out of range (0% to 100%)"),
                error(REQUIRED + "jobs.policy = movable-zone\npolicies.movable-zone.size = 120%\n"));
        String noRoom = error(REQUIRED + "host.memory = 4GiB\njobs.policy = hugetlb-boot\npolicies.hugetlb-boot.reserve = 1GiB\n");
        assertEquals(at(5, "policies.hugetlb-boot.reserve: 1GiB on 4GiB hosts does not boot: "),
                noRoom.substring(0, at(5, "policies.hugetlb-boot.reserve: 1GiB on 4GiB hosts does not boot: ").length()));
        assertEquals(at(4, "policies.protect-order: unknown key (known: compaction, hugetlb-boot, movable-zone, "
                + "protect-orders)"), error(REQUIRED + "policies {\nprotect-order.order-10 = 1\n}\n"));
        assertEquals(at(4, "policies.protect-orders.order-11: unknown key (known: order-0, order-1, order-10, order-2, "
                + "order-3, order-4, order-5, order-6, order-7, order-8, order-9)"),
                error(REQUIRED + "policies {\nprotect-orders.order-11 = 1\n}\n"));
    }

    @Test
    void classesTakeHostsFromTheDefaultClassAndInheritWhatTheyLeaveOut() throws IOException {
        Scenario s = parse("hosts = 10\nduration = 1h\nhost { memory = 8GiB, kernel = \"6.1\" }\n"
                + "classes {\n  big { count = 3, host.memory = 16GiB, background = idle }\n  small.count = 2\n}\n");
        List<HostClass> fleet = s.fleet();
        assertEquals(List.of("default", "big", "small"), fleet.stream().map(HostClass::name).toList());
        assertEquals(List.of(5, 3, 2), fleet.stream().map(HostClass::count).toList());
        assertEquals(new HostSpec(16L << 30, 1, KernelVersion.V6_1, CX5), fleet.get(1).host());
        assertEquals("idle", fleet.get(1).background());
        assertEquals("fragmenting", fleet.get(2).background());
        assertEquals("default", s.classOf(4).name());
        assertEquals("big", s.classOf(5).name());
        assertEquals("small", s.classOf(9).name());
        assertEquals(s, parse(s.render()), s.render());
    }

    @Test
    void aClassCanBootFromARealBuddyinfo() throws IOException {
        Path buddy = SAMPLES.resolve("linux-6.1-1g-anon400.buddyinfo").toAbsolutePath();
        Path types = SAMPLES.resolve("linux-6.1-1g-anon400.pagetypeinfo").toAbsolutePath();
        Scenario s = parse("hosts = 3\nduration = 1h\njobs.buffer = 16MiB\nclasses.imported {\n  count = 1\n"
                + "  host.memory = 1GiB\n  import { buddyinfo = \"" + buddy + "\", pagetypeinfo = \"" + types + "\" }\n}\n");
        HostClass c = s.classOf(2);
        assertNotNull(c.start());
        assertEquals(Files.readString(buddy), c.start().buddyinfo());
        assertNull(s.classOf(0).start());
        assertEquals(s, parse(s.render()));
    }

    @Test
    void shouldRejectClassesThatDoNotFit() throws IOException {
        assertEquals(at(6, "classes.b.count: classes hold 5 hosts, more than hosts (4)"),
                error(REQUIRED + "classes {\n  a.count = 3\n  b {\n    count = 2\n  }\n}\n"));
        assertEquals(at(5, "classes.default.count: 'default' names the hosts of the top-level host block; give this "
                + "class another name"), error(REQUIRED + "classes {\n  default {\n    count = 1\n  }\n}\n"));
        assertEquals(at(3, "classes.a.import.buddyinfo: cannot read " + dir.resolve("nope.txt") + " (no such file)"),
                error(REQUIRED + "classes.a { count = 1, import.buddyinfo = nope.txt }\n"));
        Files.writeString(dir.resolve("bad.buddyinfo"), "Node 0, zone      DMA      0      0\n");
        String bad = error(REQUIRED + "classes.a { count = 1, import.buddyinfo = bad.buddyinfo }\n");
        assertEquals(at(3, "classes.a.import.buddyinfo: " + dir.resolve("bad.buddyinfo")),
                bad.substring(0, at(3, "classes.a.import.buddyinfo: " + dir.resolve("bad.buddyinfo")).length()), bad);
        assertEquals(at(3, "classes.a.colour: unknown key (known: background, count, host, import)"),
                error(REQUIRED + "classes.a { count = 1, colour = red }\n"));
        assertEquals(at(3, "jobs.buffer: 2GiB is larger than host.memory (1GiB)"),
                error(REQUIRED + "jobs.buffer = 2GiB\nclasses.a { count = 1, host.memory = 1GiB }\n"));
    }
}
