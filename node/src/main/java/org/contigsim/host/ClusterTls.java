package org.contigsim.host;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;

/**
 * The TLS material of a cluster member, read from one directory, and the Pekko layer that turns
 * Artery into {@code tls-tcp} with mutual authentication (contigsim-tls.conf, docs/security.md).
 *
 * <p>The directory holds {@value #KEY_STORE} (this member's private key and certificate),
 * {@value #TRUST_STORE} (the certificates a peer must present) and {@value #PASSWORD} (the one
 * password of both stores and of the key, as keytool makes PKCS12 stores). Only the directory's
 * path travels, on command lines and in manifests; the password is read from the file.
 *
 * <p>Pekko reads the stores only when the first connection is made, so {@link #read} opens both
 * here: bad material is reported before an actor system starts, not as a member that never joins.
 */
public record ClusterTls(Path dir, String password) {
    public static final String KEY_STORE = "keystore.p12";
    public static final String TRUST_STORE = "truststore.p12";
    public static final String PASSWORD = "password";

    /** Bad TLS material; the message names the file and what is wrong with it. */
    public static final class BadMaterial extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadMaterial(String message) {
            super(message);
        }
    }

    /** Never print the password, even by accident. */
    @Override
    public String toString() {
        return "ClusterTls[" + dir + "]";
    }

    public Path keyStore() {
        return dir.resolve(KEY_STORE);
    }

    public Path trustStore() {
        return dir.resolve(TRUST_STORE);
    }

    /**
     * Reads and checks the material in {@code dir}: both stores open with the password, the key
     * store holds a private key that the password recovers, the trust store holds a certificate.
     *
     * @throws BadMaterial naming the file at fault
     */
    public static ClusterTls read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadMaterial(dir + " is not a directory (it must hold " + KEY_STORE + ", " + TRUST_STORE
                    + " and " + PASSWORD + ")");
        }
        String password = password(dir.resolve(PASSWORD));
        checkKeyStore(dir.resolve(KEY_STORE), load(dir.resolve(KEY_STORE), password), password);
        checkTrustStore(dir.resolve(TRUST_STORE), load(dir.resolve(TRUST_STORE), password));
        // absolute, so a member started elsewhere (a child JVM) opens the same files
        return new ClusterTls(dir.toAbsolutePath().normalize(), password);
    }

    /** The layer that makes a member's Artery speak TLS with these stores (goes over the member's config). */
    public Config config() {
        String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
        return ConfigFactory.empty()
                .withValue(engine + "key-store", ConfigValueFactory.fromAnyRef(keyStore().toString()))
                .withValue(engine + "trust-store", ConfigValueFactory.fromAnyRef(trustStore().toString()))
                .withValue(engine + "key-store-password", ConfigValueFactory.fromAnyRef(password))
                .withValue(engine + "key-password", ConfigValueFactory.fromAnyRef(password))
                .withValue(engine + "trust-store-password", ConfigValueFactory.fromAnyRef(password))
                .withFallback(ConfigFactory.parseResources(ClusterTls.class.getClassLoader(), "contigsim-tls.conf"));
    }

    private static String password(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadMaterial(file + " is missing (the stores' password)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadMaterial(file + " cannot be read (" + e.getMessage() + ")");
        }
        // `echo secret > password` leaves a line break that is not part of the password
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty() || password.contains("\n")) {
            throw new BadMaterial(file + " must hold the password on one line");
        }
        return password;
    }

    private static KeyStore load(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new BadMaterial(file + " is missing");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // the type Pekko's ConfigSSLEngineProvider opens it with (PKCS12 on Java 17, which also reads JKS)
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new BadMaterial(file + ": wrong password (" + file.resolveSibling(PASSWORD) + " does not open it)");
            }
            throw new BadMaterial(file + " is not a PKCS12 key store");
        } catch (GeneralSecurityException e) {
            throw new BadMaterial(file + " cannot be opened (" + e.getMessage() + ")");
        }
    }

    private static void checkKeyStore(Path file, KeyStore store, String password) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password.toCharArray()) instanceof PrivateKey) {
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new BadMaterial(file + ": the password does not unlock its private key");
        } catch (GeneralSecurityException e) {
            throw new BadMaterial(file + " cannot be read (" + e.getMessage() + ")");
        }
        throw new BadMaterial(file + " holds no private key (the member's own key and certificate)");
    }

    private static void checkTrustStore(Path file, KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new BadMaterial(file + " cannot be read (" + e.getMessage() + ")");
        }
        throw new BadMaterial(file + " holds no certificate to trust");
    }

    /** {@code member} with Artery over TLS when {@code tls} is given (null: plain tcp). */
    public static Config over(ClusterTls tls, Config member) {
        return tls == null ? member : tls.config().withFallback(member);
    }

    /** What a child member JVM is given so that it speaks TLS with the same material. */
    public static List<String> childArgs(ClusterTls tls) {
        return tls == null ? List.of() : List.of("--tls", tls.dir().toString());
    }
}
