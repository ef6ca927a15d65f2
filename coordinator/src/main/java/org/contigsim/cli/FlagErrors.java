package org.contigsim.cli;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Picocli's complaints about the command line in contigsim's style, {@code --flag: what is wrong},
 * as every other bad flag value is reported: an unknown option, an option without its value, a
 * required option left out, a number that is not one or does not fit. Anything else keeps
 * picocli's own words.
 */
final class FlagErrors {
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");

    private FlagErrors() {
    }

    /** The one-line message for {@code ex}, raised while parsing {@code args}. */
    static String message(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String help = cl == null ? "see 'contigsim --help'"
                : "see '" + cl.getCommandSpec().qualifiedName() + " --help'";
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-") && first.length() > 1) {
                int eq = first.indexOf('=');
                return (eq > 0 ? first.substring(0, eq) : first) + ": unknown option (" + help + ")";
            }
            boolean commands = cl != null && !cl.getSubcommands().isEmpty() && cl.getParent() == null;
            return "'" + first + "': " + (commands ? "unknown command" : "unexpected argument") + " (" + help + ")";
        }
        if (ex instanceof MissingParameterException m && m.getMissing() != null && m.getMissing().size() == 1) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                return o.longestName() + (given(o, args) ? ": missing value (" + o.paramLabel() + ")"
                        : ": required (" + help + ")");
            }
            return missing.paramLabel() + ": missing (" + help + ")";
        }
        if (ex.getArgSpec() instanceof OptionSpec o && ex.getValue() != null
                && ex.getMessage() != null && ex.getMessage().startsWith("Invalid value for option")) {
            return o.longestName() + ": " + conversion(o.type(), ex.getValue(), ex.getMessage());
        }
        return ex.getMessage();
    }

    /** What is wrong with a value picocli could not convert to the option's type. */
    private static String conversion(Class<?> type, String value, String picocli) {
        long min;
        long max;
        if (type == int.class || type == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (type == long.class || type == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (type == double.class || type == Double.class) {
            return "expected a number, found '" + value + "'";
        } else {
            int colon = picocli.indexOf("': ");
            return colon < 0 ? picocli : picocli.substring(colon + 3);
        }
        if (WHOLE.matcher(value.strip()).matches()) {
            return value.strip() + " is out of range (" + min + " to " + max + ")";
        }
        return "expected a whole number, found '" + value + "'";
    }

    /** Whether the option itself is on the command line (so it is its value that is missing). */
    private static boolean given(OptionSpec o, String[] args) {
        List<String> names = List.of(o.names());
        for (String a : args) {
            int eq = a.indexOf('=');
            if (names.contains(eq > 0 ? a.substring(0, eq) : a)) {
                return true;
            }
        }
        return false;
    }
}
