package org.contigsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS material for tests, made with the JDK's keytool exactly as docs/security.md tells users to:
 * a self-signed key pair in {@code keystore.p12}, its certificate exported and imported into
 * {@code truststore.p12}, the password in {@code password}.
 */
public final class Keytool {
    private Keytool() {
    }

    /**
     * A directory {@code dir} for {@code --tls}: a key pair named {@code name}; the trust store holds its
     * own certificate and those of {@code alsoTrusted} (other such directories).
     */
    public static Path member(Path dir, String name, String password, Path... alsoTrusted) {
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve(ClusterTls.KEY_STORE);
            run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + name, "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", password);
            Path cert = dir.resolve(name + ".crt");
            run("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", cert.toString());
            trust(dir, password, name, cert);
            for (Path other : alsoTrusted) {
                try (var certs = Files.list(other)) {
                    for (Path c : certs.filter(p -> p.toString().endsWith(".crt")).sorted().toList()) {
                        trust(dir, password, "other-" + c.getFileName(), c);
                    }
                }
            }
            Files.writeString(dir.resolve(ClusterTls.PASSWORD), password + "\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void trust(Path dir, String password, String alias, Path cert) {
        run("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", dir.resolve(ClusterTls.TRUST_STORE).toString(), "-storepass", password);
    }

    private static void run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1"); // a short-lived JVM: skip the optimising compiler
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("keytool did not finish: " + cmd);
            }
            assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ":\n" + out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
