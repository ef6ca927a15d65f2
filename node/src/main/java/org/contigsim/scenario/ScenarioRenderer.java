package org.contigsim.scenario;

import com.typesafe.config.ConfigUtil;
import java.util.Locale;
import org.contigsim.workload.Units;

/**
 * A {@link Scenario} as HOCON with every key, in the order docs/scenarios.md lists them, sizes and
 * durations in units. Written so that parsing the text gives back an equal scenario: strings are
 * quoted, and a fractional arrival rate uses Java's shortest exact decimal form.
 */
final class ScenarioRenderer {
    private ScenarioRenderer() {
    }

    static String render(Scenario s) {
        HostSpec h = s.host();
        JobSpec j = s.jobs();
        return "name = " + ConfigUtil.quoteString(s.name()) + "\n"
                + "hosts = " + s.hosts() + "\n"
                + "host {\n"
                + "  memory = " + Units.format(h.memoryBytes()) + "\n"
                + "  nodes = " + h.nodes() + "\n"
                + "  kernel = " + ConfigUtil.quoteString(h.kernel()) + "\n"
                + "  nic = " + ConfigUtil.quoteString(h.nic()) + "\n"
                + "}\n"
                + "background = " + ConfigUtil.quoteString(s.background()) + "\n"
                + "warmup = " + DurationText.format(s.warmupNanos()) + "\n"
                + "duration = " + DurationText.format(s.durationNanos()) + "\n"
                + "epoch = " + DurationText.format(s.epochNanos()) + "\n"
                + "jobs {\n"
                + "  arrivals-per-hour = " + number(j.arrivalsPerHour()) + "\n"
                + "  hosts-per-job = " + j.hostsPerJob() + "\n"
                + "  buffer = " + Units.format(j.bufferBytes()) + "\n"
                + "  message = " + Units.format(j.messageBytes()) + "\n"
                + "  pattern = " + j.pattern().name().toLowerCase(Locale.ROOT) + "\n"
                + "  bytes = " + Units.format(j.bytesPerJob()) + "\n"
                + "  max-wait = " + DurationText.format(j.maxWaitNanos()) + "\n"
                + "  policy = " + ConfigUtil.quoteString(j.policy()) + "\n"
                + "  placement = " + ConfigUtil.quoteString(j.placement()) + "\n"
                + "  min-chunk = " + Units.format(j.minChunkBytes()) + "\n"
                + "  contiguity = " + j.contiguity() + "\n"
                + "}\n";
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
