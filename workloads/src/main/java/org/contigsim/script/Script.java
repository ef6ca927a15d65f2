package org.contigsim.script;

import java.util.List;
import java.util.Optional;
import org.contigsim.base.Labelled;
import org.contigsim.hocon.Location;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.Gfp;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.Owner;
import org.contigsim.memory.PageClass;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.ZoneType;
import org.contigsim.procfs.HostImport;
import org.contigsim.procfs.ProcDump;
import org.contigsim.workload.Preset;

/**
 * A parsed and validated memory script (see {@code docs/memory-script.md}): the host to boot,
 * the seed and the steps to run in order. Built by {@link ScriptParser}; run by {@link ScriptRunner}.
 */
public record Script(String file, long seed, Host host, List<Step> steps) {
    public Script {
        steps = List.copyOf(steps);
    }

    /**
     * The host to boot: the machine, the {@code /proc} dump it boots into (null: freshly booted),
     * and where a boot failure is reported (its hugetlb reservation, else the host block).
     */
    public record Host(HostSpec spec, ProcDump start, Location where) {
        /** The host booted with its own random stream {@code seed}: fresh, or rebuilt from its dump. */
        public PhysicalMemory boot(long seed) {
            return start == null ? new PhysicalMemory(spec.builder().build(), seed)
                    : HostImport.build(start.snapshot(), spec.memoryBytes(), spec.builder(), seed);
        }
    }

    /** What an allocation is, in the terms of the script's {@code kind} key. */
    public enum Kind {
        /** Anonymous user memory: movable, not evictable (the model has no swap). */
        ANON("anon", Owner.ANON, MigrateType.MOVABLE),
        /** Clean page cache: movable, and kswapd or direct reclaim may evict it. */
        PAGE_CACHE("page-cache", Owner.PAGE_CACHE, MigrateType.MOVABLE),
        /** Unmovable kernel memory (GFP_KERNEL). */
        UNMOVABLE("unmovable", Owner.KERNEL, MigrateType.UNMOVABLE),
        /** Reclaimable slab (__GFP_RECLAIMABLE). */
        RECLAIMABLE("reclaimable", Owner.SLAB_RECLAIMABLE, MigrateType.RECLAIMABLE),
        /** Anonymous memory long-term pinned right after allocation (pin_user_pages with FOLL_LONGTERM). */
        PINNED("pinned", Owner.ANON, MigrateType.MOVABLE);

        private final String label;
        private final Owner owner;
        private final MigrateType type;

        Kind(String label, Owner owner, MigrateType type) {
            this.label = label;
            this.owner = owner;
            this.type = type;
        }

        public String label() {
            return label;
        }

        /** The page class an allocation of this kind with this tag gets (pinned kinds: before the pin). */
        public PageClass pageClass(String tag) {
            return new PageClass(owner, type, false, tag);
        }

        /** The kind called {@code label} ({@code kernel} is a synonym of {@code unmovable}), or null. */
        static Kind fromLabel(String label) {
            if (label.equals("kernel")) {
                return UNMOVABLE;
            }
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The step types, as a step's {@code step} key names them. */
    public enum StepType implements Labelled {
        ALLOCATE("allocate"),
        FREE("free"),
        PIN("pin"),
        UNPIN("unpin"),
        COMPACT("compact"),
        HUGEPAGES("hugepages"),
        ADVANCE("advance"),
        /** A synonym of {@link #ADVANCE}. */
        SLEEP("sleep"),
        PRINT("print"),
        CONTIG("contig"),
        REPEAT("repeat");

        private final String label;

        StepType(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        public static List<String> names() {
            return Labelled.labels(values());
        }

        public static Optional<StepType> named(String label) {
            return Labelled.find(label, values());
        }
    }

    /** What a {@code print} step prints: one of the kernel's files, or a JSON summary. */
    public enum Output implements Labelled {
        BUDDYINFO("buddyinfo"),
        PAGETYPEINFO("pagetypeinfo"),
        UNUSABLE_INDEX("unusable-index"),
        EXTFRAG_INDEX("extfrag-index"),
        JSON("json");

        private final String label;

        Output(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        public static List<String> names() {
            return Labelled.labels(values());
        }

        public static Optional<Output> named(String label) {
            return Labelled.find(label, values());
        }
    }

    /** What {@code free} releases of a tag. */
    public enum FreeMode { ALL, EVERY, FRACTION }

    /** One step of the script. */
    public sealed interface Step permits Allocate, Free, Pin, Compact, Hugepages, Advance, Print, Contig, Repeat {
        Location where();
    }

    /**
     * Allocates {@code pages} in blocks of {@code 2^order} pages, stopping at the first failure;
     * {@code zone}, when not null, is the highest zone the request may use (a GFP zone modifier:
     * {@code __GFP_DMA}, {@code __GFP_DMA32}, or a movable request without {@code __GFP_MOVABLE}).
     */
    public record Allocate(Location where, Kind kind, long pages, int order, String tag, int node, boolean report,
            ZoneType zone) implements Step {
        /** The request's GFP zone modifier ({@link Gfp}). */
        public int gfp() {
            if (zone == null) {
                return 0;
            }
            return switch (zone) {
                case DMA -> Gfp.ZONE_DMA;
                case DMA32 -> Gfp.ZONE_DMA32;
                case NORMAL -> Gfp.ZONE_NORMAL;
                case MOVABLE, DEVICE -> 0;
            };
        }
    }

    /** Frees all of a tag, every {@code every}-th block of it in PFN order, or a random {@code fraction} of it. */
    public record Free(Location where, String tag, FreeMode mode, int every, double fraction, boolean report)
            implements Step {
    }

    /** Long-term pins ({@code pin = true}) or unpins every block of a tag. */
    public record Pin(Location where, String tag, boolean pin, boolean report) implements Step {
    }

    /** Whole-memory compaction ({@code echo 1 > /proc/sys/vm/compact_memory}). */
    public record Compact(Location where) implements Step {
    }

    /**
     * Grows the hugetlb pool of {@code pageBytes} pages one page at a time until an allocation
     * fails or {@code max} pages (-1: no limit) were added; releases them again unless {@code keep}.
     * With {@code pool} (not -1) it instead sets the pool to that many pages, as a write of
     * {@code nr_hugepages} does: grows it until then or until an allocation fails, or shrinks it.
     */
    public record Hugepages(Location where, long pageBytes, long max, boolean keep, long pool) implements Step {
    }

    /** Lets simulated time pass, running a built-in background workload ({@code null}: none). */
    public record Advance(Location where, long nanos, Preset workload) implements Step {
    }

    /** Prints one of the kernel's files or a JSON summary. */
    public record Print(Location where, Output what) implements Step {
    }

    /** {@code alloc_contig_pages} of {@code pages} pages, tagged. */
    public record Contig(Location where, Kind kind, long pages, String tag, int node) implements Step {
    }

    /** Runs {@code steps} {@code times} times. */
    public record Repeat(Location where, int times, List<Step> steps) implements Step {
        public Repeat {
            steps = List.copyOf(steps);
        }
    }
}
