package org.contigsim.workload;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The background workloads from their spec, the String form that travels to the hosts
 * ({@link Background#spec()}): a {@link Preset}'s name or a background block's text.
 */
public final class Workloads {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int RECENT_MAX = 16;
    /** Specs read lately, least recently used first. */
    private static final Map<String, Background> RECENT = new LinkedHashMap<>(32, 0.75f, true);

    private Workloads() {
    }

    /** The preset called {@code name}; IllegalArgumentException naming the known ones otherwise. */
    public static Background preset(String name) {
        return Preset.named(name).orElseThrow(() -> new IllegalArgumentException("unknown workload '" + name
                + "' (known: " + String.join(", ", Preset.names()) + ")")).background();
    }

    /**
     * The background a spec describes; see {@link #background}. Backgrounds are immutable, so the
     * last few specs read are kept: the hosts of a run share one spec, and reading it costs a few
     * hundred microseconds, which a hundred thousand hosts would notice.
     */
    public static MemoryWorkload fromSpec(String spec) {
        synchronized (RECENT) {
            Background b = RECENT.get(spec);
            if (b != null) {
                return b;
            }
        }
        Background b = background(spec);
        synchronized (RECENT) {
            RECENT.put(spec, b);
            if (RECENT.size() > RECENT_MAX) {
                RECENT.remove(RECENT.keySet().iterator().next());
            }
        }
        return b;
    }

    /**
     * The background of {@code spec}: a preset's name, or the HOCON text of a background block
     * (what {@link Background#spec()} writes; keys left out take their defaults, a trace must be
     * an absolute path with its {@code trace-sha256}). IllegalArgumentException saying what is
     * wrong, including a trace file whose content no longer has the spec's hash.
     */
    public static Background background(String spec) {
        String s = spec.strip();
        if (WORD.matcher(s).matches()) {
            return preset(s);
        }
        ConfigObject root;
        try {
            root = ConfigFactory.parseString(s, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false)).resolve(ConfigResolveOptions.noSystem()).root();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("background spec: " + e.getMessage(), e);
        }
        return Background.read(new ConfigParams(root, ""));
    }
}
