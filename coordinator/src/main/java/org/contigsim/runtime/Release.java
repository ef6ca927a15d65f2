package org.contigsim.runtime;

/** What every run and every line the tool writes about itself carries. */
public final class Release {
    /** The version results and {@code --version} report. */
    public static final String VERSION = "contigsim 0.1.0-SNAPSHOT";
    /** How each line of an error or warning on standard error begins. */
    public static final String PREFIX = "contigsim: ";

    private Release() {
    }
}
