// Over 400 lines: most of them are picocli's help text and option declarations; each mode is a short method.
package org.contigsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.apache.commons.io.output.CloseShieldWriter;
import org.apache.commons.io.output.WriterOutputStream;
import org.contigsim.hocon.InputException;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.AllocTrace;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.HostImport;
import org.contigsim.procfs.PageTypeInfo;
import org.contigsim.procfs.ProcDump;
import org.contigsim.procfs.ProcParseException;
import org.contigsim.procfs.ProcSnapshot;
import org.contigsim.runtime.Io;
import org.contigsim.runtime.Progress;
import org.contigsim.runtime.UsageException;
import org.contigsim.script.ScriptParser;
import org.contigsim.script.ScriptRunner;
import org.contigsim.singlehost.MemoryExperiment;
import org.contigsim.singlehost.ProcFormat;
import org.contigsim.singlehost.TraceReplay;
import org.contigsim.workload.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code contigsim memory}: one host's physical memory, simulated from boot under a workload
 * (or imported from a real host's {@code /proc} files), printed in the kernel's formats or as
 * JSON; also replays allocator traces and runs memory scripts. Everything but the requested
 * output goes to stderr.
 */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        headerHeading = "",
        header = "Simulates one host's physical memory and prints its free lists.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "contigsim memory [HOST OPTIONS] [--workload NAME] [--uptime DURATION] [--seed N] [--format FORMAT]",
            "       contigsim memory --from-buddyinfo FILE [--pagetypeinfo FILE] [--memory SIZE] [HOST OPTIONS]",
            "                        [--workload NAME --uptime DURATION] [--seed N] [--format FORMAT]",
            "       contigsim memory --replay TRACE.csv [--memory SIZE] [HOST OPTIONS] [--seed N]",
            "       contigsim memory --script FILE"
        },
        descriptionHeading = "%n",
        description = {
            "Boots a simulated Linux host (zones, pageblocks, buddy free lists, watermarks, compaction, kswapd), "
                    + "runs a background workload on it for the given simulated uptime, and prints the result as "
                    + "/proc/buddyinfo, /proc/pagetypeinfo, the debugfs unusable/extfrag indexes, or JSON. "
                    + "The same arguments and seed print the same bytes.",
            "",
            "--from-buddyinfo starts instead from a real host's /proc/buddyinfo (and, better, its "
                    + "/proc/pagetypeinfo taken at the same moment). The nodes and zones come from the files, zone "
                    + "sizes from pagetypeinfo's pageblock counts or else from --memory (default: the smallest "
                    + "whole GiB that fits). --kernel, --protect-orders, --proactiveness and --no-direct-compaction "
                    + "apply to the imported host; --nodes, --movablecore, --cma and --hugepages cannot be given. "
                    + "A workload may then run on it with --uptime (and --workload).",
            "",
            "--replay replays an allocator operation trace (one 'alloc,HANDLE,ORDER,MIGRATETYPE' or "
                    + "'free,HANDLE' per line; migrate type movable, unmovable or reclaimable) against a fresh "
                    + "host, once to warm up and once measured, and prints one JSON line: operations, seconds, "
                    + "ops_per_second, allocations, frees, failed_allocations, skipped_frees (frees of handles "
                    + "whose allocation failed). Only seconds and ops_per_second vary between runs.",
            "",
            "--script runs a memory script file and prints what it prints; no other option applies.",
            "",
            "Progress goes to stderr, as one updating line, only for runs longer than two seconds."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  contigsim memory --memory 8GiB --workload fragmenting --uptime 6h --seed 1",
            "  contigsim memory --memory 64GiB --nodes 2 --movablecore 16GiB --uptime 2d --format json",
            "  contigsim memory --from-buddyinfo buddyinfo.txt --pagetypeinfo pagetypeinfo.txt --uptime 1h",
            "  contigsim memory --replay trace.csv --memory 16GiB --kernel 6.1"
        })
final class MemoryCommand implements Callable<Integer> {
    static final String DEFAULT_MEMORY = "8GiB";
    static final String DEFAULT_REPLAY_MEMORY = "16GiB";

    @Spec
    CommandSpec spec;

    // ---------------------------------------------------------------- host

    @Option(names = "--memory", paramLabel = "SIZE", order = 1,
            description = "RAM, a whole number of 4 KiB pages, e.g. 512MiB, 8GiB, 1.5TiB (at most 4TiB). "
                    + "Default: " + DEFAULT_MEMORY + "; " + DEFAULT_REPLAY_MEMORY + " with --replay; derived from "
                    + "the file with --from-buddyinfo.")
    String memory;

    @Option(names = "--nodes", paramLabel = "N", order = 2, defaultValue = "1",
            description = "NUMA nodes, memory split evenly (node 0 holds DMA and DMA32). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--kernel", paramLabel = "VERSION", order = 3, defaultValue = "6.15",
            converter = Choices.Kernel.class,
            description = "Allocator fallback path to follow: 6.1 or 6.15. Default: ${DEFAULT-VALUE}.")
    KernelVersion kernel;

    @Option(names = "--movablecore", paramLabel = "SIZE", order = 4,
            description = "movablecore=: memory at the top of the nodes put in ZONE_MOVABLE. Default: none.")
    String movablecore;

    @Option(names = "--cma", paramLabel = "SIZE", order = 5,
            description = "A CMA area of this size at the top of node 0's Normal zone. Default: none.")
    String cma;

    @Option(names = "--hugepages", paramLabel = "SIZE:COUNT[,SIZE:COUNT...]", order = 6,
            description = "Boot-time hugetlb reservations, as hugepagesz=/hugepages= do, for example "
                    + "2MiB:512,1GiB:4. Default: none.")
    String hugepages;

    @Option(names = "--protect-orders", paramLabel = "ORDER:COUNT[,ORDER:COUNT...]", order = 7,
            description = "Free blocks kept, per order, for requests of exactly that order. Example: 9:4,10:2. "
                    + "Default: none.")
    String protectOrders;

    @Option(names = "--proactiveness", paramLabel = "N", order = 8, defaultValue = "20",
            description = "vm.compaction_proactiveness, 0..100 (0: no proactive compaction). Default: ${DEFAULT-VALUE}.")
    int proactiveness;

    @Option(names = "--no-direct-compaction", order = 9,
            description = "Failed order > 0 allocations do not compact before giving up.")
    boolean noDirectCompaction;

    // ---------------------------------------------------------------- run

    @Option(names = "--workload", paramLabel = "NAME", order = 20, defaultValue = "fragmenting",
            converter = Choices.Workload.class,
            description = "Background workload: fragmenting or idle. Default: ${DEFAULT-VALUE}.")
    Preset workload;

    @Option(names = "--uptime", paramLabel = "DURATION", order = 21, defaultValue = "0",
            description = "Simulated time to run the workload, e.g. 30m, 6h, 2d. Default: 0 (just booted).")
    String uptime;

    @Option(names = "--seed", paramLabel = "N", order = 22, defaultValue = "1",
            description = "Run seed: the host's and the workload's random streams derive from it. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", order = 23, defaultValue = "buddyinfo",
            converter = Choices.MemoryFormat.class,
            description = "Output: buddyinfo, pagetypeinfo, json, unusable_index or extfrag_index. "
                    + "Default: ${DEFAULT-VALUE}.")
    ProcFormat format;

    // ---------------------------------------------------------------- other modes

    @Option(names = "--from-buddyinfo", paramLabel = "FILE", order = 30,
            description = "Start from a real host's /proc/buddyinfo instead of a fresh boot.")
    Path fromBuddyinfo;

    @Option(names = "--pagetypeinfo", paramLabel = "FILE", order = 31,
            description = "With --from-buddyinfo: the same host's /proc/pagetypeinfo (free lists and pageblocks "
                    + "per migrate type).")
    Path pagetypeinfo;

    @Option(names = "--replay", paramLabel = "TRACE.csv", order = 32,
            description = "Replay an allocator operation trace and print its speed.")
    Path replay;

    @Option(names = "--script", paramLabel = "FILE", order = 33,
            description = "Run a memory script (with --from-buddyinfo: booted into that real state, "
                    + "in place of the script's own import).")
    Path script;

    @Option(names = {"-q", "--quiet"}, order = 40,
            description = "No progress line on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        checkModes();
        if (script != null) {
            return runScript();
        }
        if (replay != null) {
            return runReplay();
        }
        return simulate();
    }

    // ---------------------------------------------------------------- modes

    private static final List<String> REPLAY_EXCLUDES = List.of("--workload", "--uptime", "--format", "--pagetypeinfo");
    /** What a script run takes besides the script: a real state to start from (and that host's RAM). */
    private static final List<String> SCRIPT_FLAGS = List.of("--script", "--debug", "--from-buddyinfo",
            "--pagetypeinfo", "--memory");
    /** Boot layout flags: an imported host's layout is the file's. */
    private static final List<String> IMPORT_EXCLUDES = List.of("--nodes", "--movablecore", "--cma", "--hugepages");

    private void checkModes() {
        List<String> modes = new ArrayList<>();
        for (String m : List.of("--replay", "--script", "--from-buddyinfo")) {
            if (given(m) && !(m.equals("--from-buddyinfo") && given("--script"))) {
                modes.add(m);
            }
        }
        if (modes.size() > 1) {
            throw new UsageException(modes.get(0) + " and " + modes.get(1) + " cannot be combined");
        }
        if (given("--pagetypeinfo") && !given("--from-buddyinfo") && !given("--replay")) {
            throw new UsageException("--pagetypeinfo needs --from-buddyinfo (the same host's /proc/buddyinfo)");
        }
        if (given("--script")) {
            for (OptionSpec o : spec.options()) {
                String name = o.longestName();
                if (!SCRIPT_FLAGS.contains(name) && given(name)) {
                    throw new UsageException("--script cannot be combined with " + name
                            + " (the script sets up its own hosts)");
                }
            }
            if (given("--memory") && !given("--from-buddyinfo")) {
                throw new UsageException("--script takes --memory only with --from-buddyinfo (the imported host's RAM; "
                        + "otherwise the script's host block sets it)");
            }
        }
        if (given("--replay")) {
            for (String name : REPLAY_EXCLUDES) {
                if (given(name)) {
                    throw new UsageException("--replay cannot be combined with " + name
                            + " (a replay runs the trace on a fresh host and prints one JSON line)");
                }
            }
        }
        if (given("--from-buddyinfo")) {
            for (String name : IMPORT_EXCLUDES) {
                if (given(name)) {
                    throw new UsageException("--from-buddyinfo cannot be combined with " + name
                            + " (the nodes and zones come from the file)");
                }
            }
        }
    }

    private boolean given(String option) {
        ParseResult pr = spec.commandLine().getParseResult();
        return pr != null && pr.hasMatchedOption(option);
    }

    private int simulate() {
        long uptimeNanos = Durations.parseNanos("--uptime", uptime);
        MemoryExperiment.Aging aging = new MemoryExperiment.Aging(workload.label(), workload.background(), seed,
                uptimeNanos);
        PhysicalMemory mem;
        String importedFrom = null;
        if (fromBuddyinfo != null) {
            ProcSnapshot snapshot = snapshot();
            importedFrom = snapshot.source();
            long memoryBytes = memory == null ? 0 : memoryBytes(memory);
            HostConfig.Builder base = hostConfig(memoryBytes);
            mem = HostFlags.naming(() -> importHost(snapshot, memoryBytes, base), "--from-buddyinfo");
        } else {
            mem = freshHost(memoryBytes(memory == null ? DEFAULT_MEMORY : memory));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(MemoryExperiment.ageAndPrint(mem, aging, format, importedFrom,
                new Progress(spec.commandLine().getErr(), !quiet, "contigsim memory")));
        out.flush();
        return Main.EXIT_OK;
    }

    private PhysicalMemory importHost(ProcSnapshot snapshot, long memoryBytes, HostConfig.Builder base) {
        try {
            return HostImport.build(snapshot, memoryBytes, base, seed);
        } catch (ProcParseException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The --from-buddyinfo and --pagetypeinfo files, each read once and checked by parsing the text. */
    private ProcDump dump() {
        ProcDump dump = new ProcDump(fromBuddyinfo.toString(), readText("--from-buddyinfo", fromBuddyinfo),
                pagetypeinfo == null ? null : pagetypeinfo.toString(),
                pagetypeinfo == null ? null : readText("--pagetypeinfo", pagetypeinfo));
        try {
            dump.snapshot();
        } catch (ProcParseException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException((pagetypeinfo == null ? "--from-buddyinfo: " + fromBuddyinfo : "--pagetypeinfo")
                    + ": " + e.getMessage(), e);
        }
        return dump;
    }

    private static String readText(String flag, Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UsageException(flag + ": " + Io.describe(path.toString(), e), e);
        }
    }

    private ProcSnapshot snapshot() {
        ProcSnapshot buddy = readProc("--from-buddyinfo", fromBuddyinfo, false);
        if (pagetypeinfo == null) {
            return buddy;
        }
        ProcSnapshot types = readProc("--pagetypeinfo", pagetypeinfo, true);
        try {
            return ProcSnapshot.merge(buddy, types);
        } catch (ProcParseException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pagetypeinfo: " + e.getMessage(), e);
        }
    }

    private static ProcSnapshot readProc(String flag, Path path, boolean pagetypeinfo) {
        try {
            return pagetypeinfo ? PageTypeInfo.parse(path) : BuddyInfo.parse(path);
        } catch (IOException e) {
            throw new UsageException(flag + ": " + Io.describe(path.toString(), e), e);
        } catch (ProcParseException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + path + ": " + e.getMessage(), e);
        }
    }

    private int runReplay() {
        long memoryBytes = memoryBytes(memory == null ? DEFAULT_REPLAY_MEMORY : memory);
        HostConfig config = HostFlags.naming(() -> hostConfig(memoryBytes).build());
        ZoneLayout layout = HostFlags.naming(() -> ZoneLayout.of(config));
        HostFlags.naming(() -> new PhysicalMemory(config, layout, seed)); // boot errors before the long parse
        AllocTrace.Trace trace = TraceReplay.parse(replay, replay.toString());
        PrintWriter err = spec.commandLine().getErr();
        boolean talk = !quiet && trace.size() >= 1_000_000;
        if (talk) {
            err.println("contigsim memory: " + trace.size() + " operations; warm-up run, then the measured run");
            err.flush();
        }
        TraceReplay.Timed result = TraceReplay.warmUpAndMeasure(trace, () -> new PhysicalMemory(config, layout, seed));
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.toJson());
        out.flush();
        return Main.EXIT_OK;
    }

    private int runScript() {
        if (!Files.isRegularFile(script) || !Files.isReadable(script)) {
            throw new UsageException("--script: " + script + (Files.exists(script)
                    ? (Files.isDirectory(script) ? ": is a directory" : ": permission denied") : ": no such file"));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintStream stream = printStream(out);
        ScriptParser.Start start = fromBuddyinfo == null ? null
                : new ScriptParser.Start(dump(), memory == null ? 0 : memoryBytes(memory));
        try {
            ScriptRunner.run(script, start, stream);
        } catch (InputException e) {
            stream.flush();
            throw new UsageException(e.getMessage(), e);
        } finally {
            stream.close();
            out.flush();
        }
        return Main.EXIT_OK;
    }

    /**
     * A stream for code that prints to one ({@code ScriptRunner}), passing what it prints on to
     * picocli's writer: UTF-8 decoded as it comes (a character split across two writes comes out
     * whole), and closing the stream leaves the writer open.
     */
    static PrintStream printStream(PrintWriter out) {
        try {
            return new PrintStream(WriterOutputStream.builder().setWriter(CloseShieldWriter.wrap(out))
                    .setCharset(StandardCharsets.UTF_8).setWriteImmediately(true).get(), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- host

    private static long memoryBytes(String text) {
        long bytes = Sizes.parsePages("--memory", text);
        if (bytes > HostConfig.MAX_MEMORY_BYTES) {
            throw new UsageException("--memory: '" + text + "' is more than the model addresses ("
                    + Sizes.format(HostConfig.MAX_MEMORY_BYTES) + ")");
        }
        return bytes;
    }

    private PhysicalMemory freshHost(long memoryBytes) {
        HostConfig config = HostFlags.naming(() -> hostConfig(memoryBytes).build());
        ZoneLayout layout = HostFlags.naming(() -> ZoneLayout.of(config));
        return HostFlags.naming(() -> new PhysicalMemory(config, layout, seed));
    }

    /**
     * The host the flags describe, as a builder (memory 0 with --from-buddyinfo when --memory is
     * not given): the flags are one more front end to {@link HostSpec}, as a script's host block is.
     */
    private HostConfig.Builder hostConfig(long memoryBytes) {
        HostSpec.Tuning tuning = new HostSpec.Tuning(
                movablecore == null ? null : Sizes.parsePages("--movablecore", movablecore),
                cma == null ? null : Sizes.parsePages("--cma", cma),
                hugepages == null ? null : HostFlags.hugepages(hugepages),
                protectOrders == null ? null : LongStream.of(HostFlags.protectOrders(protectOrders)).boxed().toList(),
                null, null, null, null, HostFlags.proactiveness(proactiveness), !noDirectCompaction);
        return new HostSpec(memoryBytes, nodes, kernel, DeviceProfile.named(DeviceProfile.DEFAULT), tuning).builder();
    }
}
