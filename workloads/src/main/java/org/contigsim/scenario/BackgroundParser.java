package org.contigsim.scenario;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;
import org.contigsim.hocon.Section;
import org.contigsim.workload.Background;
import org.contigsim.workload.BackgroundTrace;
import org.contigsim.workload.Distribution;
import org.contigsim.workload.FolioMix;
import org.contigsim.workload.ParamSource;
import org.contigsim.workload.Preset;

/**
 * Reads a background workload wherever a scenario has one: a preset's name
 * ({@code background = fragmenting}) or a block ({@code background { preset = fragmenting, anon
 * { share = 0.5 } }}, {@code background { trace = "day.csv" }}). What the block may hold, the
 * defaults and the ranges are the components' own ({@link Background#read}); this class gives
 * them the scenario's values with {@code FILE:LINE: key.path} errors, resolves a trace against
 * the directory of the file that names it, and checks and hashes the trace now, so a bad trace
 * stops the run before it starts. The result is the background's spec ({@link Background#spec()}),
 * the String a scenario and the hosts carry.
 */
final class BackgroundParser {
    private BackgroundParser() {
    }

    /** The spec of the background at {@code key} of {@code parent}; the default preset when left out. */
    static String parse(Section parent, String key) {
        if (!parent.has(key)) {
            return Preset.FRAGMENTING.label();
        }
        if (!parent.isObject(key)) {
            return parent.field(key, "a workload name or a block", null).oneOf(Preset.values(), "a background workload")
                    .label();
        }
        return Background.read(new SectionParams(parent.section(key), parent, key)).spec();
    }

    /**
     * {@code key} with the background {@code spec} as a scenario file writes it, every line after
     * {@code indent}: {@code key = "fragmenting"} for a preset, else a block holding the spec.
     */
    static String render(String key, String spec, String indent) {
        if (Preset.named(spec).isPresent()) {
            return indent + key + " = " + ConfigUtil.quoteString(spec) + "\n";
        }
        StringBuilder b = new StringBuilder(indent).append(key).append(" {\n");
        for (String line : spec.split("\n")) {
            b.append(indent).append("  ").append(line).append('\n');
        }
        return b.append(indent).append("}\n").toString();
    }

    /** A background block's values as the components read them. */
    private static final class SectionParams implements ParamSource {
        private final Section section;
        /** The block's parent and key, where problems with the block as a whole are reported. */
        private final Section parent;
        private final String key;

        SectionParams(Section section, Section parent, String key) {
            this.section = section;
            this.parent = parent;
            this.key = key;
        }

        @Override
        public void allowOnly(List<String> known) {
            section.allowOnly(known);
        }

        @Override
        public boolean has(String k) {
            return section.has(k);
        }

        @Override
        public ParamSource block(String k) {
            return new SectionParams(section.section(k), section, k);
        }

        @Override
        public double number(String k, double defaultValue, double min, double max) {
            return section.has(k) ? section.field(k, "a number", null).decimal(min, max) : defaultValue;
        }

        @Override
        public int whole(String k, int defaultValue, int min, int max) {
            return section.has(k) ? (int) section.field(k, "a whole number", null).whole(min, max) : defaultValue;
        }

        @Override
        public String choice(String k, String defaultValue, List<String> known, String what) {
            return section.has(k) ? section.field(k, what, null).oneOf(known, what) : defaultValue;
        }

        @Override
        public Distribution sizes(String k, Distribution defaultValue, long minBytes, long maxBytes) {
            if (!section.has(k)) {
                return defaultValue;
            }
            Field f = section.field(k, "a size or a distribution", null);
            try {
                return Distribution.parseSize(f.text(), minBytes, maxBytes);
            } catch (IllegalArgumentException e) {
                throw f.error(e.getMessage());
            }
        }

        @Override
        public FolioMix folios(String k, FolioMix defaultValue) {
            if (!section.has(k)) {
                return defaultValue;
            }
            Field f = section.field(k, "a folio mix", null);
            try {
                return FolioMix.parse(f.text());
            } catch (IllegalArgumentException e) {
                throw f.error(e.getMessage());
            }
        }

        /** The trace, relative to the file that names it; its own errors name the trace file and line. */
        @Override
        public BackgroundTrace trace(String fileKey, String hashKey) {
            Field f = section.field(fileKey, "a file name", null);
            if (f.text().isEmpty()) {
                throw f.error("expected a file name, found " + f.quoted());
            }
            Path written = Path.of(f.text());
            Path file = (written.isAbsolute() ? written
                    : Path.of(f.at().file()).toAbsolutePath().resolveSibling(written)).normalize();
            String unreadable = HoconReader.unreadable(file);
            if (unreadable != null) {
                throw f.error(f.quoted() + " (" + file + "): " + unreadable);
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw f.error(f.quoted() + " (" + file + "): " + HoconReader.describe(e));
            }
            if (section.has(hashKey)) {
                Field h = section.field(hashKey, "a SHA-256", null);
                String actual = BackgroundTrace.sha256(bytes);
                if (!h.text().equals(actual)) {
                    throw h.error(h.quoted() + " is not the SHA-256 of " + file + " (" + actual + ")");
                }
            }
            try {
                return BackgroundTrace.parse(bytes, file.toString());
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage(), e);
            }
        }

        @Override
        public RuntimeException problem(String message) {
            return parent.problem(key, message);
        }
    }
}
