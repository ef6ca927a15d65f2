package org.contigsim.hocon;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the {@code '{'} that a HOCON file leaves open. Typesafe Config reports a file that ends
 * inside an object as "expecting a close parentheses ')'" at the last line, which sends a reader
 * looking for a parenthesis; the brace's own line is the place to fix. A small lexer: quoted and
 * triple-quoted strings, comments and {@code ${...}} substitutions hold no braces.
 */
final class UnclosedBrace {
    private UnclosedBrace() {
    }

    /** The 1-based line of the innermost {@code '{'} still open at the end of {@code text}, or 0 if none is. */
    static int line(String text) {
        Deque<Integer> open = new ArrayDeque<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                line += count(text, i, end);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + (i < n && text.charAt(i) == '"' ? 1 : 0));
            } else if (c == '#' || text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("${", i)) {
                while (i < n && text.charAt(i) != '}' && text.charAt(i) != '\n') {
                    i++;
                }
                i += i < n && text.charAt(i) == '}' ? 1 : 0;
            } else {
                if (c == '{') {
                    open.push(line);
                } else if (c == '}' && !open.isEmpty()) {
                    open.pop();
                }
                i++;
            }
        }
        return open.isEmpty() ? 0 : open.peek();
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
