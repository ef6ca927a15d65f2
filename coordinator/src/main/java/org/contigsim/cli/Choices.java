package org.contigsim.cli;

import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.runtime.UsageException;
import org.contigsim.workload.Preset;
import picocli.CommandLine.ITypeConverter;

/**
 * Picocli converters for the flags that name one of a closed set: each reads the name once, into
 * its type, and an unknown name is a {@link UsageException} that names the flag and lists the
 * known names from the type. Picocli converts default values too, so a flag's field always holds
 * a valid value.
 */
final class Choices {
    private Choices() {
    }

    /** {@code --kernel 6.1|6.15}. */
    static final class Kernel implements ITypeConverter<KernelVersion> {
        @Override
        public KernelVersion convert(String text) {
            String t = text.strip();
            return KernelVersion.named(t).orElseThrow(() -> new UsageException("--kernel: unknown kernel version '" + t
                    + "' (known: " + String.join(", ", KernelVersion.names()) + ")"));
        }
    }

    /** {@code --workload NAME}: a background preset. */
    static final class Workload implements ITypeConverter<Preset> {
        @Override
        public Preset convert(String text) {
            String t = text.strip();
            return Preset.named(t).orElseThrow(() -> new UsageException("--workload: unknown workload '" + t
                    + "' (known: " + String.join(", ", Preset.names()) + ")"));
        }
    }

    /** {@code --profile NAME}: a shipped NIC profile. */
    static final class Profile implements ITypeConverter<DeviceProfile> {
        @Override
        public DeviceProfile convert(String text) {
            try {
                return DeviceProfile.named(text.strip());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--profile: " + e.getMessage(), e);
            }
        }
    }
}
