package org.contigsim.workload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contigsim.base.Units;

/** The text forms of {@link Distribution}s: parsing, with messages that say what is wrong. */
final class DistributionText {
    static final String FORMS = "a size, fixed(SIZE), uniform(MIN, MAX), exponential(MEAN) or lognormal(MEDIAN, SIGMA)";
    private static final Pattern CALL = Pattern.compile("([a-z]+)\\s*\\((.*)\\)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private DistributionText() {
    }

    static Distribution parse(String text, long minBytes, long maxBytes) {
        String t = text == null ? "" : text.strip();
        Matcher m = CALL.matcher(t);
        if (!m.matches()) {
            return new Distribution.Fixed(size(t, t, minBytes, maxBytes));
        }
        String[] args = m.group(2).split(",", -1);
        switch (m.group(1)) {
            case "fixed":
                arity(t, args, 1, "fixed(SIZE)");
                return new Distribution.Fixed(size(t, args[0], minBytes, maxBytes));
            case "uniform": {
                arity(t, args, 2, "uniform(MIN, MAX)");
                long lo = size(t, args[0], minBytes, maxBytes);
                long hi = size(t, args[1], minBytes, maxBytes);
                if (hi < lo) {
                    throw new IllegalArgumentException("'" + t + "': the maximum is below the minimum");
                }
                return new Distribution.Uniform(lo, hi);
            }
            case "exponential":
                arity(t, args, 1, "exponential(MEAN)");
                return new Distribution.Exponential(size(t, args[0], Math.max(1, minBytes), maxBytes));
            case "lognormal": {
                arity(t, args, 2, "lognormal(MEDIAN, SIGMA)");
                long median = size(t, args[0], Math.max(1, minBytes), maxBytes);
                return new Distribution.LogNormal(median, sigma(t, args[1]));
            }
            default:
                throw new IllegalArgumentException("'" + t + "': unknown distribution '" + m.group(1) + "' (expected "
                        + FORMS + ")");
        }
    }

    private static void arity(String text, String[] args, int n, String form) {
        if (args.length != n) {
            throw new IllegalArgumentException("'" + text + "': expected " + form);
        }
    }

    private static long size(String text, String arg, long min, long max) {
        String a = arg.strip();
        long bytes;
        try {
            bytes = Units.bytes(a);
        } catch (IllegalArgumentException e) {
            // a bare word is most likely a misspelt distribution: list the forms
            throw new IllegalArgumentException(text.equals(a) ? e.getMessage().replace("(examples:", "(expected "
                    + FORMS + "; examples:") : "'" + text + "': " + e.getMessage());
        }
        if (bytes < min || bytes > max) {
            throw new IllegalArgumentException((text.equals(a) ? "" : "'" + text + "': ") + Units.format(bytes)
                    + " is out of range (" + Units.format(min) + " to " + Units.format(max) + ")");
        }
        return bytes;
    }

    private static double sigma(String text, String arg) {
        String a = arg.strip();
        if (!NUMBER.matcher(a).matches()) {
            throw new IllegalArgumentException("'" + text + "': sigma '" + a + "' is not a number");
        }
        double s = Double.parseDouble(a);
        if (s > Distribution.MAX_SIGMA) {
            throw new IllegalArgumentException("'" + text + "': sigma " + a + " is out of range (0 to "
                    + Numbers.plain(Distribution.MAX_SIGMA) + ")");
        }
        return s;
    }
}
