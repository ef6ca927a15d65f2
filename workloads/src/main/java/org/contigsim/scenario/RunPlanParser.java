package org.contigsim.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;
import org.contigsim.hocon.Location;
import org.contigsim.hocon.Section;

/**
 * Reads a scenario file as a {@link RunPlan}: the scenario itself (checked by
 * {@link ScenarioParser} without the plan's keys), then {@code replicas}, {@code capacity} and
 * {@code sweep}. Every variant is the parsed file with the swept values put in place of the
 * written ones and checked like a plain scenario, so a swept value obeys exactly the rules of the
 * key it replaces. A value that breaks a variant is reported at its line in the sweep:
 * {@code FILE:LINE: sweep.jobs.policy: ...}.
 */
final class RunPlanParser {
    /** Keys of the plan, not of the scenario: the scenario parser never sees them. */
    static final List<String> PLAN_KEYS = List.of("sweep", "replicas", "capacity");
    /** Keys no variant may change: the plan's own, and the name every run of the plan shares. */
    static final List<String> UNSWEPT = List.of("sweep", "replicas", "capacity", "name");
    static final List<String> CAPACITY_KEYS = List.of("min-hosts", "max-hosts", "wait", "fraction");
    static final int MAX_REPLICAS = 1000;

    /** A swept key and its values, in the order the file lists them. */
    private record Axis(String key, ConfigList values, int line, int column) {
    }

    /** One swept key set to one of its values. */
    private record Swept(Axis axis, ConfigValue value) {
    }

    private final Path file;
    private final String name;
    /** Source lines of the files the sweep is written in, to order keys written on one line. */
    private final Map<String, List<String>> sources = new HashMap<>();

    private RunPlanParser(Path file) {
        this.file = file;
        this.name = file.toString();
    }

    static RunPlan parse(Path file) {
        return new RunPlanParser(file).parse();
    }

    private RunPlan parse() {
        ConfigObject root = HoconReader.read(file);
        Section top = Section.root(root, name);
        int replicas = (int) top.field("replicas", "a whole number", "1").whole(1, MAX_REPLICAS);
        List<Axis> axes = axes(root);
        ConfigObject scenarioRoot = root;
        for (String key : PLAN_KEYS) {
            scenarioRoot = scenarioRoot.withoutKey(key);
        }
        Scenario base = ScenarioParser.parse(file, scenarioRoot);
        CapacitySpec capacity = null;
        if (top.has("capacity")) {
            if (!axes.isEmpty()) {
                throw at(root, "capacity").problem("cannot be combined with sweep (a capacity search varies hosts "
                        + "only: search each variant from a file of its own)");
            }
            capacity = capacity(top.section("capacity"), base, scenarioRoot);
        }
        BigInteger runs = BigInteger.valueOf(capacity != null ? capacity.maxProbes() : 1)
                .multiply(BigInteger.valueOf(replicas));
        for (Axis a : axes) {
            runs = runs.multiply(BigInteger.valueOf(a.values().size()));
        }
        if (runs.compareTo(BigInteger.valueOf(RunPlan.MAX_RUNS)) > 0) {
            Location where = replicas > 1 ? at(root, "replicas") : at(root, axes.isEmpty() ? "capacity" : "sweep");
            throw where.problem("the plan takes " + runs + " runs, more than " + RunPlan.MAX_RUNS);
        }
        List<Variant> variants = axes.isEmpty() ? List.of(new Variant(List.of(), base)) : variants(scenarioRoot, axes);
        ConfigObject probeRoot = scenarioRoot;
        return new RunPlan(base, variants, replicas, capacity, hosts -> probe(probeRoot, hosts),
                planAt(root, replicas));
    }

    // ------------------------------------------------------------------ sweep

    private List<Axis> axes(ConfigObject root) {
        if (!root.containsKey("sweep")) {
            return List.of();
        }
        ConfigValue sweep = root.get("sweep");
        if (sweep.valueType() != ConfigValueType.OBJECT) {
            throw at(root, "sweep").problem("expected an object of key = [values], found " + Field.describe(sweep));
        }
        List<Axis> axes = new ArrayList<>();
        collect((ConfigObject) sweep, List.of(), axes);
        if (axes.isEmpty()) {
            throw at(root, "sweep").problem("nothing to sweep (write key = [value, ...])");
        }
        // file order: by line, then where on the line the key is written, then by name
        axes.sort(Comparator.comparingInt(Axis::line).thenComparingInt(Axis::column).thenComparing(Axis::key));
        return axes;
    }

    private void collect(ConfigObject object, List<String> prefix, List<Axis> axes) {
        List<String> keys = new ArrayList<>(object.keySet());
        // by line, so the first problem reported is the first in the file
        keys.sort(Comparator.comparingInt((String k) -> lineOf(object.get(k).origin())).thenComparing(k -> k));
        for (String key : keys) {
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            String joined = ConfigUtil.joinPath(path);
            ConfigValue v = object.get(key);
            Location at = Location.of(v.origin(), name, "sweep." + joined);
            if (prefix.isEmpty() && UNSWEPT.contains(key)) {
                throw at.problem("cannot be swept (sweep, replicas, capacity and name are the same for every variant)");
            }
            if (v.valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) v, path, axes);
                continue;
            }
            if (v.valueType() != ConfigValueType.LIST) {
                throw at.problem("expected a list of values, found " + Field.describe(v));
            }
            ConfigList list = (ConfigList) v;
            if (list.isEmpty()) {
                throw at.problem("expected a list of values, found an empty list");
            }
            List<String> names = new ArrayList<>();
            for (ConfigValue value : list) {
                Location valueAt = Location.of(value.origin(), name, "sweep." + joined);
                if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
                    throw valueAt.problem("expected single values in the list, found " + Field.describe(value));
                }
                String label = Variant.safe(text(value));
                if (names.contains(label)) {
                    throw valueAt.problem(Field.describe(value) + " is listed twice"
                            + (label.equals(text(value)) ? "" : " (as a directory name: " + label + ")"));
                }
                names.add(label);
            }
            axes.add(new Axis(joined, list, lineOf(list.origin()), column(list.origin(), key)));
        }
    }

    /** Every combination of the axes' values, the first axis changing slowest (like nested loops). */
    private List<Variant> variants(ConfigObject scenarioRoot, List<Axis> axes) {
        List<Variant> variants = new ArrayList<>();
        int[] index = new int[axes.size()];
        while (true) {
            List<Swept> overrides = new ArrayList<>();
            for (int i = 0; i < axes.size(); i++) {
                overrides.add(new Swept(axes.get(i), axes.get(i).values().get(index[i])));
            }
            variants.add(variant(scenarioRoot, overrides));
            int i = axes.size() - 1;
            while (i >= 0 && ++index[i] == axes.get(i).values().size()) {
                index[i] = 0;
                i--;
            }
            if (i < 0) {
                return variants;
            }
        }
    }

    private Variant variant(ConfigObject scenarioRoot, List<Swept> overrides) {
        Config config = scenarioRoot.toConfig();
        List<Variant.Setting> settings = new ArrayList<>();
        for (Swept o : overrides) {
            // the value keeps its origin, so a problem with it points at the sweep's line
            config = config.withValue(o.axis().key(), o.value());
            settings.add(new Variant.Setting(o.axis().key(), text(o.value()),
                    o.value().valueType() == ConfigValueType.NUMBER));
        }
        try {
            return new Variant(settings, ScenarioParser.parse(file, config.root()));
        } catch (InputException e) {
            throw atSweep(e, scenarioRoot, overrides);
        }
    }

    /**
     * A variant's problem, told at the sweep. A problem with a swept value itself keeps its
     * message under the key {@code sweep.KEY}. Any other (a key the values make invalid, such as
     * {@code jobs.hosts-per-job} for fewer hosts) is blamed on a value that is invalid alone with
     * the file's other keys, else on the combination, at its last value.
     */
    private InputException atSweep(InputException e, ConfigObject scenarioRoot, List<Swept> overrides) {
        String inner = e.getMessage();
        for (Swept o : overrides) {
            Location at = Location.of(o.value().origin(), name, o.axis().key());
            String prefix = at.message("");
            if (at.line() > 0 && inner.startsWith(prefix)) {
                return new Location(at.file(), at.line(), "sweep." + o.axis().key())
                        .problem(inner.substring(prefix.length()));
            }
        }
        if (overrides.size() > 1) {
            for (Swept o : overrides) {
                try {
                    variant(scenarioRoot, List.of(o));
                } catch (InputException alone) {
                    return alone;
                }
            }
        }
        Swept last = overrides.get(overrides.size() - 1);
        StringBuilder with = new StringBuilder();
        for (Swept o : overrides.subList(0, overrides.size() - 1)) {
            with.append(with.length() == 0 ? " with " : ", ").append(o.axis().key()).append(" = ").append(text(o.value()));
        }
        return Location.of(last.value().origin(), name, "sweep." + last.axis().key())
                .problem(text(last.value()) + with + " makes the scenario invalid" + elsewhere(inner));
    }

    // ------------------------------------------------------------------ capacity

    private CapacitySpec capacity(Section c, Scenario base, ConfigObject scenarioRoot) {
        c.allowOnly(CAPACITY_KEYS);
        Field minField = c.field("min-hosts", "a whole number", Integer.toString(base.jobs().hostsPerJob()));
        int min = (int) minField.whole(1, ScenarioParser.MAX_HOSTS);
        Field maxField = c.field("max-hosts", "a whole number", Integer.toString(base.hosts()));
        int max = (int) maxField.whole(1, ScenarioParser.MAX_HOSTS);
        if (min > max) {
            throw maxField.error(maxField.shown() + " is less than capacity.min-hosts (" + min + ")");
        }
        Field waitField = c.required("wait", "a duration", "how soon after arriving a job must start to count as "
                + "served");
        long wait = waitField.nanos();
        if (wait >= base.durationNanos()) {
            throw waitField.error(waitField.shown() + " is not shorter than duration ("
                    + DurationText.format(base.durationNanos()) + "): no job would be counted");
        }
        double fraction = c.required("fraction", "a number", "the share of jobs that must start within capacity.wait")
                .decimal(0, 1);
        // both ends of the range must be scenarios: hosts enters other rules (jobs.hosts-per-job)
        for (Field f : List.of(minField, maxField)) {
            try {
                probe(scenarioRoot, f == minField ? min : max);
            } catch (InputException e) {
                throw f.error(f.shown() + " hosts make the scenario invalid" + elsewhere(e.getMessage()));
            }
        }
        return new CapacitySpec(min, max, wait, fraction);
    }

    private Variant probe(ConfigObject scenarioRoot, int hosts) {
        ConfigObject probe = scenarioRoot.withValue("hosts", ConfigValueFactory.fromAnyRef(hosts, "capacity probe"));
        return new Variant(List.of(new Variant.Setting("hosts", Integer.toString(hosts), true)),
                ScenarioParser.parse(file, probe));
    }

    // ------------------------------------------------------------------ helpers

    /** Where the file first asks for more than one run, or null for a plain scenario. */
    private Location planAt(ConfigObject root, int replicas) {
        Location first = null;
        for (String key : PLAN_KEYS) {
            if (root.containsKey(key) && !(key.equals("replicas") && replicas == 1)) {
                Location at = at(root, key);
                if (first == null || at.line() < first.line()) {
                    first = at;
                }
            }
        }
        return first;
    }

    private Location at(ConfigObject root, String key) {
        ConfigValue v = root.get(key);
        return v == null ? new Location(name, 0, key) : Location.of(v.origin(), name, key);
    }

    /**
     * Another key's problem, said after the value that caused it: its line when it is in the
     * scenario file ({@code at line 8: jobs.hosts-per-job: ...}), the whole message when it is in
     * an included file.
     */
    private String elsewhere(String inner) {
        if (!inner.startsWith(name + ":")) {
            return ": " + inner;
        }
        String rest = inner.substring(name.length() + 1);
        Matcher m = Pattern.compile("([0-9]+): (.*)", Pattern.DOTALL).matcher(rest);
        return m.matches() ? " at line " + m.group(1) + ": " + m.group(2) : ": " + rest.strip();
    }

    /** A value as written: a string without its quotes, a number as HOCON renders it. */
    static String text(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING ? ((String) v.unwrapped()).strip() : v.render();
    }

    private static int lineOf(ConfigOrigin o) {
        return o == null ? 0 : Math.max(0, o.lineNumber());
    }

    /**
     * Where on its line a swept key is written, so {@code sweep { b = [1], a = [2] }} keeps b
     * first. Typesafe Config keeps lines but not columns or key order, so this finds the key
     * followed by its list in the source line; when it cannot, keys on one line go by name.
     */
    private int column(ConfigOrigin origin, String leaf) {
        if (origin == null || origin.filename() == null || origin.lineNumber() <= 0) {
            return Integer.MAX_VALUE;
        }
        List<String> lines = sources.computeIfAbsent(origin.filename(), f -> {
            try {
                return Files.readAllLines(Path.of(f));
            } catch (IOException | RuntimeException e) {
                return List.of(); // read a moment ago; without it, keys on one line go by name
            }
        });
        if (origin.lineNumber() > lines.size()) {
            return Integer.MAX_VALUE;
        }
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_-])\"?" + Pattern.quote(leaf) + "\"?\\s*[=:]?\\s*\\[")
                .matcher(lines.get(origin.lineNumber() - 1));
        return m.find() ? m.start() : Integer.MAX_VALUE;
    }
}
