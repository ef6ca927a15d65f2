package org.contigsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.contigsim.hocon.Field;
import org.contigsim.hocon.HoconReader;
import org.contigsim.hocon.Section;
import org.contigsim.machine.HostSpec;
import org.contigsim.procfs.HostImport;
import org.contigsim.procfs.ProcDump;
import org.contigsim.procfs.ProcParseException;

/**
 * Reads an {@code import { buddyinfo, pagetypeinfo }} block: the real {@code /proc} dump a host
 * boots into, for a scenario's host class and for a memory script alike. The files are read when
 * the block is, and checked by booting one host from them, so a dump that does not fit the host
 * fails at the block's key and not in the middle of a run.
 */
public final class ImportBlock {
    private static final String BUDDYINFO = ".buddyinfo";
    private static final String PAGETYPEINFO = ".pagetypeinfo";
    static final List<String> KEYS = List.of("buddyinfo", "pagetypeinfo", "dir");
    /** A script's host is one machine: no fleet. */
    static final List<String> ONE_HOST_KEYS = List.of("buddyinfo", "pagetypeinfo");

    private ImportBlock() {
    }

    /**
     * The dump {@code s} names, its files relative to {@code dir}, checked against {@code host}
     * (memory 0: the size the dump's zones imply); null when the block is empty or left out.
     */
    public static ProcDump read(Section s, Path dir, HostSpec host) {
        s.allowOnly(ONE_HOST_KEYS);
        if (s.keys().isEmpty()) {
            return null;
        }
        Field buddyField = s.required("buddyinfo", "a file name", "the /proc/buddyinfo dump the host boots into");
        Path buddy = relative(dir, buddyField);
        String buddyText = readDump(buddyField, buddy);
        Path types = null;
        String typesText = null;
        if (s.has("pagetypeinfo")) {
            Field typesField = s.field("pagetypeinfo", "a file name", null);
            types = relative(dir, typesField);
            typesText = readDump(typesField, types);
        }
        ProcDump dump = new ProcDump(buddy.toString(), buddyText, types == null ? null : types.toString(), typesText);
        check(dump, buddyField, buddy, host);
        return dump;
    }

    /**
     * The fleet {@code import { dir = DIR }} names: every {@code NAME.buddyinfo} in DIR, in name
     * order, with {@code NAME.pagetypeinfo} when it is there, each checked by booting a host from
     * it; null when the block has no {@code dir}.
     */
    public static HostClass.Fleet readFleet(Section s, Path dir, HostSpec host) {
        s.allowOnly(KEYS);
        if (!s.has("dir")) {
            return null;
        }
        Field dirField = s.field("dir", "a directory name", null);
        for (String other : ONE_HOST_KEYS) {
            if (s.has(other)) {
                throw s.problem(other, "give either dir (a fleet, one host per dump) or buddyinfo, not both");
            }
        }
        Path fleetDir = relative(dir, dirField);
        if (!Files.isDirectory(fleetDir)) {
            throw dirField.error(fleetDir + ": " + (Files.exists(fleetDir) ? "not a directory" : "no such directory"));
        }
        List<Path> buddyFiles;
        try (Stream<Path> files = Files.list(fleetDir)) {
            buddyFiles = files.filter(f -> f.getFileName().toString().endsWith(BUDDYINFO)).sorted().toList();
        } catch (IOException e) {
            throw dirField.error("cannot list " + fleetDir + " (" + e.getMessage() + ")");
        }
        if (buddyFiles.isEmpty()) {
            throw dirField.error(fleetDir + " holds no NAME" + BUDDYINFO + " file");
        }
        List<ProcDump> dumps = new ArrayList<>();
        for (Path buddy : buddyFiles) {
            String stem = buddy.getFileName().toString();
            stem = stem.substring(0, stem.length() - BUDDYINFO.length());
            Path types = buddy.resolveSibling(stem + PAGETYPEINFO);
            ProcDump dump = new ProcDump(buddy.toString(), readDump(dirField, buddy),
                    Files.exists(types) ? types.toString() : null, Files.exists(types) ? readDump(dirField, types) : null);
            check(dump, dirField, buddy, host);
            dumps.add(dump);
        }
        return new HostClass.Fleet(fleetDir.toString(), dumps);
    }

    private static void check(ProcDump dump, Field at, Path buddy, HostSpec host) {
        try {
            HostImport.build(dump.snapshot(), host.memoryBytes(), host.builder(), 1);
        } catch (ProcParseException e) {
            throw at.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw at.error(buddy + ": " + e.getMessage());
        }
    }

    private static Path relative(Path dir, Field f) {
        return dir == null ? Path.of(f.text()) : dir.resolve(f.text()).normalize();
    }

    private static String readDump(Field f, Path p) {
        String problem = HoconReader.unreadable(p);
        if (problem == null) {
            try {
                // byte for character, as contigsim memory reads them: /proc output is ASCII, and a
                // stray byte is then named by the parser at its line instead of failing the decoding
                return Files.readString(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        throw f.error("cannot read " + p + " (" + problem + ")");
    }
}
