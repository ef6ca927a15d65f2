package org.contigsim.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real Linux 6.1 dumps under {@code src/test/resources/proc-samples/}. */
final class Samples {
    static final String BOOT_BUDDYINFO = "linux-6.1-1g-boot.buddyinfo";
    static final String BOOT_PAGETYPEINFO = "linux-6.1-1g-boot.pagetypeinfo";
    static final String ANON_BUDDYINFO = "linux-6.1-1g-anon400.buddyinfo";
    static final String ANON_PAGETYPEINFO = "linux-6.1-1g-anon400.pagetypeinfo";

    private Samples() {
    }

    /** The file's bytes as text: /proc output is ASCII, so ISO-8859-1 maps byte for char. */
    static String text(String name) {
        return resource("/proc-samples/" + name);
    }

    /** Any test resource, by absolute classpath path. */
    static String resource(String path) {
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String name) {
        return text(name).lines().toList();
    }

    static ProcSnapshot buddyinfo(String name) {
        return BuddyInfo.parse(name, lines(name));
    }

    static ProcSnapshot pagetypeinfo(String name) {
        return PageTypeInfo.parse(name, lines(name));
    }
}
