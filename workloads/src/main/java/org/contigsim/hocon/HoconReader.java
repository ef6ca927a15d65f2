package org.contigsim.hocon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads one HOCON file into a resolved object, turning every failure into a one-line
 * {@link InputException} that names the file and, when there is one, the line. Substitutions
 * resolve within the file only (never from environment variables or system properties), so a
 * scenario means the same on every machine.
 */
public final class HoconReader {
    private static final String UNRESOLVED = "Could not resolve substitution to a value: ";
    /** How Typesafe Config reports a file that ends inside an object (and inside an include's parentheses). */
    private static final String UNCLOSED = "expecting a close parentheses ')' here, not: end of file";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\??[^}]+\\}");

    private HoconReader() {
    }

    public static ConfigObject read(Path file) {
        String name = file.toString();
        String problem = unreadable(file);
        if (problem != null) {
            throw new InputException(name + ": " + problem);
        }
        IncludeGuard includes = new IncludeGuard(file);
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(), includes.options());
            return parsed.resolve(ConfigResolveOptions.noSystem()).root();
        } catch (ConfigException.UnresolvedSubstitution e) {
            throw new InputException(Location.of(e.origin(), name, "").message(unresolved(withoutOrigin(e))), e);
        } catch (ConfigException e) {
            Location at = Location.of(e.origin(), name, "");
            String message = withoutOrigin(e);
            if (message.equals(UNCLOSED)) {
                int line = unclosedBrace(at.file());
                if (line > 0) {
                    at = new Location(at.file(), line, "");
                    message = "'{' is not closed before the end of the file";
                }
            }
            throw new InputException(at.message("malformed HOCON: " + message), e);
        }
    }

    /** The line of the brace left open in {@code file} (the scenario or an included file), or 0. */
    private static int unclosedBrace(String file) {
        try {
            return UnclosedBrace.line(Files.readString(Path.of(file), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return 0; // read a moment ago; without it the parser's own words stand
        }
    }

    /** A substitution that did not resolve: most likely one meant to come from the environment. */
    private static String unresolved(String message) {
        String detail = message.startsWith(UNRESOLVED) ? message.substring(UNRESOLVED.length()) : message;
        if (REFERENCE.matcher(detail).matches()) {
            return detail + " is not defined in the scenario (substitutions never read environment variables or "
                    + "system properties)";
        }
        return "cannot resolve substitution: " + detail;
    }

    /** Why {@code file} cannot be read, or null when it can. */
    public static String unreadable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        try (InputStream in = Files.newInputStream(file)) {
            return null;
        } catch (IOException e) {
            return describe(e);
        }
    }

    /** An I/O failure as the short phrase that follows the file name. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot read (" + e.getMessage() + ")";
    }

    /** Typesafe Config starts its messages with the origin, which the location already gives. */
    private static String withoutOrigin(ConfigException e) {
        String msg = e.getMessage();
        ConfigOrigin o = e.origin();
        if (o != null && msg.startsWith(o.description() + ": ")) {
            return msg.substring(o.description().length() + 2).strip();
        }
        return msg.strip();
    }
}
