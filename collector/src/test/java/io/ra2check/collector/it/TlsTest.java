package io.ra2check.collector.it;

import io.ra2check.collector.Collector;
import io.ra2check.collector.http.Tls;
import io.ra2check.collector.testing.Fixture;
import io.ra2check.collector.testing.TestReports;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector serving HTTPS from PEM files (--tls-cert-file, --tls-key-file). */
class TlsTest {
    private SelfSignedCertificate deleteOnClose;

    @org.junit.jupiter.api.AfterEach
    void deleteCertificate() {
        if (deleteOnClose != null) {
            deleteOnClose.delete();
        }
    }

    @Test
    void servesHttpsWithTheGivenCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (FileInputStream in = new FileInputStream(cert.certificatePath())) {
            trust.setCertificateEntry("collector", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

        try (Fixture f = new Fixture()) {
            f.cluster.createNode("w1");
            deleteOnClose = cert;
            Collector c = f.startLeader(Fixture.config("tls").withTls(Path.of(cert.certificatePath()),
                    Path.of(cert.privateKeyPath())));
            String base = "https://localhost:" + c.port();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> report = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/w1"))
                    .header("Authorization", "Bearer " + f.cluster.agentToken("w1"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(TestReports.report("w1").json())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode(), report.body());
            // plain HTTP to the HTTPS port gets no answer
            assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + c.port() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void unusableFilesAreRefusedWithOneLine() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        deleteOnClose = cert;
        Path notAKey = Files.createTempFile("not-a-key", ".pem");
        try {
            Files.writeString(notAKey, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tls.context(Path.of(cert.certificatePath()), notAKey));
            assertTrue(e.getMessage().contains("expected one PEM \"PRIVATE KEY\" (PKCS#8) block"), e.getMessage());
            IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
                    () -> Tls.context(notAKey, Path.of(cert.privateKeyPath())));
            assertTrue(noCert.getMessage().endsWith("no PEM CERTIFICATE block"), noCert.getMessage());
        } finally {
            Files.delete(notAKey);
        }
    }
}
