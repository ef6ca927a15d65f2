package org.contigsim.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random damage to a text file, for fuzz tests of the parsers: lines deleted, duplicated, swapped
 * or replaced by hostile ones, characters flipped, inserted or deleted, numbers replaced by extreme
 * values, the file truncated. Seeded, so a failing mutant is reproduced by its seed alone.
 */
public final class Mutator {
    /** Values that break assumptions: signs, zero, overflow, non-finite numbers, other types, units. */
    static final List<String> EXTREMES = List.of("-1", "0", "-0", "1e308", "-1e308", "1e-308", "9999999999999",
            "99999999999999999999999", "2147483648", "-2147483649", "9223372036854775808", "NaN", "Infinity",
            "-Infinity", "0.5", "-5", "1.5", "0x10", "\"\"", "null", "true", "[]", "{}", "[1, 2]", "4TiB", "5TiB",
            "8191TiB", "1ns", "365d", "366d", "-1s", "0s", "12%", "101%", "${nowhere}", "${?nowhere}", "\"16\"");
    /** Characters that mean something to HOCON, to the /proc parsers, or to a terminal. */
    static final String NOISE = "{}[]()=:,\"'$\\#/\n\t\r .+-eE0123456789%?\u0000\u001b\u007f\u00ff\u2028\ufeff\ud83d";
    /** Whole lines a hostile or careless user might add. */
    static final List<String> LINES = List.of("}", "{", "include \"nowhere.conf\"", "include url(\"http://x/\")",
            "include classpath(\"reference.conf\")", "include \"MUTANT\"", "hosts = -5", "hosts = 0",
            "jobs.buffer = 5TiB", "host.memory = 8TiB", "sweep { hosts = [1, 100000] }", "replicas = 1000",
            "capacity { }", "a.b.c = 1", "x = ${x}", "\"a.b\" = 1", "Node 0, zone   Normal 1 2 3",
            "Node 99999999999, zone Normal 0 0 0 0 0 0 0 0 0 0 0", "Page block order: 99",
            "Pages per block: 0", "Number of blocks type     Unmovable      Movable", "");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final Random rng;

    public Mutator(long seed) {
        this.rng = new Random(seed);
    }

    /** One to three mutations of {@code text}. */
    public String mutate(String text) {
        String s = text;
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            s = once(s);
        }
        return s;
    }

    /**
     * The bytes of a mutant as a file holds them: UTF-8 mostly, one time in five ISO-8859-1, which
     * makes bytes that are not UTF-8 (a lone 0xff, say) out of the characters above 0x7f.
     */
    public byte[] encode(String text) {
        return text.getBytes(rng.nextInt(5) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private String once(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = rng.nextInt(lines.size());
        switch (rng.nextInt(10)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> {
                int other = rng.nextInt(lines.size());
                String a = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, a);
            }
            case 3 -> lines.add(at, pick(LINES));
            case 4 -> {
                return text.isEmpty() ? text : text.substring(0, rng.nextInt(text.length()));
            }
            case 5 -> {
                return edit(text, true);
            }
            case 6 -> {
                return edit(text, false);
            }
            case 7 -> {
                // the value of an assignment replaced by an extreme one
                String line = lines.get(at);
                int eq = line.indexOf('=');
                lines.set(at, eq < 0 ? line + " = " + pick(EXTREMES) : line.substring(0, eq + 1) + " " + pick(EXTREMES));
            }
            default -> {
                return replaceNumber(text);
            }
        }
        return String.join("\n", lines);
    }

    /** A character replaced ({@code replace}) or inserted, or (one time in three) deleted. */
    private String edit(String text, boolean replace) {
        if (text.isEmpty()) {
            return String.valueOf(NOISE.charAt(rng.nextInt(NOISE.length())));
        }
        int at = rng.nextInt(text.length());
        if (rng.nextInt(3) == 0) {
            return text.substring(0, at) + text.substring(at + 1);
        }
        char c = NOISE.charAt(rng.nextInt(NOISE.length()));
        return text.substring(0, at) + c + text.substring(replace ? at + 1 : at);
    }

    /** One of the numbers in the text replaced by an extreme value. */
    private String replaceNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text + pick(EXTREMES);
        }
        int[] span = spans.get(rng.nextInt(spans.size()));
        return text.substring(0, span[0]) + pick(EXTREMES) + text.substring(span[1]);
    }

    private String pick(List<String> from) {
        return from.get(rng.nextInt(from.size()));
    }
}
