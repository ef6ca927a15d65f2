package org.contigsim.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.contigsim.host.ClusterTls;
import picocli.CommandLine.Option;
import org.contigsim.runtime.UsageException;

/**
 * {@code --tls DIR} of {@code run}, {@code coordinator} and {@code node} (a picocli mixin): Artery
 * over TLS with mutual authentication, the stores and their password read from DIR
 * ({@link ClusterTls}, docs/security.md). A directory rather than three flags (key store, trust
 * store, password) because it is what a Kubernetes Secret mounts as, and because only a path then
 * ever appears on a command line or in a manifest, never the password. Off unless given: local
 * runs on loopback need no certificates.
 */
final class TlsFlag {
    @Option(names = "--tls", paramLabel = "DIR", order = 101,
            description = "Encrypt and authenticate cluster traffic (TLS 1.3, both sides show a certificate): DIR "
                    + "holds " + ClusterTls.KEY_STORE + ", " + ClusterTls.TRUST_STORE + " and " + ClusterTls.PASSWORD
                    + " (docs/security.md). Default: off.")
    Path dir;

    /** The checked material, or null when off. Bad material is bad input, told before anything starts. */
    ClusterTls read() {
        if (dir == null) {
            return null;
        }
        try {
            return ClusterTls.read(dir);
        } catch (ClusterTls.BadMaterial e) {
            throw new UsageException("--tls: " + e.getMessage(), e);
        }
    }
}
