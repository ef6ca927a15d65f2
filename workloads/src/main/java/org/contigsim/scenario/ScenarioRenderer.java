package org.contigsim.scenario;

import com.typesafe.config.ConfigUtil;
import org.contigsim.base.Units;
import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.placement.PlacementPolicy;
import org.contigsim.placement.Weighing;

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
                + "  kernel = " + ConfigUtil.quoteString(h.kernel().label()) + "\n"
                + "  nic = " + ConfigUtil.quoteString(h.nic().name()) + "\n"
                + tuning(h.tuning(), "  ", "\n")
                + "}\n"
                + BackgroundParser.render("background", s.background(), "")
                + "warmup = " + DurationText.format(s.warmupNanos()) + "\n"
                + "duration = " + DurationText.format(s.durationNanos()) + "\n"
                + "epoch = " + DurationText.format(s.epochNanos()) + "\n"
                + "jobs {\n"
                + rate(j)
                + arrivals(j.arrivals())
                + "  hosts-per-job = " + j.hostsPerJob() + "\n"
                + "  buffer = " + Units.format(j.bufferBytes()) + "\n"
                + "  message = " + Units.format(j.messageBytes()) + "\n"
                + "  pattern = " + j.pattern().label() + "\n"
                + amount(j)
                + "  max-wait = " + DurationText.format(j.maxWaitNanos()) + "\n"
                + retry(j.retry())
                + "  policy = " + ConfigUtil.quoteString(j.policy().label()) + "\n"
                + placement(j.placement())
                + "  min-chunk = " + Units.format(j.minChunkBytes()) + "\n"
                + "  contiguity = " + j.contiguity().label() + "\n"
                + "}\n"
                + policies(s.policies())
                + classes(s);
    }

    private static String policies(PolicySettings p) {
        StringBuilder b = new StringBuilder("policies {\n")
                .append("  ").append(BufferPolicy.Kind.COMPACTION.label()).append(" { proactiveness = ")
                .append(p.proactiveness()).append(" }\n")
                .append("  ").append(BufferPolicy.Kind.HUGETLB_BOOT.label()).append(" { page-size = ")
                .append(Units.format(p.hugePageBytes()))
                .append(", reserve = ").append(ConfigUtil.quoteString(p.hugetlbReserve().text())).append(" }\n")
                .append("  ").append(BufferPolicy.Kind.PROTECT_ORDERS.label()).append(" {");
        for (int o = 0; o < p.protectOrders().length; o++) {
            b.append(o == 0 ? " " : ", ").append("order-").append(o).append(" = ").append(p.protectOrders()[o]);
        }
        return b.append(" }\n")
                .append("  ").append(BufferPolicy.Kind.MOVABLE_ZONE.label()).append(" { size = ")
                .append(ConfigUtil.quoteString(p.movable().text())).append(" }\n")
                .append("}\n").toString();
    }

    private static String classes(Scenario s) {
        if (s.classes().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("classes {\n");
        for (HostClass c : s.classes()) {
            HostSpec h = c.host();
            b.append("  ").append(ConfigUtil.quoteString(c.name())).append(" {\n")
                    .append("    count = ").append(c.count()).append("\n")
                    .append("    host { memory = ").append(Units.format(h.memoryBytes()))
                    .append(", nodes = ").append(h.nodes())
                    .append(", kernel = ").append(ConfigUtil.quoteString(h.kernel().label()))
                    .append(", nic = ").append(ConfigUtil.quoteString(h.nic().name()))
                    .append(tuning(h.tuning(), ", ", "")).append(" }\n")
                    .append(BackgroundParser.render("background", c.background(), "    "));
            if (c.fleet() != null) {
                b.append("    import { dir = ").append(ConfigUtil.quoteString(c.fleet().dir())).append(" }\n");
            }
            if (c.start() != null) {
                b.append("    import { buddyinfo = ").append(ConfigUtil.quoteString(c.start().buddyinfoName()));
                if (c.start().pagetypeinfoName() != null) {
                    b.append(", pagetypeinfo = ").append(ConfigUtil.quoteString(c.start().pagetypeinfoName()));
                }
                b.append(" }\n");
            }
            b.append("  }\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * The sysctls a scenario's host block sets, each as {@code before key = value after}; none
     * when the host keeps the kernel's defaults, so scenarios that set none render as they always did.
     */
    private static String tuning(HostSpec.Tuning t, String before, String after) {
        StringBuilder b = new StringBuilder();
        setting(b, before, HostBlock.MIN_FREE_KBYTES, t.minFreeKbytes(), after);
        setting(b, before, HostBlock.WATERMARK_SCALE_FACTOR, t.watermarkScaleFactor(), after);
        setting(b, before, HostBlock.WATERMARK_BOOST_FACTOR, t.watermarkBoostFactor(), after);
        setting(b, before, HostBlock.EXTFRAG_THRESHOLD, t.extfragThreshold(), after);
        setting(b, before, HostBlock.DIRECT_COMPACTION, t.directCompaction(), after);
        return b.toString();
    }

    private static void setting(StringBuilder b, String before, String key, Object value, String after) {
        if (value != null) {
            b.append(before).append(key).append(" = ").append(value).append(after);
        }
    }

    /** A named placement by its name, a composed one as its block. */
    private static String placement(PlacementPolicy p) {
        if (p instanceof PlacementPolicy.Named n) {
            return "  placement = " + ConfigUtil.quoteString(n.label()) + "\n";
        }
        StringBuilder b = new StringBuilder("  placement {\n    filters = [");
        for (int i = 0; i < p.filters().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(p.filters().get(i).label());
        }
        b.append("]\n    weighers = [");
        for (int i = 0; i < p.weighers().size(); i++) {
            Weighing w = p.weighers().get(i);
            b.append(i == 0 ? "" : ", ").append("{ name = ").append(w.weigher().label()).append(", multiplier = ")
                    .append(number(w.multiplier())).append(" }");
        }
        return b.append("]\n  }\n").toString();
    }

    /** A trace gives every arrival, so it has no rate. */
    private static String rate(JobSpec j) {
        return j.arrivals() instanceof ArrivalSpec.Trace ? "" : "  arrivals-per-hour = " + number(j.arrivalsPerHour())
                + "\n";
    }

    /** The process and its own keys only: the parser refuses another process's keys. */
    private static String arrivals(ArrivalSpec a) {
        StringBuilder b = new StringBuilder("  arrivals {\n    process = " + a.process().label() + "\n");
        if (a instanceof ArrivalSpec.Bursty p) {
            b.append("    burst-per-hour = ").append(number(p.burstPerHour())).append('\n')
                    .append("    calm-for = ").append(DurationText.format(p.calmNanos())).append('\n')
                    .append("    burst-for = ").append(DurationText.format(p.burstNanos())).append('\n');
        } else if (a instanceof ArrivalSpec.Diurnal p) {
            b.append("    amplitude = ").append(number(p.amplitude())).append('\n')
                    .append("    period = ").append(DurationText.format(p.periodNanos())).append('\n')
                    .append("    peak = ").append(DurationText.format(p.peakNanos())).append('\n');
        } else if (a instanceof ArrivalSpec.Trace p) {
            b.append("    file = ").append(ConfigUtil.quoteString(p.file().toString())).append('\n');
        }
        return b.append("  }\n").toString();
    }

    /** jobs.bytes or jobs.duration, whichever bounds the jobs. */
    private static String amount(JobSpec j) {
        return j.durationNanos() > 0 ? "  duration = " + DurationText.format(j.durationNanos()) + "\n"
                : "  bytes = " + Units.format(j.bytesPerJob()) + "\n";
    }

    private static String retry(RetrySpec r) {
        return "  retry {\n"
                + "    max-attempts = " + r.maxAttempts() + "\n"
                + "    backoff = " + DurationText.format(r.backoffNanos()) + "\n"
                + "    backoff-factor = " + number(r.backoffFactor()) + "\n"
                + "  }\n";
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
