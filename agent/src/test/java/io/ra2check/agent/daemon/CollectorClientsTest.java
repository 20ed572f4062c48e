package io.ra2check.agent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector CA file is read again when it changes (docs/deploy.md); a broken replacement keeps the old trust. */
class CollectorClientsTest {
    @TempDir
    Path dir;

    /** A self-signed CA certificate in PEM, made by the JDK's keytool. */
    private Path ca(String name) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "bc:c",
                "-validity", "2", "-keystore", ks.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return pem;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    /** Whether a TLS handshake with a loopback server presenting {@code name}'s key pair succeeds. */
    private boolean handshakes(HttpClient client, String name) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext server = javax.net.ssl.SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        try (javax.net.ssl.SSLServerSocket ss = (javax.net.ssl.SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ss.accept()) {
                    s.setSoTimeout(3000);
                    s.startHandshake();
                } catch (java.io.IOException e) {
                    // the client refused us
                }
            });
            t.start();
            try (javax.net.ssl.SSLSocket c = (javax.net.ssl.SSLSocket) client.sslContext().getSocketFactory()
                    .createSocket(java.net.InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                c.setSoTimeout(3000);
                c.startHandshake();
                return true;
            } catch (javax.net.ssl.SSLException e) {
                return false;
            } finally {
                t.join(5000);
            }
        }
    }

    @Test
    void aReplacedCaFileIsTrustedFromTheNextPost() throws Exception {
        Path first = ca("first");
        Path second = ca("second");
        Path file = dir.resolve("ca.pem");
        Files.copy(first, file);
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        CollectorClients clients = new CollectorClients(file, Duration.ofSeconds(1),
                JsonLog.to(logs));
        HttpClient before = clients.get();
        assertSame(before, clients.get(), "unchanged file: the same client");
        assertTrue(handshakes(before, "first"));
        assertFalse(handshakes(before, "second"));

        Files.copy(second, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HttpClient after = clients.get();
        assertNotSame(before, after, "a new client for the new file");
        assertTrue(handshakes(after, "second"));
        assertFalse(handshakes(after, "first"));
        assertTrue(logs.toString().contains("collector CA file changed"), logs.toString());

        // a broken replacement: the last good client stays, and the problem is logged once
        Files.writeString(file, "not a certificate\n");
        assertSame(after, clients.get());
        assertSame(after, clients.get());
        assertEquals(1, logs.toString().split("collector CA file unusable", -1).length - 1, logs.toString());
    }

    @Test
    void aFileWithoutCertificatesIsRefusedWithItsName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CollectorClients(empty, Duration.ofSeconds(1),
                        JsonLog.to(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CollectorClients.read(dir.resolve("missing.pem")));
    }
}
