package org.contigsim.workload;

import java.util.List;

/**
 * Where a background's parameters are read from: a scenario's {@code background} block (with
 * {@code FILE:LINE: key} errors, in the node module) or a background spec ({@link Workloads#fromSpec}).
 * A key that is left out takes the default the caller passes; every value read is checked
 * against its range, so the components only ever see valid parameters.
 */
public interface ParamSource {
    /** Fails on the first key, in the order written, that is not in {@code known}. */
    void allowOnly(List<String> known);

    boolean has(String key);

    /** The nested block {@code key}, which must be an object. */
    ParamSource block(String key);

    /** A number in {@code [min, max]}. */
    double number(String key, double defaultValue, double min, double max);

    /** A whole number in {@code [min, max]}. */
    int whole(String key, int defaultValue, int min, int max);

    /** One of {@code known}; {@code what} names the kind of thing for the error. */
    String choice(String key, String defaultValue, List<String> known, String what);

    /** A size distribution whose sizes lie in {@code [minBytes, maxBytes]} ({@link Distribution#parseSize}). */
    Distribution sizes(String key, Distribution defaultValue, long minBytes, long maxBytes);

    /** A folio mix ({@link FolioMix#parse}). */
    FolioMix folios(String key, FolioMix defaultValue);

    /**
     * The trace named by {@code fileKey}, checked against the SHA-256 in {@code hashKey} when
     * given (a spec always gives it; a scenario may).
     */
    BackgroundTrace trace(String fileKey, String hashKey);

    /** A problem with the values of this block taken together. */
    RuntimeException problem(String message);
}
