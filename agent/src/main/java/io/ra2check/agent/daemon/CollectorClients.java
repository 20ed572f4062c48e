package io.ra2check.agent.daemon;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The HTTP client for posting to the collector, trusting the CA certificates of a PEM file that may be replaced while
 * the agent runs (a cert-manager renewal, a rotated Secret): before each post the file is read again, and when its
 * content changed a new client trusting the new certificates replaces the old one. A file that became unreadable or
 * holds no certificate keeps the last good client (and says so once in the log) rather than stopping delivery.
 */
public final class CollectorClients implements Supplier<HttpClient> {
    /** Largest CA file read: a bundle of a few hundred certificates. */
    static final int MAX_CA_FILE_BYTES = 1024 * 1024;

    private final Path caFile;
    private final Duration connectTimeout;
    private final JsonLog log;
    private byte[] digest;
    private HttpClient client;
    private String lastProblem;

    /** @param caFile PEM file of CA certificates, or null for the JVM's trust store (then nothing is reloaded) */
    public CollectorClients(Path caFile, Duration connectTimeout, JsonLog log) {
        this.caFile = caFile;
        this.connectTimeout = connectTimeout;
        this.log = log;
        if (caFile == null) {
            client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        } else {
            byte[] pem = read(caFile);
            client = build(trusting(caFile, pem));
            digest = sha256(pem);
        }
    }

    @Override
    public synchronized HttpClient get() {
        if (caFile == null) {
            return client;
        }
        try {
            byte[] pem = read(caFile);
            byte[] d = sha256(pem);
            if (!Arrays.equals(d, digest)) {
                client = build(trusting(caFile, pem));
                digest = d;
                lastProblem = null;
                log.info("collector CA file changed; trusting its certificates from now on", "file", caFile.toString());
            }
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                log.warn("collector CA file unusable; keeping the certificates read before", "error", e.getMessage());
            }
        }
        return client;
    }

    private HttpClient build(SSLContext ssl) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(ssl).build();
    }

    /** IllegalArgumentException with a one-line message when the file cannot be read. */
    static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_CA_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_CA_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** An SSLContext trusting exactly the certificates of the PEM bytes; IllegalArgumentException when there are none. */
    static SSLContext trusting(Path file, byte[] pem) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException(file + ": no certificate in it");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
