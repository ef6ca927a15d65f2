package org.contigsim.lab;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.contigsim.hocon.InputException;

/**
 * One run of the kernel lab ({@code validation/kernel-lab/run.sh}), as its directory holds it: the
 * VM (kernel series, RAM, CPUs), the workload's steps as the guest resolved them, the events they
 * caused and the boot-time {@code /proc} snapshot the simulated twin starts from.
 *
 * @param dir the run's directory ({@code <kernel>-<mem>-<cpus>cpu-<workload>})
 * @param kernel the kernel series, {@code 6.1} or {@code 6.12}
 * @param release {@code uname -r} of the guest
 * @param memoryBytes the VM's RAM ({@code qemu -m})
 * @param cpus the VM's CPUs
 * @param workload the step file's name
 * @param ok whether the guest finished every step
 * @param steps the {@code @@lab step} lines in order: step number and the resolved step text
 * @param events the {@code @@lab event} lines in order, without the prefix
 */
public record LabRun(Path dir, String kernel, String release, long memoryBytes, int cpus, String workload,
        boolean ok, List<Step> steps, List<String> events) {
    private static final String STEP = "@@lab step ";
    private static final String EVENT = "@@lab event ";

    public LabRun {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /** One step as the guest ran it, percentages resolved ({@code anon 153600 fill}). */
    public record Step(int number, String text) {
        public String[] words() {
            return text.strip().split("\\s+");
        }
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** Reads the run in {@code dir}; a missing or malformed file is an {@link InputException} naming it. */
    public static LabRun read(Path dir) {
        Properties p = properties(dir.resolve("run.properties"));
        List<Step> steps = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Path trace = dir.resolve("trace.txt");
        List<String> lines = lines(trace);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(STEP)) {
                String rest = line.substring(STEP.length()).strip();
                int space = rest.indexOf(' ');
                if (space < 0 || !rest.substring(0, space).matches("[0-9]{1,6}")) {
                    throw new InputException(trace + ":" + (i + 1) + ": expected '@@lab step N STEP', found '"
                            + line + "'");
                }
                steps.add(new Step(Integer.parseInt(rest.substring(0, space)), rest.substring(space + 1).strip()));
            } else if (line.startsWith(EVENT)) {
                events.add(line.substring(EVENT.length()).strip());
            }
        }
        return new LabRun(dir, required(p, dir, "kernel"), p.getProperty("uname_r", p.getProperty("kernel_release", "")),
                whole(p, dir, "memory_mib") << 20, (int) whole(p, dir, "cpus"), required(p, dir, "workload"),
                "ok".equals(p.getProperty("status")), steps, events);
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return p;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String required(Properties p, Path dir, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new InputException(dir.resolve("run.properties") + ": " + key + ": missing");
        }
        return v.strip();
    }

    private static long whole(Properties p, Path dir, String key) {
        String v = required(p, dir, key);
        if (!v.matches("[0-9]{1,9}")) {
            throw new InputException(dir.resolve("run.properties") + ": " + key + ": expected a whole number, found '"
                    + v + "'");
        }
        return Long.parseLong(v);
    }
}
