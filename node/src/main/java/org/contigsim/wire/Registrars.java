package org.contigsim.wire;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Instantiates the registrars named in {@code contigsim.wire.registrars}. */
final class Registrars {

    /** A registrar with the config key it was found under, so errors can say where a class came from. */
    record Named(String name, WireRegistrar registrar) {
    }

    private Registrars() {
    }

    /**
     * Returns the registrars in sorted key order, so every JVM applies them in the same order. A
     * null value switches a registrar off (an application.conf can drop one from a reference.conf).
     */
    static List<Named> load(Config registrars, ClassLoader loader) {
        List<Named> out = new ArrayList<>();
        for (var e : new TreeMap<>(registrars.root()).entrySet()) {
            ConfigValue value = e.getValue();
            if (value.valueType() == ConfigValueType.NULL) {
                continue;
            }
            if (value.valueType() != ConfigValueType.STRING) {
                throw new WireFormatException(where(e.getKey()) + " must be a class name, got " + value.render());
            }
            out.add(new Named(e.getKey(), instantiate(e.getKey(), (String) value.unwrapped(), loader)));
        }
        return out;
    }

    private static WireRegistrar instantiate(String key, String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new WireFormatException(where(key) + ": cannot load class " + className, e);
        }
        if (!WireRegistrar.class.isAssignableFrom(type)) {
            throw new WireFormatException(where(key) + ": " + className + " does not implement " + WireRegistrar.class.getName());
        }
        try {
            return type.asSubclass(WireRegistrar.class).getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new WireFormatException(where(key) + ": " + className + " needs a public no-arg constructor", e);
        } catch (InstantiationException | InvocationTargetException e) {
            throw new WireFormatException(where(key) + ": cannot instantiate " + className, e);
        }
    }

    private static String where(String key) {
        return "contigsim.wire.registrars." + key;
    }
}
