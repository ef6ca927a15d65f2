package org.contigsim.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripts shipped in {@code workloads/scripts/} reproduce what docs/memory-script.md says
 * they show. Thresholds come from what the model produces, with a margin (see each test).
 */
class ExampleScriptsTest {
    private static final Path SCRIPTS = Path.of("..", "workloads", "scripts");
    private static final long HUGE_PAGE_PAGES = 512;

    /**
     * Grouping by mobility: 36 bursts of 24 MiB anonymous memory interleaved with 64 KiB of
     * unmovable memory on a 1 GiB host. The 576 unmovable pages end up in 2 pageblocks; after
     * the anonymous memory is freed, the pool gets 478 huge pages of the 502 that free memory
     * holds (95%). The gap is the min watermark: this host's min_free_kbytes is 44 MiB, and
     * hugetlb allocations stop there (22 pages) plus the free remainder of the unmovable pageblocks.
     */
    @Test
    void groupingByMobilityLeavesNearlyAllFreeMemoryAllocatableAsHugePages() {
        String out = ScriptRunnerTest.run(SCRIPTS.resolve("grouping-by-mobility.conf"));
        Config summary = ScriptRunnerTest.steps(out, "print").get(0);
        long unmovablePageblocks = 0;
        for (Config zone : summary.getConfigList("zones")) {
            unmovablePageblocks += zone.getLong("pageblocks.Unmovable");
        }
        assertTrue(unmovablePageblocks <= 4, "unmovable pages stay grouped: " + unmovablePageblocks + " pageblocks");
        assertEquals(576, summary.getLong("pages_by_tag.kernel"));
        long possible = summary.getLong("free_pages") / HUGE_PAGE_PAGES;
        long obtained = ScriptRunnerTest.steps(out, "hugepages").get(0).getLong("obtained");
        assertTrue(obtained >= possible * 90 / 100, obtained + " of " + possible + " possible huge pages");
    }

    /**
     * Pinned pages: half of a full 1 GiB host freed one page in every two, the rest pinned.
     * Compaction moves nothing and the pool gets 23 huge pages out of 264 that free memory would
     * hold (9%, all from the memory the allocation left free above the min watermark). Unpinned,
     * the same layout compacts back to 239 (90%).
     */
    @Test
    void pinnedPagesDefeatCompactionWhileUnpinnedOnesDoNot() {
        String out = ScriptRunnerTest.run(SCRIPTS.resolve("pinned-fragmentation.conf"));
        Config summary = ScriptRunnerTest.steps(out, "print").get(0);
        long possible = summary.getLong("free_pages") / HUGE_PAGE_PAGES;
        List<Config> compact = ScriptRunnerTest.steps(out, "compact");
        List<Config> huge = ScriptRunnerTest.steps(out, "hugepages");
        assertEquals(0, compact.get(0).getLong("pages_migrated"), "pinned pages do not migrate");
        long pinned = huge.get(0).getLong("obtained");
        long unpinned = huge.get(1).getLong("obtained");
        assertTrue(pinned <= possible * 15 / 100, pinned + " of " + possible + " possible huge pages while pinned");
        assertTrue(compact.get(1).getLong("pages_migrated") > 0);
        assertTrue(unpinned >= possible * 80 / 100, unpinned + " of " + possible + " possible huge pages unpinned");
    }

    @Test
    void examplesAreDeterministic() {
        Path script = SCRIPTS.resolve("grouping-by-mobility.conf");
        assertEquals(ScriptRunnerTest.run(script), ScriptRunnerTest.run(script));
    }
}
