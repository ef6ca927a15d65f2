package org.contigsim.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.contigsim.scenario.CapacitySpec;
import org.junit.jupiter.api.Test;

/** The capacity bisection against fake evaluators whose answer is known. */
class CapacitySearchTest {

    /** Meets the target from {@code threshold} hosts on, recording what was asked. */
    private static CapacitySearch.Evaluator monotone(int threshold, List<Integer> asked) {
        return hosts -> {
            asked.add(hosts);
            boolean met = hosts >= threshold;
            return new CapacitySearch.Probe(hosts, 100, met ? 100 : 50, met ? 1.0 : 0.5, met);
        };
    }

    private static List<Integer> hosts(CapacitySearch.Outcome o) {
        List<Integer> out = new ArrayList<>();
        for (CapacitySearch.Probe p : o.probes()) {
            out.add(p.hosts());
        }
        return out;
    }

    @Test
    void shouldCheckTheEndsThenHalveTheBracket() throws IOException {
        List<Integer> asked = new ArrayList<>();
        CapacitySearch.Outcome o = CapacitySearch.search(2, 16, monotone(7, asked));
        assertEquals(7, o.hosts());
        assertEquals(List.of(2, 16, 9, 5, 7, 6), hosts(o));
        assertEquals(asked, hosts(o), "every probe is reported, in the order it ran");
    }

    @Test
    void shouldStopAtTheEnds() throws IOException {
        CapacitySearch.Outcome enough = CapacitySearch.search(4, 64, monotone(1, new ArrayList<>()));
        assertEquals(4, enough.hosts());
        assertEquals(List.of(4), hosts(enough), "the smallest count meets it: nothing else to try");
        CapacitySearch.Outcome never = CapacitySearch.search(4, 64, monotone(65, new ArrayList<>()));
        assertNull(never.hosts());
        assertEquals(List.of(4, 64), hosts(never));
        CapacitySearch.Outcome one = CapacitySearch.search(5, 5, monotone(6, new ArrayList<>()));
        assertNull(one.hosts());
        assertEquals(List.of(5), hosts(one));
    }

    @Test
    void shouldFindEveryThresholdWithinTheBoundOnProbes() throws IOException {
        for (int min = 1; min <= 6; min++) {
            for (int max = min; max <= 40; max++) {
                int bound = new CapacitySpec(min, max, 0, 1).maxProbes();
                for (int threshold = min - 1; threshold <= max + 1; threshold++) {
                    CapacitySearch.Outcome o = CapacitySearch.search(min, max, monotone(threshold, new ArrayList<>()));
                    Integer expected = threshold > max ? null : Math.max(min, threshold);
                    String what = min + ".." + max + " threshold " + threshold;
                    assertEquals(expected, o.hosts(), what);
                    assertTrue(o.probes().size() <= bound, what + ": " + hosts(o) + " over " + bound);
                    assertEquals(o.probes().size(), hosts(o).stream().distinct().count(), what + ": no repeats");
                }
            }
        }
    }

    @Test
    void shouldReturnTheBoundaryItFindsWhenTheEvaluatorIsNotMonotone() throws IOException {
        // met at 5..6 and from 12 on: bisection from 2..16 probes 2, 16, 9 (fails), 12 (met), 10, 11
        CapacitySearch.Outcome o = CapacitySearch.search(2, 16, hosts -> {
            boolean met = hosts == 5 || hosts == 6 || hosts >= 12;
            return new CapacitySearch.Probe(hosts, 1, met ? 1 : 0, met ? 1 : 0, met);
        });
        assertEquals(12, o.hosts());
        assertEquals(List.of(2, 16, 9, 12, 10, 11), hosts(o));
    }

    @Test
    void shouldCountOnlyJobsThatHadTheirWholeWaitAndJudgeTheFraction() {
        CapacitySearch.Tally t = new CapacitySearch.Tally(40, 36).plus(new CapacitySearch.Tally(60, 54));
        assertEquals(new CapacitySearch.Probe(8, 100, 90, 0.9, true), t.judge(8, 0.9));
        assertEquals(false, t.judge(8, 0.91).met());
        assertEquals(new CapacitySearch.Probe(3, 0, 0, 1.0, true), new CapacitySearch.Tally(0, 0).judge(3, 0.99),
                "no job counted: none waited too long");
    }
}
