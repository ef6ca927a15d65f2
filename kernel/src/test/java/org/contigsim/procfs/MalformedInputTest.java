package org.contigsim.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each broken file must fail on the right line with a one-line message naming what is wrong. */
class MalformedInputTest {

    /**
     * @param file    file name given to the parser
     * @param lines   the file
     * @param line    expected 1-based line, 0 for whole-file problems
     * @param snippet a part of the message that names the problem
     */
    record Case(String name, String file, List<String> lines, int line, String snippet) {
    }

    private static final String ROW0 = "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 ";

    private static List<String> boot() {
        return Samples.lines(Samples.BOOT_PAGETYPEINFO);
    }

    /** The boot pagetypeinfo with its 1-based line {@code n} rewritten. */
    private static List<String> bootWith(int n, UnaryOperator<String> edit) {
        List<String> lines = new ArrayList<>(boot());
        lines.set(n - 1, edit.apply(lines.get(n - 1)));
        return lines;
    }

    private static List<String> bootWithout(int n) {
        List<String> lines = new ArrayList<>(boot());
        lines.remove(n - 1);
        return lines;
    }

    static Stream<Case> buddyinfoCases() {
        return Stream.of(
                new Case("non-numeric count", "buddyinfo.txt", List.of(ROW0,
                        "Node 0, zone    DMA32      2      3      0      1      1      2      1    x12      2      3    225 "),
                        2, "order 7 count 'x12' is not a non-negative integer"),
                new Case("too few counts", "buddyinfo", List.of("Node 0, zone   Normal 1 2 3 4 5 6 7 8 9"),
                        1, "expected 11 free-block counts (orders 0..10), found 9"),
                new Case("too many counts", "buddyinfo", List.of("Node 0, zone   Normal 1 2 3 4 5 6 7 8 9 10 11 12"),
                        1, "expected 11 free-block counts (orders 0..10), found 12"),
                new Case("zone twice", "buddyinfo", List.of(ROW0, "Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 1",
                        "Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 1"), 3, "zone Normal of node 0 appears twice"),
                new Case("empty file", "buddyinfo", List.of(), 0, "file is empty"),
                new Case("only blank lines", "buddyinfo", List.of("", "  ", ""), 0, "file is empty"),
                new Case("unknown zone", "buddyinfo", List.of("Node 0, zone  HighMem 0 0 0 0 0 0 0 0 0 0 1"),
                        1, "unknown zone 'HighMem'"),
                new Case("negative count", "buddyinfo", List.of("", "Node 0, zone   Normal 0 0 0 -5 0 0 0 0 0 0 1"),
                        2, "order 3 count '-5' is negative"),
                new Case("negative node", "buddyinfo", List.of("Node -1, zone   Normal 0 0 0 0 0 0 0 0 0 0 1"),
                        1, "node id '-1' is negative"),
                new Case("node id not a number", "buddyinfo", List.of("Node zero, zone   Normal 0 0 0 0 0 0 0 0 0 0 1"),
                        1, "node id 'zero' is not a non-negative integer"),
                new Case("node beyond MAX_NUMNODES", "buddyinfo", List.of("Node 4096, zone   Normal 0 0 0 0 0 0 0 0 0 0 1"),
                        1, "node id '4096' is beyond the kernel's limit of 1024 nodes"),
                new Case("count beyond 64 bits", "buddyinfo",
                        List.of("Node 0, zone   Normal 99999999999999999999 0 0 0 0 0 0 0 0 0 0"),
                        1, "order 0 count '99999999999999999999' does not fit a 64-bit counter"),
                new Case("pages overflow", "buddyinfo",
                        List.of("Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 9223372036854775807"),
                        1, "order 10 count '9223372036854775807' overflows the free page total"),
                // 2^20 + 1 order-10 blocks: 4 TiB + 4 MiB.
                new Case("more than 4 TiB in a zone", "buddyinfo",
                        List.of("Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 1048577"),
                        1, "brings free memory to 1073742848 pages, more than the 1073741824 (4 TiB)"),
                // 4 TiB exactly (2^20 order-10 blocks) is allowed, one more page is not.
                new Case("one page over 4 TiB", "buddyinfo",
                        List.of("Node 0, zone   Normal 1 0 0 0 0 0 0 0 0 0 1048576"),
                        1, "order 10 count '1048576' brings free memory to 1073741825 pages, more than the 1073741824 (4 TiB)"),
                // 600000 order-10 blocks = 2.3 TiB per node: fine alone, too much together.
                new Case("more than 4 TiB over the file", "buddyinfo", List.of(
                        "Node 0, zone   Normal 0 0 0 0 0 0 0 0 0 0 600000",
                        "Node 1, zone   Normal 0 0 0 0 0 0 0 0 0 0 600000"), 2, "brings free memory to 1228800000 pages, more than the 1073741824 (4 TiB)"),
                new Case("garbage", "buddyinfo", List.of(ROW0, "hello world"),
                        2, "expected 'Node <id>, zone <name>' and 11 free-block counts, found 'hello world'"),
                new Case("pagetypeinfo given", "buddyinfo", boot(), 1, "this is /proc/pagetypeinfo"),
                new Case("control characters stay on one line", "buddyinfo", List.of("Node 0, zone Nor\u001bmal 0"),
                        1, "unknown zone 'Nor\\x1bmal'"));
    }

    static Stream<Case> pagetypeinfoCases() {
        // Boot sample lines: 1 order, 2 per block, 3 blank, 4 free header, 5-9 DMA rows, 10-14 DMA32 rows,
        // 15 blank, 16 block header, 17 DMA blocks, 18 DMA32 blocks.
        return Stream.of(
                new Case("unknown migrate type", "pagetypeinfo", bootWith(9, l -> l.replace("Isolate", "    Foo")),
                        9, "unknown migrate type 'Foo'"),
                new Case("other pageblock order", "pagetypeinfo", bootWith(1, l -> "Page block order: 10"),
                        1, "page block order '10' is not supported"),
                new Case("pages per block mismatch", "pagetypeinfo", bootWith(2, l -> "Pages per block:  1024"),
                        2, "pages per block '1024' does not match page block order 9"),
                new Case("header misses order 10", "pagetypeinfo", bootWith(4, l -> l.replace("     10 ", "")),
                        4, "expected order columns 0..10"),
                new Case("row with 10 counts", "pagetypeinfo", bootWith(11, l -> l.replace("   225 ", "")),
                        11, "expected 11 free-block counts (orders 0..10), found 10"),
                new Case("non-numeric free count", "pagetypeinfo", bootWith(11, l -> l.replace("   225 ", "   22S ")),
                        11, "Movable order 10 count '22S' is not a non-negative integer"),
                new Case("bad capped count", "pagetypeinfo", bootWith(11, l -> l.replace("   225 ", "   >abc ")),
                        11, "Movable order 10 count '>abc' is not a non-negative integer"),
                new Case("type twice", "pagetypeinfo", bootWith(7, l -> l.replace("Reclaimable", "    Movable")),
                        7, "type Movable of zone DMA of node 0 appears twice"),
                new Case("zone rows split", "pagetypeinfo", bootWith(14, l -> l.replace("DMA32", "  DMA")),
                        14, "zone DMA of node 0 appears twice"),
                new Case("missing type row", "pagetypeinfo", bootWithout(9),
                        5, "zone DMA of node 0 has no free-count row for type Isolate"),
                new Case("CMA column without CMA rows", "pagetypeinfo",
                        bootWith(16, l -> l.replace("Isolate", "    CMA      Isolate")),
                        5, "has no free-count row for type CMA"),
                new Case("pageblock row too short", "pagetypeinfo", bootWith(18, l -> l.substring(0, l.length() - 13)),
                        18, "expected 5 pageblock counts (Unmovable, Movable, Reclaimable, HighAtomic, Isolate), found 4"),
                new Case("pageblock row for unknown zone", "pagetypeinfo", bootWith(18, l -> l.replace("DMA32", "Normal")),
                        18, "zone Normal of node 0 has a pageblock row but no free-count rows"),
                new Case("pageblock row twice", "pagetypeinfo", bootWith(18, l -> l.replace("DMA32", "  DMA")),
                        18, "zone DMA of node 0 appears twice in the 'Number of blocks type' table"),
                new Case("missing pageblock row", "pagetypeinfo", bootWithout(18),
                        10, "zone DMA32 of node 0 has free-count rows but no row in the 'Number of blocks type' table"),
                new Case("negative pageblocks", "pagetypeinfo", bootWith(18, l -> l.replace("454", " -7")),
                        18, "Movable pageblock count '-7' is negative"),
                // 2^21 + 1 pageblocks of 2 MiB: just over 4 TiB.
                new Case("pageblocks over 4 TiB", "pagetypeinfo", bootWith(18, l -> l.replace("         454", "2097153")),
                        18, "brings memory in pageblocks to 1073768960 pages, more than the 1073741824 (4 TiB)"),
                new Case("truncated after free rows", "pagetypeinfo", boot().subList(0, 14),
                        0, "file ends before the 'Number of blocks type' table"),
                new Case("truncated after header", "pagetypeinfo", boot().subList(0, 2),
                        0, "file ends before the 'Free pages count per migrate type at order' table"),
                new Case("empty file", "pagetypeinfo", List.of(""), 0, "file is empty"),
                new Case("text before the header", "pagetypeinfo", List.of("hello"),
                        1, "expected 'Page block order: 9', found 'hello'"),
                new Case("buddyinfo given", "pagetypeinfo", List.of(ROW0), 1, "expected 'Page block order: 9'"),
                new Case("order line inside tables", "pagetypeinfo", bootWith(12, l -> "Page block order: 9"),
                        12, "'Page block order:' line in the middle of a node's tables"),
                new Case("free row that is not one", "pagetypeinfo", bootWith(6, l -> "Node 0, zone DMA 1 2 3"),
                        6, "expected 'Node <id>, zone <name>, type <type>' and 11 free-block counts"),
                new Case("no free rows at all", "pagetypeinfo", Stream.concat(boot().subList(0, 4).stream(),
                        boot().subList(15, 18).stream()).toList(), 5, "table has no rows"),
                new Case("second node with other columns", "pagetypeinfo", secondNodeWithoutIsolateColumn(),
                        28, "pageblock columns (Unmovable, Movable, Reclaimable, HighAtomic) differ from the first node's"));
    }

    /** The boot file, then a node-1 block whose pageblock table lacks the Isolate column (line 28). */
    private static List<String> secondNodeWithoutIsolateColumn() {
        List<String> lines = new ArrayList<>(boot());
        lines.addAll(List.of("Page block order: 9", "Pages per block:  512", "",
                boot().get(3),
                "Node    1, zone   Normal, type    Unmovable      0      0      0      0      0      0      0      0      0      0      0 ",
                "Node    1, zone   Normal, type      Movable      0      0      0      0      0      0      0      0      0      0      1 ",
                "Node    1, zone   Normal, type  Reclaimable      0      0      0      0      0      0      0      0      0      0      0 ",
                "Node    1, zone   Normal, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 ",
                "",
                "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic ",
                "Node 1, zone   Normal            0            2            0            0 "));
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> buddyinfoRejects() {
        return buddyinfoCases().map(c -> check(c, BuddyInfo::parse));
    }

    @TestFactory
    Stream<DynamicTest> pagetypeinfoRejects() {
        return pagetypeinfoCases().map(c -> check(c, PageTypeInfo::parse));
    }

    private static DynamicTest check(Case c, BiFunction<String, List<String>, ProcSnapshot> parser) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            ProcParseException e = assertThrows(ProcParseException.class, () -> parser.apply(c.file(), c.lines()));
            String message = e.getMessage();
            assertEquals(c.file(), e.fileName(), message);
            assertEquals(c.line(), e.line(), message);
            String prefix = c.line() > 0 ? c.file() + ":" + c.line() + ": " : c.file() + ": ";
            assertTrue(message.startsWith(prefix), () -> "'" + message + "' should start with '" + prefix + "'");
            assertTrue(message.contains(c.snippet()), () -> "'" + message + "' should contain '" + c.snippet() + "'");
            assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
            assertEquals(null, e.getCause(), "the message stands alone");
        });
    }

    @Test
    void exactMessagesOfTheBriefsExamples() {
        assertEquals("buddyinfo.txt:2: order 7 count 'x12' is not a non-negative integer",
                message(buddyinfoCases(), "non-numeric count", BuddyInfo::parse));
        assertEquals("pagetypeinfo:9: unknown migrate type 'Foo'",
                message(pagetypeinfoCases(), "unknown migrate type", PageTypeInfo::parse));
        assertEquals("buddyinfo:3: zone Normal of node 0 appears twice",
                message(buddyinfoCases(), "zone twice", BuddyInfo::parse));
        assertEquals("buddyinfo:1: expected 11 free-block counts (orders 0..10), found 9",
                message(buddyinfoCases(), "too few counts", BuddyInfo::parse));
        assertEquals("buddyinfo: file is empty", message(buddyinfoCases(), "empty file", BuddyInfo::parse));
    }

    @Test
    void escapesEveryCharacterThatCouldBreakTheLine() {
        // found by ProcFuzzTest: a Unicode line separator (and C1 controls) went into the message as is
        ProcParseException e = assertThrows(ProcParseException.class, () -> BuddyInfo.parse("buddyinfo",
                List.of("Node 0, zone   Normal 1 2 3 4 5 6 7 8 9 10 1\u20281")));
        assertEquals("buddyinfo:1: expected 'Node <id>, zone <name>' and 11 free-block counts, found "
                + "'\\u0085\\x1b[2J'", assertThrows(ProcParseException.class,
                        () -> BuddyInfo.parse("buddyinfo", List.of("\u0085\u001b[2J"))).getMessage());
        assertEquals("buddyinfo:1: expected 'Node <id>, zone <name>' and 11 free-block counts, found "
                + "'Node 0, zone   Normal 1 2 3 4 5 6 7 8 9 10 1\\u20281'", e.getMessage());
    }

    private static String message(Stream<Case> cases, String name,
            BiFunction<String, List<String>, ProcSnapshot> parser) {
        Case c = cases.filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return assertThrows(ProcParseException.class, () -> parser.apply(c.file(), c.lines())).getMessage();
    }
}
