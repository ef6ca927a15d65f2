package org.contigsim.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member of a closed set that scenarios, scripts and flags name by its label ({@code
 * contig-range}, {@code 6.15}, {@code strict}). Files and flags are read into such a type once,
 * at the edge; everything after compares the values, not their names. An error about an unknown
 * name lists {@link #labels} of the set, so the message and the type cannot disagree.
 */
public interface Labelled {
    /** The name files and flags use. */
    String label();

    /** The labels of {@code values}, in their order: what an error lists as the known names. */
    @SafeVarargs
    static <T extends Labelled> List<String> labels(T... values) {
        List<String> out = new ArrayList<>(values.length);
        for (T v : values) {
            out.add(v.label());
        }
        return List.copyOf(out);
    }

    /** The value of {@code values} labelled {@code label}, if there is one. */
    @SafeVarargs
    static <T extends Labelled> Optional<T> find(String label, T... values) {
        for (T v : values) {
            if (v.label().equals(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
