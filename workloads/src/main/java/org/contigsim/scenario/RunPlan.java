package org.contigsim.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.contigsim.hocon.InputException;
import org.contigsim.hocon.Location;

/**
 * What a scenario file asks {@code contigsim run} to do: one run of the scenario, or a
 * {@code sweep} (every combination of the listed values, in file order), each variant run
 * {@code replicas} times with derived seeds, or a {@code capacity} search over host counts.
 * Every variant is a complete scenario, validated like a plain one. Read by {@link #read}; a plain
 * scenario is a plan of one variant, one replica and no search.
 */
public final class RunPlan {
    /** The most runs (variants times replicas) one file may ask for. */
    public static final int MAX_RUNS = 10_000;

    private final Scenario base;
    private final List<Variant> variants;
    private final int replicas;
    private final CapacitySpec capacity;
    private final IntFunction<Variant> probe;
    /** Where the file first asks for more than one run (e.g. {@code f.conf:3: sweep}), or null. */
    private final Location planAt;

    RunPlan(Scenario base, List<Variant> variants, int replicas, CapacitySpec capacity, IntFunction<Variant> probe,
            Location planAt) {
        this.base = Objects.requireNonNull(base, "base");
        this.variants = List.copyOf(variants);
        this.replicas = replicas;
        this.capacity = capacity;
        this.probe = probe;
        this.planAt = planAt;
    }

    /** Parses and validates {@code file} and every variant it describes; a {@link InputException} names the first problem. */
    public static RunPlan read(Path file) {
        return RunPlanParser.parse(file);
    }

    /** The scenario without sweep: what every variant starts from. */
    public Scenario base() {
        return base;
    }

    /** The sweep's variants in run order; just the base (no settings) when there is no sweep. */
    public List<Variant> variants() {
        return variants;
    }

    /** Runs per variant (per probe for a capacity search), each with its own seed. */
    public int replicas() {
        return replicas;
    }

    public Optional<CapacitySpec> capacity() {
        return Optional.ofNullable(capacity);
    }

    /** Whether this is one plain run: no sweep, one replica, no capacity search. */
    public boolean single() {
        return planAt == null;
    }

    /** How many runs the plan takes; for a capacity search the most it can take. */
    public int runs() {
        return (capacity != null ? capacity.maxProbes() : variants.size()) * replicas;
    }

    /**
     * The base scenario with {@code hosts} hosts, validated: one probe of the capacity search.
     *
     * @throws IllegalStateException without a capacity block
     * @throws InputException if the scenario is invalid with that many hosts
     */
    public Variant probe(int hosts) {
        if (capacity == null) {
            throw new IllegalStateException("no capacity block");
        }
        return probe.apply(hosts);
    }

    /**
     * The scenario, for commands that run exactly one.
     *
     * @param command the command, for the message, e.g. {@code contigsim coordinator}
     * @throws InputException naming the sweep, replicas or capacity key when the file asks for more
     */
    public Scenario requireSingle(String command) {
        if (planAt != null) {
            throw planAt.problem(command + " runs one scenario; sweeps, replicas and capacity searches run with "
                    + "contigsim run");
        }
        return base;
    }
}
