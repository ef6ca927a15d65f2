package org.contigsim.hocon;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Handles {@code include} in scenario files. Typesafe Config's own includer silently skips a file
 * it cannot find, looks names up on the classpath and fetches URLs, so a scenario could quietly
 * mean something else on another machine. Here an include names a file, relative to the file that
 * includes it; a missing one, a classpath resource, a URL or a cycle is an error at the include's
 * line.
 */
final class IncludeGuard implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    /** A URL scheme; two letters at least so that a Windows drive letter stays a file. */
    private static final Pattern URL_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    /** The files being parsed, innermost first: relative includes resolve against the head. */
    private final Deque<Path> reading = new ArrayDeque<>();

    IncludeGuard(Path file) {
        reading.push(file);
    }

    ConfigParseOptions options() {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false).setIncluder(this);
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this; // every kind of include is decided here, never by the default includer
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        if (URL_LIKE.matcher(what).lookingAt()) {
            throw refused(what, "URLs");
        }
        return includeFile(what, Path.of(what));
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        return includeFile(file.getPath(), file.toPath());
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
        throw refused(url.toString(), "URLs");
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw refused(what, "classpath resources");
    }

    private ConfigObject includeFile(String what, Path path) {
        Path target = path.isAbsolute() ? path : reading.peek().resolveSibling(path);
        String problem = HoconReader.unreadable(target);
        if (problem != null) {
            throw at(what).problem("include " + ConfigUtil.quoteString(what) + ": " + problem);
        }
        for (Path open : reading) {
            if (same(open, target)) {
                throw at(what).problem("include " + ConfigUtil.quoteString(what) + ": includes itself");
            }
        }
        reading.push(target);
        try {
            return ConfigFactory.parseFile(target.toFile(), options()).root();
        } finally {
            reading.pop();
        }
    }

    private InputException refused(String what, String kind) {
        return at(what).problem("include " + ConfigUtil.quoteString(what) + ": only files can be included, not " + kind);
    }

    /**
     * The include statement's place. Typesafe Config does not tell an includer where the include
     * is written, so this is the first line of the including file that mentions the name.
     */
    private Location at(String what) {
        Path including = reading.peek();
        int line = 0;
        try {
            List<String> lines = Files.readAllLines(including);
            for (int i = 0; i < lines.size() && line == 0; i++) {
                if (lines.get(i).contains("include") && lines.get(i).contains(what)) {
                    line = i + 1;
                }
            }
        } catch (IOException e) {
            // the file was read a moment ago; without it the message just has no line
        }
        return new Location(including.toString(), line, "");
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
