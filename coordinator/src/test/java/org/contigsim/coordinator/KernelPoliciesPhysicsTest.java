package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the buffer policies must respect whatever else changes in the model, checked on
 * workloads/scenarios/kernel-policies.conf scaled down to a test's budget (2 hosts of 8 GiB, the
 * same background, policy settings and jobs): a boot-time hugetlb reservation gives at least as
 * many contiguous jobs as plain buddy allocation, and the policies do not all come out the same.
 */
class KernelPoliciesPhysicsTest {
    static final List<String> POLICIES = List.of("buddy", "compaction", "contig-range", "hugetlb-boot",
            "protect-orders", "movable-zone");
    static final Map<String, JobCounts> COUNTS = new LinkedHashMap<>();
    static final Map<String, Double> MEAN_MIB_S = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryPolicy(@TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("../workloads/scenarios/kernel-policies.conf"));
        int sweep = text.indexOf("\nsweep {");
        String base = sweep < 0 ? text : text.substring(0, sweep + 1);
        for (String policy : POLICIES) {
            Path file = dir.resolve(policy + ".conf");
            // HOCON: a later value of the same key wins
            Files.writeString(file, base + "\nhosts = 2\nhost.memory = 8GiB\nwarmup = 15m\nduration = 20m\n"
                    + "jobs.arrivals-per-hour = 30\njobs.policy = " + policy + "\n");
            Scenario s = ScenarioParser.parse(file);
            Simulation sim = DirectRun.run(s, 1);
            COUNTS.put(policy, JobCounts.of(sim.jobs()));
            double sum = 0;
            int n = 0;
            for (Job j : sim.jobs()) {
                if (j.startNanos >= 0) {
                    sum += j.mibPerSecond;
                    n++;
                }
            }
            MEAN_MIB_S.put(policy, n == 0 ? 0 : sum / n);
        }
    }

    @Test
    void aBootTimeReservationGivesAtLeastAsManyContiguousJobsAsTheBuddyAllocator() {
        JobCounts hugetlb = COUNTS.get("hugetlb-boot");
        JobCounts buddy = COUNTS.get("buddy");
        assertTrue(hugetlb.contiguous() >= buddy.contiguous(), COUNTS.toString());
        assertTrue(hugetlb.contiguous() > 0, "1 GiB pages reserved at boot are 1 GiB chunks: " + COUNTS);
    }

    @Test
    void fourMibBlocksNeverMakeAOneGibChunk() {
        // min-chunk is the whole 1 GiB buffer; buddy blocks stop at order 10 and are only adjacent by luck
        assertEquals(0, COUNTS.get("buddy").contiguous(), COUNTS.toString());
    }

    @Test
    void thePoliciesDoNotAllComeOutTheSame() {
        List<String> outcomes = new ArrayList<>();
        for (String p : POLICIES) {
            JobCounts c = COUNTS.get(p);
            outcomes.add(c.contiguous() + "/" + c.fallback() + "/" + c.failed() + "/" + Math.round(MEAN_MIB_S.get(p)));
        }
        System.out.println("kernel-policies (scaled) contiguous/fallback/failed/mean MiB/s: " + POLICIES + " " + outcomes);
        assertTrue(outcomes.stream().distinct().count() > 1, outcomes.toString());
        assertTrue(MEAN_MIB_S.get("hugetlb-boot") > MEAN_MIB_S.get("buddy"),
                "fallback buffers are slower to read: " + MEAN_MIB_S);
    }
}
