package org.contigsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.contigsim.base.Units;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.InputException;

/**
 * A job arrival trace: a CSV file whose first line (after blank lines and {@code #} comments)
 * names the columns, {@code arrival_s} always and optionally {@code bytes} and {@code duration}, in
 * any order; every further line is one job. Cells are plain (no quoting): the arrival in decimal
 * seconds after the warm-up, never before the previous row's; the job's own data to move or time
 * to run, in the units of {@link Units}, empty for the scenario's. The first problem is a
 * {@link InputException} {@code FILE:LINE:COLUMN: column: what is wrong}.
 */
final class TraceFile {
    static final List<String> COLUMNS = List.of("arrival_s", "bytes", "duration");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final String name;
    private int line;

    private TraceFile(String name) {
        this.name = name;
    }

    /** The rows of {@code file}, which must be readable. */
    static List<ArrivalSpec.TraceJob> read(Path file) {
        List<String> lines;
        try {
            // ISO-8859-1: a stray byte becomes a bad value naming its line, not a decoder failure
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InputException(file + ": " + HoconReader.describe(e), e);
        }
        return new TraceFile(file.toString()).rows(lines);
    }

    private List<ArrivalSpec.TraceJob> rows(List<String> lines) {
        List<String> header = null;
        List<ArrivalSpec.TraceJob> jobs = new ArrayList<>();
        long previous = 0;
        int previousLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            line = i + 1;
            String text = lines.get(i);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            List<Cell> cells = cells(text);
            if (header == null) {
                header = header(cells);
                continue;
            }
            if (cells.size() != header.size()) {
                Cell at = cells.size() > header.size() ? cells.get(header.size()) : new Cell(text.length() + 1, "");
                throw error(at, "", "expected " + header.size() + (header.size() == 1 ? " cell" : " cells") + " ("
                        + String.join(",", header) + "), found " + cells.size());
            }
            long atNanos = -1;
            long bytes = 0;
            long duration = 0;
            Cell bytesCell = null;
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                switch (header.get(c)) {
                    case "arrival_s" -> atNanos = arrival(cell, previous, previousLine);
                    case "bytes" -> {
                        bytes = bytes(cell);
                        bytesCell = cell;
                    }
                    default -> duration = duration(cell);
                }
            }
            if (bytes > 0 && duration > 0) {
                Cell d = cells.get(header.indexOf("duration"));
                throw error(d, "duration", "and bytes (column " + bytesCell.column() + ") both given: a job moves "
                        + "bytes or runs for a duration, not both");
            }
            jobs.add(new ArrivalSpec.TraceJob(atNanos, bytes, duration));
            previous = atNanos;
            previousLine = line;
        }
        if (header == null) {
            throw new InputException(name + ": no header line (expected arrival_s, optionally bytes and duration)");
        }
        return jobs;
    }

    private List<String> header(List<Cell> cells) {
        List<String> names = new ArrayList<>();
        for (Cell c : cells) {
            if (!COLUMNS.contains(c.text())) {
                throw error(c, "", "\"" + c.text() + "\" is not a column (known: " + String.join(", ", COLUMNS) + ")");
            }
            if (names.contains(c.text())) {
                throw error(c, "", "column " + c.text() + " given twice");
            }
            names.add(c.text());
        }
        if (!names.contains("arrival_s")) {
            throw error(cells.get(0), "", "no arrival_s column (the header names the columns: arrival_s, "
                    + "optionally bytes and duration)");
        }
        return names;
    }

    private long arrival(Cell c, long previous, int previousLine) {
        if (!SECONDS.matcher(c.text()).matches()) {
            throw error(c, "arrival_s", "expected seconds after the warm-up (such as 12.5), found \"" + c.text()
                    + "\"");
        }
        long nanos = nanos(c, "arrival_s");
        if (nanos > ScenarioParser.MAX_RUN_NANOS) {
            throw error(c, "arrival_s", c.text() + " is out of range (0 to 365d)");
        }
        if (nanos < previous) {
            throw error(c, "arrival_s", c.text() + " is before the arrival on line " + previousLine);
        }
        return nanos;
    }

    private long bytes(Cell c) {
        if (c.text().isEmpty()) {
            return 0;
        }
        long bytes;
        try {
            bytes = Units.bytes(c.text());
        } catch (IllegalArgumentException e) {
            throw error(c, "bytes", e.getMessage());
        }
        if (bytes < 1) {
            throw error(c, "bytes", c.text() + " is out of range (at least 1B)");
        }
        return bytes;
    }

    private long duration(Cell c) {
        if (c.text().isEmpty()) {
            return 0;
        }
        long nanos = nanos(c, "duration");
        if (nanos < 1 || nanos > ScenarioParser.MAX_RUN_NANOS) {
            throw error(c, "duration", c.text() + " is out of range (1ns to 365d)");
        }
        return nanos;
    }

    private long nanos(Cell c, String column) {
        try {
            return Units.nanos(c.text());
        } catch (IllegalArgumentException e) {
            throw error(c, column, e.getMessage());
        }
    }

    private InputException error(Cell c, String column, String message) {
        return new InputException(name + ":" + line + ":" + c.column() + ": " + (column.isEmpty() ? "" : column
                + ": ") + message);
    }

    /** The comma-separated cells of a line, stripped, with the column of each one's first character. */
    private static List<Cell> cells(String text) {
        List<Cell> cells = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = text.indexOf(',', start);
            String raw = end < 0 ? text.substring(start) : text.substring(start, end);
            int lead = raw.length() - raw.stripLeading().length();
            cells.add(new Cell(start + lead + 1, raw.strip()));
            if (end < 0) {
                return cells;
            }
            start = end + 1;
        }
    }

    /** One cell: its 1-based column in the line and its text. */
    private record Cell(int column, String text) {
    }
}
