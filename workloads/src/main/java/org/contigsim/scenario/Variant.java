package org.contigsim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * One scenario of a run plan: the base scenario with some keys set to other values (a sweep's
 * combination, or a capacity probe's host count), validated like any scenario.
 *
 * @param settings the keys this variant sets, in the sweep's file order; empty for the base itself
 * @param scenario the resulting, fully validated scenario
 */
public record Variant(List<Setting> settings, Scenario scenario) {

    /**
     * One key set by a variant.
     *
     * @param key the scenario key path, e.g. {@code jobs.policy}
     * @param value the value as written ({@code buddy}, {@code 16}, {@code 2GiB})
     * @param number whether the file wrote it as a number (reports keep numbers numeric)
     */
    public record Setting(String key, String value, boolean number) {
        public Setting {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    public Variant {
        settings = List.copyOf(settings);
        Objects.requireNonNull(scenario, "scenario");
    }

    /**
     * The variant's name and directory: {@code key=value} joined by commas, in file order
     * ({@code jobs.policy=buddy,hosts=16}); empty for the base scenario. Characters that do not
     * belong in a file name become {@code _}.
     */
    public String label() {
        StringBuilder sb = new StringBuilder();
        for (Setting s : settings) {
            sb.append(sb.length() == 0 ? "" : ",").append(safe(s.key())).append('=').append(safe(s.value()));
        }
        return sb.toString();
    }

    static String safe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+');
            sb.append(plain ? c : '_');
        }
        // "." and ".." name other directories
        return sb.toString().matches("\\.*") ? sb.toString().replace('.', '_') : sb.toString();
    }
}
