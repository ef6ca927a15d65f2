package org.contigsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host class imported from a directory of real hosts' dumps, one host each. */
class FleetImportTest {
    private static final Path SAMPLES = Path.of("..", "kernel", "src", "test", "resources", "proc-samples");
    private static final String HEAD = "hosts = 4\nduration = 1h\nhost.memory = 1GiB\n";

    @TempDir
    Path dir;
    private Path dumps;

    @BeforeEach
    void threeDumps() throws IOException {
        dumps = Files.createDirectories(dir.resolve("dumps"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-boot.buddyinfo"), dumps.resolve("a.buddyinfo"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-boot.pagetypeinfo"), dumps.resolve("a.pagetypeinfo"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-anon400.buddyinfo"), dumps.resolve("b.buddyinfo"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-anon400.pagetypeinfo"), dumps.resolve("b.pagetypeinfo"));
        Files.copy(SAMPLES.resolve("linux-6.1-1g-anon400.buddyinfo"), dumps.resolve("c.buddyinfo"));
        Files.writeString(dumps.resolve("notes.txt"), "not a dump\n");
    }

    private Scenario parse(String text) throws IOException {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, text);
        return ScenarioParser.parse(file);
    }

    @Test
    void everyDumpInTheDirectoryIsOneHostInNameOrder() throws IOException {
        Scenario s = parse(HEAD + "classes { prod { import { dir = dumps } } }\n");
        HostClass prod = s.classes().stream().filter(c -> c.name().equals("prod")).findFirst().orElseThrow();
        assertEquals(3, prod.count());
        assertNull(prod.start());
        assertEquals(List.of("a.buddyinfo", "b.buddyinfo", "c.buddyinfo"), prod.fleet().dumps().stream()
                .map(d -> Path.of(d.buddyinfoName()).getFileName().toString()).toList());
        assertTrue(prod.fleet().dumps().get(0).pagetypeinfoName().endsWith("a.pagetypeinfo"));
        assertNull(prod.fleet().dumps().get(2).pagetypeinfoName());
        // host 0 is the top-level default class, fresh; hosts 1..3 are the class's, one dump each
        assertNull(s.classOf(0).startOf(s.indexInClass(0)));
        assertEquals(prod, s.classOf(3));
        assertEquals(2, s.indexInClass(3));
        assertEquals(prod.fleet().dumps().get(2), prod.startOf(s.indexInClass(3)));
    }

    @Test
    void theRenderedScenarioReadsBackEqual() throws IOException {
        Scenario s = parse(HEAD + "classes { prod { import { dir = dumps } } }\n");
        String text = s.render();
        assertTrue(text.contains("    import { dir = \"" + dumps.toAbsolutePath().normalize() + "\" }\n"), text);
        assertEquals(s, parse(text));
    }

    @Test
    void aCountThatIsNotTheNumberOfDumpsIsAnError() throws IOException {
        InputException e = assertThrows(InputException.class,
                () -> parse(HEAD + "classes {\n  prod {\n    count = 2\n    import { dir = dumps }\n  }\n}\n"));
        assertEquals(dir.resolve("s.conf") + ":6: classes.prod.count: 2 hosts, but import.dir holds 3 dumps "
                + "(one host each; leave count out to take them all)", e.getMessage());
    }

    @Test
    void aDirectoryWithoutDumpsAndOneDumpBesideADirAreErrors() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        InputException empty = assertThrows(InputException.class,
                () -> parse(HEAD + "classes { prod { import { dir = empty } } }\n"));
        assertTrue(empty.getMessage().endsWith("empty holds no NAME.buddyinfo file"), empty.getMessage());
        InputException both = assertThrows(InputException.class,
                () -> parse(HEAD + "classes { prod { import { dir = dumps, buddyinfo = \"dumps/a.buddyinfo\" } } }\n"));
        assertTrue(both.getMessage().endsWith("give either dir (a fleet, one host per dump) or buddyinfo, not both"),
                both.getMessage());
    }

    @Test
    void aDamagedDumpNamesItsFileAndLine() throws IOException {
        Files.writeString(dumps.resolve("b.buddyinfo"), "Node 0, zone      DMA      0      0    x\n");
        InputException e = assertThrows(InputException.class,
                () -> parse(HEAD + "classes { prod { import { dir = dumps } } }\n"));
        assertTrue(e.getMessage().contains("classes.prod.import.dir: ") && e.getMessage().contains("b.buddyinfo:1: "),
                e.getMessage());
    }
}
