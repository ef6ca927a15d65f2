package org.contigsim.coordinator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The deterministic outputs of a run: {@code results.json}, {@code epochs.csv}, {@code jobs.csv},
 * {@code hosts.csv} and {@code report.html}. They depend only on the scenario and the seed: no wall-clock times, no
 * member addresses, no JVM count.
 */
public final class RunResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunResults() {
    }

    /**
     * Writes every deterministic file of {@code sim} into {@code dir}, and each host's final
     * /proc/buddyinfo as {@code buddyinfo/host-NNNNN.txt}.
     */
    public static void write(Simulation sim, java.util.List<String> buddyinfo, Path dir) throws IOException {
        Path hosts = Files.createDirectories(dir.resolve("buddyinfo"));
        for (int h = 0; h < buddyinfo.size(); h++) {
            Files.writeString(hosts.resolve(String.format(Locale.ROOT, "host-%05d.txt", h)), buddyinfo.get(h),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("results.json"), json(sim) + "\n", StandardCharsets.UTF_8);
        StringBuilder epochs = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : sim.records()) {
            epochs.append(r.csvRow()).append('\n');
        }
        Files.writeString(dir.resolve("epochs.csv"), epochs, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("jobs.csv"), jobsCsv(sim), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts.csv"), hostsCsv(sim), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), RunReport.html(sim), StandardCharsets.UTF_8);
    }

    static String json(Simulation sim) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", sim.scenario().name());
        root.put("seed", sim.seed());
        root.put("hosts", sim.scenario().hosts());
        root.put("policy", sim.scenario().jobs().policy().label());
        root.put("placement", sim.scenario().jobs().placement().label());
        root.put("simulated_seconds", sim.nowNanos() / 1e9);
        root.put("epochs_executed", sim.records().size());

        ObjectNode jobs = root.putObject("jobs");
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
        for (EpochRecord r : sim.records()) {
            failures += r.allocationFailures();
        }
        JobCounts n = JobCounts.of(sim.jobs());
        jobs.put("submitted", n.arrived());
        jobs.put("started", started);
        jobs.put("completed", n.completed());
        jobs.put("contiguous", n.contiguous());
        jobs.put("fallback", n.fallback());
        jobs.put("running_at_end", n.running());
        jobs.put("waiting_at_end", n.waiting());
        jobs.put("failed", n.failed());
        jobs.put("placement_attempts", attempts);
        jobs.put("buffer_allocation_failures", failures);
        double[] w = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectNode wait = root.putObject("wait_seconds");
        wait.put("p50", percentile(w, 50));
        wait.put("p95", percentile(w, 95));
        wait.put("p99", percentile(w, 99));
        wait.put("max", w.length == 0 ? 0 : round(w[w.length - 1]));
        wait.put("mean", w.length == 0 ? 0 : round(Arrays.stream(w).sum() / w.length));
        double[] t = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectNode tp = root.putObject("throughput_mib_s");
        tp.put("mean", t.length == 0 ? 0 : round(Arrays.stream(t).sum() / t.length));
        tp.put("p5", percentile(t, 5));
        tp.put("min", t.length == 0 ? 0 : round(t[0]));
        ObjectNode bound = jobs.putObject("bound_by");
        bounds.forEach(bound::put);

        List<EpochRecord> epochs = sim.records();
        ObjectNode frag = root.putObject("fragmentation");
        ObjectNode unusable = frag.putObject("mean_unusable_index_order9");
        ObjectNode contig = frag.putObject("mean_largest_contig_gib");
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
        if (!epochs.isEmpty()) {
            unusable.put("first_epoch", round(epochs.get(0).meanUnusableIndex9()));
            unusable.put("last_epoch", round(epochs.get(epochs.size() - 1).meanUnusableIndex9()));
            unusable.put("max", round(maxUnusable));
            contig.put("first_epoch", round(epochs.get(0).meanLargestContigGib()));
            contig.put("last_epoch", round(epochs.get(epochs.size() - 1).meanLargestContigGib()));
            contig.put("min", round(minContig));
        }
        ObjectNode compact = root.putObject("compaction");
        compact.put("pages_migrated", migrated);
        compact.put("simulated_seconds", round(compaction));

        HostSummary[] hosts = sim.summaries();
        // the run's size as work: what docs/benchmarks.md divides by wall time
        ObjectNode work = root.putObject("simulation");
        long ops = 0;
        for (HostSummary h : hosts) {
            ops += h == null ? 0 : h.allocatorOps();
        }
        work.put("host_seconds", round(sim.scenario().hosts() * (sim.nowNanos() / 1e9)));
        work.put("allocator_operations", ops);
        work.put("epochs", sim.records().size());
        ArrayNode arr = root.putArray("hosts_final");
        for (HostSummary h : hosts) {
            ObjectNode o = arr.addObject();
            o.put("host", h.hostId());
            o.put("class", sim.scenario().classOf(h.hostId()).name());
            o.put("free_bytes", h.freeBytes());
            o.put("largest_contig_bytes", h.largestContigBytes());
            o.put("largest_aligned_contig_bytes", h.largestAlignedContigBytes());
            o.put("largest_free_block_order", h.largestFreeBlockOrder());
            o.put("unusable_index_order9", h.unusableIndex9() / 1000.0);
            o.put("buffers", h.buffers());
            o.put("buffer_bytes", h.bufferBytes());
            o.put("contig_attempts", h.contigAttempts());
            o.put("pages_migrated", h.pagesMigrated());
            o.put("hugetlb_free_bytes", h.hugetlbFreeBytes());
        }
        return JSON.writeValueAsString(root);
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

    static String hostsCsv(Simulation sim) {
        StringBuilder sb = new StringBuilder("host,class,free_bytes,largest_contig_bytes,largest_aligned_contig_bytes,"
                + "largest_free_block_order,buffers,"
                + "buffer_bytes,contig_attempts,pages_migrated,hugetlb_free_bytes\n");
        for (HostSummary h : sim.summaries()) {
            sb.append(h.hostId()).append(',').append(csvText(sim.scenario().classOf(h.hostId()).name()))
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
