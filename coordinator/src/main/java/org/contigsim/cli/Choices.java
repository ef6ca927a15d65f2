package org.contigsim.cli;

import org.contigsim.base.Labelled;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.runtime.UsageException;
import org.contigsim.singlehost.ProcFormat;
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

    /** {@code --format FORMAT} of {@code contigsim memory}. */
    static final class MemoryFormat implements ITypeConverter<ProcFormat> {
        @Override
        public ProcFormat convert(String text) {
            ProcFormat[] all = ProcFormat.values();
            return Labelled.find(text.strip(), all).orElseThrow(() -> new UsageException("--format: unknown format '"
                    + text + "' (known: " + String.join(", ", Labelled.labels(all)) + ")"));
        }
    }

    /** {@code --discovery HOW} of node and coordinator. */
    static final class Discovery implements ITypeConverter<Members.Discovery> {
        @Override
        public Members.Discovery convert(String text) {
            Members.Discovery[] all = Members.Discovery.values();
            return Labelled.find(text, all).orElseThrow(() -> new UsageException("--discovery: '" + text
                    + "' is not one of " + String.join(", ", Labelled.labels(all))));
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
