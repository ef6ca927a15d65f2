package org.contigsim.coordinator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.contigsim.host.HostSummary;

/**
 * The deterministic outputs of a run: {@code results.json} (its {@link RunSummary}),
 * {@code epochs.csv}, {@code jobs.csv}, {@code hosts.csv} and {@code report.html}. They depend
 * only on the scenario and the seed: no wall-clock times, no member addresses, no JVM count.
 */
public final class RunResults {
    private RunResults() {
    }

    /**
     * Writes every deterministic file of {@code sim} into {@code dir}, and each host's final
     * /proc/buddyinfo as {@code buddyinfo/host-NNNNN.txt}; returns the summary results.json holds.
     */
    public static RunSummary write(Simulation sim, List<String> buddyinfo, Path dir) throws IOException {
        Path hosts = Files.createDirectories(dir.resolve("buddyinfo"));
        for (int h = 0; h < buddyinfo.size(); h++) {
            Files.writeString(hosts.resolve(String.format(Locale.ROOT, "host-%05d.txt", h)), buddyinfo.get(h),
                    StandardCharsets.UTF_8);
        }
        RunSummary summary = summary(sim);
        Files.writeString(dir.resolve("results.json"), ResultsJson.write(summary), StandardCharsets.UTF_8);
        StringBuilder epochs = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : sim.records()) {
            epochs.append(r.csvRow()).append('\n');
        }
        Files.writeString(dir.resolve("epochs.csv"), epochs, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("jobs.csv"), jobsCsv(sim), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.csv"), hostsCsv(summary), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), RunReport.html(sim, summary), StandardCharsets.UTF_8);
        return summary;
    }

    /** results.json of {@code sim}. */
    static String json(Simulation sim) {
        return ResultsJson.write(summary(sim));
    }

    /** What {@code sim} found. */
    public static RunSummary summary(Simulation sim) {
        List<EpochRecord> epochs = sim.records();
        List<Double> waits = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        int started = 0;
        int attempts = 0;
        TreeMap<String, Integer> bounds = new TreeMap<>();
        for (Job j : sim.jobs()) {
            attempts += j.attempts;
            if (j.startNanos >= 0) {
                started++;
                waits.add(j.waitNanos() / 1e9);
                rates.add(j.mibPerSecond);
                bounds.merge(j.bound.label(), 1, Integer::sum);
            }
        }
        int failures = 0;
        for (EpochRecord r : epochs) {
            failures += r.allocationFailures();
        }
        JobCounts n = JobCounts.of(sim.jobs());
        RunSummary.Jobs jobs = new RunSummary.Jobs(n.arrived(), started, n.completed(), n.contiguous(), n.fallback(),
                n.running(), n.waiting(), n.failed(), attempts, failures, bounds);
        double[] w = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        RunSummary.Waits wait = new RunSummary.Waits(percentile(w, 50), percentile(w, 95), percentile(w, 99),
                w.length == 0 ? 0 : round(w[w.length - 1]), w.length == 0 ? 0 : round(Arrays.stream(w).sum() / w.length));
        double[] t = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        RunSummary.Throughput throughput = new RunSummary.Throughput(
                t.length == 0 ? 0 : round(Arrays.stream(t).sum() / t.length), percentile(t, 5),
                t.length == 0 ? 0 : round(t[0]));

        long migrated = 0;
        double compaction = 0;
        double maxUnusable = 0;
        double minContig = Double.MAX_VALUE;
        for (EpochRecord r : epochs) {
            migrated += r.pagesMigrated();
            compaction += r.compactionSeconds();
            maxUnusable = Math.max(maxUnusable, r.meanUnusableIndex9());
            minContig = Math.min(minContig, r.meanLargestContigGib());
        }
        RunSummary.UnusableIndex unusable = new RunSummary.UnusableIndex(null, null, null);
        RunSummary.LargestContig contig = new RunSummary.LargestContig(null, null, null);
        if (!epochs.isEmpty()) {
            EpochRecord first = epochs.get(0);
            EpochRecord last = epochs.get(epochs.size() - 1);
            unusable = new RunSummary.UnusableIndex(round(first.meanUnusableIndex9()), round(last.meanUnusableIndex9()),
                    round(maxUnusable));
            contig = new RunSummary.LargestContig(round(first.meanLargestContigGib()), round(last.meanLargestContigGib()),
                    round(minContig));
        }
        RunSummary.Figures figures = new RunSummary.Figures(jobs, wait, throughput,
                new RunSummary.Fragmentation(unusable, contig), new RunSummary.Compaction(migrated, round(compaction)));

        HostSummary[] hosts = sim.summaries();
        long ops = 0;
        for (HostSummary h : hosts) {
            ops += h == null ? 0 : h.allocatorOps();
        }
        RunSummary.Work work = new RunSummary.Work(round(sim.scenario().hosts() * (sim.nowNanos() / 1e9)), ops,
                epochs.size());
        List<RunSummary.HostFinal> finals = new ArrayList<>();
        for (HostSummary h : hosts) {
            finals.add(new RunSummary.HostFinal(h.hostId(), sim.scenario().classOf(h.hostId()).name(), h.freeBytes(),
                    h.largestContigBytes(), h.largestAlignedContigBytes(), h.largestFreeBlockOrder(),
                    h.unusableIndex9() / 1000.0, h.buffers(), h.bufferBytes(), h.contigAttempts(), h.pagesMigrated(),
                    h.hugetlbFreeBytes()));
        }
        return new RunSummary(sim.scenario().name(), sim.seed(), sim.scenario().hosts(), sim.scenario().jobs().policy().label(),
                sim.scenario().jobs().placement().label(), sim.nowNanos() / 1e9, epochs.size(), figures, work, finals);
    }

    /** Nearest-rank percentile of sorted values (0 when there are none). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return round(sorted[Math.max(1, rank) - 1]);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static String jobsCsv(Simulation sim) {
        StringBuilder sb = new StringBuilder("job,arrival_s,state,attempts,start_s,end_s,wait_s,hosts,mtt_entries,"
                + "mtt_page_bytes,chunks,min_chunk_bytes,contiguous,mib_s,bound\n");
        for (Job j : sim.jobs()) {
            boolean started = j.startNanos >= 0;
            StringBuilder hosts = new StringBuilder();
            for (int h : j.hosts) {
                hosts.append(hosts.length() == 0 ? "" : " ").append(h);
            }
            // per host, in the same order as the hosts: what the NIC had to translate
            StringBuilder entries = new StringBuilder();
            StringBuilder pages = new StringBuilder();
            StringBuilder chunks = new StringBuilder();
            StringBuilder counts = new StringBuilder();
            if (started) {
                for (int c : j.chunks) {
                    counts.append(counts.length() == 0 ? "" : " ").append(c);
                }
                for (long c : j.minChunks) {
                    chunks.append(chunks.length() == 0 ? "" : " ").append(c);
                }
                for (org.contigsim.nic.RegionLayout l : j.layouts) {
                    entries.append(entries.length() == 0 ? "" : " ").append(l.mttEntries());
                    pages.append(pages.length() == 0 ? "" : " ").append(l.pageSize());
                }
            }
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", j.id,
                    j.arrivalNanos / 1e9,
                    j.state.name().toLowerCase(Locale.ROOT), j.attempts,
                    started ? String.format(Locale.ROOT, "%.6f", j.startNanos / 1e9) : "",
                    started ? String.format(Locale.ROOT, "%.6f", j.endNanos / 1e9) : "",
                    started ? String.format(Locale.ROOT, "%.6f", j.waitNanos() / 1e9) : "", hosts, entries, pages,
                    counts, chunks, started ? (j.contiguous ? "yes" : "no") : "",
                    started ? String.format(Locale.ROOT, "%.2f", j.mibPerSecond) : "", started ? j.bound.label() : ""));
        }
        return sb.toString();
    }

    static String hostsCsv(RunSummary summary) {
        StringBuilder sb = new StringBuilder("host,class,free_bytes,largest_contig_bytes,largest_aligned_contig_bytes,"
                + "largest_free_block_order,buffers,"
                + "buffer_bytes,contig_attempts,pages_migrated,hugetlb_free_bytes\n");
        for (RunSummary.HostFinal h : summary.hostsFinal()) {
            sb.append(h.host()).append(',').append(csvText(h.hostClass()))
                    .append(',').append(h.freeBytes()).append(',').append(h.largestContigBytes())
                    .append(',').append(h.largestAlignedContigBytes())
                    .append(',').append(h.largestFreeBlockOrder()).append(',').append(h.buffers()).append(',')
                    .append(h.bufferBytes()).append(',').append(h.contigAttempts()).append(',')
                    .append(h.pagesMigrated()).append(',').append(h.hugetlbFreeBytes()).append('\n');
        }
        return sb.toString();
    }

    /** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
    private static String csvText(String s) {
        if (s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
