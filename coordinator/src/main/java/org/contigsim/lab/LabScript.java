package org.contigsim.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contigsim.base.Units;
import org.contigsim.hocon.InputException;
import org.contigsim.memory.KernelVersion;

/**
 * A kernel-lab run's workload as a memory script (docs/memory-script.md), booted from the VM's own
 * boot-time {@code /proc} snapshot, so the simulator replays what the guest did. Each lab step
 * becomes the script step that does the same to the allocator; where the script cannot say
 * exactly what the guest did, the translation is the closest the script has, and says so in a
 * comment on that step (docs/validation.md lists them).
 */
public final class LabScript {
    private static final long PAGE = 4096;

    private LabScript() {
    }

    /** The script of {@code run}, its host following the model {@code kernel}. */
    public static String of(LabRun run, KernelVersion kernel) {
        StringBuilder b = new StringBuilder()
                .append("# ").append(run.name()).append(": the kernel lab's workload '").append(run.workload())
                .append("' on ").append(run.release().isEmpty() ? run.kernel() : run.release()).append(", ")
                .append(Units.format(run.memoryBytes())).append(", ").append(run.cpus())
                .append(run.cpus() == 1 ? " CPU" : " CPUs").append("\n")
                .append("# written by contigsim lab; booted from the VM's own boot-time snapshot\n")
                .append("seed = 1\n")
                .append("host { memory = ").append(Units.format(run.memoryBytes())).append(", kernel = \"")
                .append(kernel.label()).append("\" }\n")
                .append("import { buddyinfo = \"boot/buddyinfo\", pagetypeinfo = \"boot/pagetypeinfo\" }\n")
                .append("steps = [\n");
        Map<String, String> kinds = new LinkedHashMap<>();
        List<String> thp = thpEvents(run);
        int thpIndex = 0;
        for (LabRun.Step step : run.steps()) {
            String[] w = step.words();
            String at = "  # " + step.number() + ": " + step.text() + "\n";
            switch (w[0]) {
                case "anon" -> b.append(at).append(allocate("anon", pages(run, step, w, 1), w[2], null));
                case "pipe" -> b.append(at).append(allocate("unmovable", pages(run, step, w, 1), w[2], null));
                case "socket" -> b.append("  # (skb page fragments are order 3 when they can be; here order 0)\n")
                        .append(at).append(allocate("unmovable", pages(run, step, w, 1), w[2], null));
                case "cache" -> b.append(at).append(allocate("page-cache", pages(run, step, w, 1), w[2], null));
                case "thp" -> {
                    long asked = pages(run, step, w, 512);
                    long huge = thpIndex < thp.size() ? thpGot(thp.get(thpIndex++), run) : 0;
                    b.append("  # (the guest's THP faults as it resolved them: huge pages it got, the rest 4 KiB)\n")
                            .append(at);
                    if (huge > 0) {
                        b.append(allocate("anon", huge * 512, w[2], "2MiB"));
                    }
                    if (asked > huge * 512) {
                        b.append(allocate("anon", asked - huge * 512, w[2], null));
                    }
                }
                case "free" -> b.append(at).append(free(run, step, w));
                case "hugepages" -> b.append(at).append(hugepages(run, step, w));
                case "compact" -> b.append(at).append("  { step = compact }\n");
                case "drop-caches" -> b.append(at).append(dropCaches(kinds));
                case "snapshot" -> b.append(at.replace("  # ", "  # (a snapshot: nothing to do) "));
                default -> throw bad(run, step, "unknown step '" + w[0] + "'");
            }
            if (w.length >= 3 && !w[0].equals("free") && !w[0].equals("hugepages")) {
                kinds.merge(w[2], w[0], (a, c) -> a.equals(c) ? a : "mixed");
            }
        }
        return b.append("]\n").toString();
    }

    private static String allocate(String kind, long pages, String tag, String chunk) {
        return "  { step = allocate, kind = " + kind + ", size = " + Units.format(pages * PAGE)
                + (chunk == null ? "" : ", chunk = " + chunk) + ", tag = \"" + tag + "\" }\n";
    }

    private static String free(LabRun run, LabRun.Step step, String[] w) {
        if (w.length == 3 && w[2].equals("all")) {
            return "  { step = free, tag = \"" + w[1] + "\" }\n";
        }
        if (w.length == 4 && w[2].equals("every") && w[3].matches("[0-9]{1,9}")) {
            return "  # (every K-th block of the tag in frame order; the guest frees every K-th page of each mapping "
                    + "in virtual order, or closes every K-th pipe)\n"
                    + "  { step = free, tag = \"" + w[1] + "\", every = " + w[3] + " }\n";
        }
        throw bad(run, step, "expected 'free TAG all' or 'free TAG every K'");
    }

    /** {@code hugepages KB COUNT [keep]}: a kept or released request, or a write that sets the pool. */
    private static String hugepages(LabRun run, LabRun.Step step, String[] w) {
        if (w.length < 3 || !w[1].matches("[0-9]{1,9}") || !w[2].matches("[0-9]{1,9}")) {
            throw bad(run, step, "expected 'hugepages KB COUNT [keep]'");
        }
        String size = Units.format(Long.parseLong(w[1]) * 1024);
        long count = Long.parseLong(w[2]);
        boolean keep = w.length == 4 && w[3].equals("keep");
        if (keep || count == 0) {
            return "  { step = hugepages, size = " + size + ", pool = " + count + " }\n";
        }
        return "  { step = hugepages, size = " + size + ", max = " + count + " }\n";
    }

    private static String dropCaches(Map<String, String> kinds) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : kinds.entrySet()) {
            if (e.getValue().equals("cache")) {
                b.append("  { step = free, tag = \"").append(e.getKey()).append("\" }\n");
            }
        }
        return b.toString();
    }

    private static long pages(LabRun run, LabRun.Step step, String[] w, long multiple) {
        if (w.length != 3 || !w[1].matches("[0-9]{1,12}")) {
            throw bad(run, step, "expected '" + w[0] + " PAGES TAG' with PAGES resolved");
        }
        long pages = Long.parseLong(w[1]);
        if (pages <= 0 || pages % multiple != 0) {
            throw bad(run, step, pages + " is not a positive multiple of " + multiple + " pages");
        }
        return pages;
    }

    private static List<String> thpEvents(LabRun run) {
        List<String> out = new ArrayList<>();
        for (String e : run.events()) {
            if (e.startsWith("thp ")) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code thp TAG asked H got T}: T. */
    private static long thpGot(String event, LabRun run) {
        String[] w = event.split("\\s+");
        if (w.length < 6 || !w[5].matches("[0-9]{1,9}")) {
            throw new InputException(run.dir().resolve("trace.txt") + ": event '" + event
                    + "': expected 'thp TAG asked H got T'");
        }
        return Long.parseLong(w[5]);
    }

    private static InputException bad(LabRun run, LabRun.Step step, String message) {
        return new InputException(run.dir().resolve("trace.txt") + ": step " + step.number() + " '" + step.text()
                + "': " + message);
    }
}
