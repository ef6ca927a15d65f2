package org.contigsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    static final List<String> KEYS = List.of("buddyinfo", "pagetypeinfo");

    private ImportBlock() {
    }

    /**
     * The dump {@code s} names, its files relative to {@code dir}, checked against {@code host}
     * (memory 0: the size the dump's zones imply); null when the block is empty or left out.
     */
    public static ProcDump read(Section s, Path dir, HostSpec host) {
        s.allowOnly(KEYS);
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
        try {
            HostImport.build(dump.snapshot(), host.memoryBytes(), host.builder(), 1);
        } catch (ProcParseException e) {
            throw buddyField.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw buddyField.error(buddy + ": " + e.getMessage());
        }
        return dump;
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
