package org.contigsim.workload;

import java.util.List;
import org.contigsim.base.Rng;

/**
 * A host's background memory demand, composed of components (each null when absent): every
 * simulated second is one step, in which the components run in a fixed order, then the host's
 * kernel activity catches up ({@link HostMemory#advanceTo}). The order is anonymous memory, slab,
 * network buffers, long-lived kernel memory, page cache, page tables, RDMA registrations, trace:
 * the first five are where the original fragmenting workload had them, so the {@code fragmenting}
 * preset draws the same random values in the same order and gives the same results.
 *
 * <p>All randomness comes from the host's {@link Rng}, and components keep no state between
 * steps (the host's memory is the state), so a (seed, host) pair replays exactly and the result
 * does not depend on how callers cut time into {@link #run} calls at whole seconds. A background
 * without components lets time pass in one call.
 *
 * <p>{@link #spec()} is the canonical text of a background, which {@link Workloads#fromSpec}
 * reads back into an equal one: that is how a background travels to the hosts.
 */
public record Background(AnonMemory anon, KernelMemory kernel, NetBuffers net, PageCache pageCache,
        PageTables pageTables, RdmaRegistrations rdma, BackgroundTrace trace) implements MemoryWorkload {
    /** No component: memory only ages by the host's own kernel activity. */
    public static final Background IDLE = new Background(null, null, null, null, null, null, null);
    /** Turnover rates are at most 3600 per hour: the whole share replaced every second. */
    public static final double MAX_TURNOVER_PER_HOUR = 3600;

    static final String NONE = "none";
    static final List<String> KEYS = List.of("preset", AnonMemory.KEY, KernelMemory.KEY, NetBuffers.KEY,
            PageCache.KEY, PageTables.KEY, RdmaRegistrations.KEY, "trace", "trace-sha256");

    @Override
    public void run(HostMemory host, Rng rng, long fromNanos, long toNanos) {
        if (equals(IDLE)) {
            host.advanceTo(toNanos);
            return;
        }
        long total = host.totalPages();
        long step = fromNanos - fromNanos % Step.SECOND + Step.SECOND;
        long t = fromNanos;
        while (t < toNanos) {
            long next = Math.min(step, toNanos);
            Step s = new Step(host, rng, total, t, next);
            if (anon != null) {
                anon.step(s);
            }
            if (kernel != null) {
                kernel.churn(s);
            }
            if (net != null) {
                net.step(s);
            }
            if (kernel != null) {
                kernel.longLived(s);
            }
            if (pageCache != null) {
                pageCache.step(s);
            }
            if (pageTables != null) {
                pageTables.step(s);
            }
            if (rdma != null) {
                rdma.step(s);
            }
            if (trace != null) {
                trace.step(s);
            }
            host.advanceTo(next);
            t = next;
            step += Step.SECOND;
        }
    }

    /** The shares of memory the components hold, added up: at most 1. */
    public double shares() {
        double sum = 0;
        sum += anon == null ? 0 : anon.share();
        sum += kernel == null ? 0 : kernel.slab() + kernel.reclaimable();
        sum += net == null ? 0 : net.share();
        sum += rdma == null ? 0 : rdma.share();
        return sum;
    }

    /**
     * The canonical text: a preset's name when this is a preset, else HOCON with {@code preset =
     * "none"} and every present component with every parameter, in a fixed order.
     */
    public String spec() {
        for (Preset p : Preset.values()) {
            if (equals(p.background())) {
                return p.label();
            }
        }
        SpecWriter w = new SpecWriter().string("preset", NONE);
        if (anon != null) {
            anon.write(w.open(AnonMemory.KEY));
            w.close();
        }
        if (kernel != null) {
            kernel.write(w.open(KernelMemory.KEY));
            w.close();
        }
        if (net != null) {
            net.write(w.open(NetBuffers.KEY));
            w.close();
        }
        if (pageCache != null) {
            pageCache.write(w.open(PageCache.KEY));
            w.close();
        }
        if (pageTables != null) {
            pageTables.write(w.open(PageTables.KEY));
            w.close();
        }
        if (rdma != null) {
            rdma.write(w.open(RdmaRegistrations.KEY));
            w.close();
        }
        if (trace != null) {
            w.string("trace", trace.file()).string("trace-sha256", trace.sha256());
        }
        return w.toString();
    }

    /**
     * Reads a background block: {@code preset} (default {@code fragmenting}, or {@code none} when
     * the block names a trace) gives the components, and each component block given replaces
     * the preset's, starting from its parameters (or the component's defaults when the preset
     * lacks it) with the keys written.
     */
    public static Background read(ParamSource p) {
        p.allowOnly(KEYS);
        List<String> presets = new java.util.ArrayList<>(Preset.names());
        presets.add(NONE);
        String preset = p.choice("preset", p.has("trace") ? NONE : Preset.FRAGMENTING.label(), presets,
                "a background preset");
        // preset = none starts from no component
        Background base = Preset.named(preset).map(Preset::background).orElse(IDLE);
        AnonMemory anon = p.has(AnonMemory.KEY)
                ? AnonMemory.read(p.block(AnonMemory.KEY), or(base.anon, AnonMemory.DEFAULTS)) : base.anon;
        KernelMemory kernel = p.has(KernelMemory.KEY)
                ? KernelMemory.read(p.block(KernelMemory.KEY), or(base.kernel, KernelMemory.DEFAULTS)) : base.kernel;
        NetBuffers net = p.has(NetBuffers.KEY)
                ? NetBuffers.read(p.block(NetBuffers.KEY), or(base.net, NetBuffers.DEFAULTS)) : base.net;
        PageCache pageCache = p.has(PageCache.KEY)
                ? PageCache.read(p.block(PageCache.KEY), or(base.pageCache, PageCache.DEFAULTS)) : base.pageCache;
        PageTables pageTables = p.has(PageTables.KEY)
                ? PageTables.read(p.block(PageTables.KEY), or(base.pageTables, PageTables.DEFAULTS)) : base.pageTables;
        RdmaRegistrations rdma = p.has(RdmaRegistrations.KEY)
                ? RdmaRegistrations.read(p.block(RdmaRegistrations.KEY), or(base.rdma, RdmaRegistrations.DEFAULTS))
                : base.rdma;
        if (p.has("trace-sha256") && !p.has("trace")) {
            throw p.problem("trace-sha256 is given without trace");
        }
        BackgroundTrace trace = p.has("trace") ? p.trace("trace", "trace-sha256") : base.trace;
        Background b = new Background(anon, kernel, net, pageCache, pageTables, rdma, trace);
        if (b.shares() > 1) {
            throw p.problem("the shares of memory (anon.share, kernel.slab, kernel.reclaimable, net.share, rdma.share) "
                    + "add up to " + Numbers.plain(b.shares()) + ", more than all of it");
        }
        return b;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
