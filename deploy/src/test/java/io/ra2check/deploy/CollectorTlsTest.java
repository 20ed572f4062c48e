package io.ra2check.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated TLS material (collector.tls.mode generate): a certificate for the name the agents call, signed by
 * the CA the agents are given, with the key beside it; and kept, not regenerated, when an upgrade finds it.
 */
class CollectorTlsTest {
    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void theCertificateNamesTheServiceTheAgentsCallAndTheirCaSignedIt() throws Exception {
        Chart.Rendered r = Chart.objects(Chart.render());
        JsonNode data = r.node("Secret", "ra2check-collector-tls").path("data");
        assertEquals("kubernetes.io/tls", r.node("Secret", "ra2check-collector-tls").path("type").asText());
        X509Certificate cert = certificate(data.path("tls.crt").asText());
        X509Certificate ca = certificate(data.path("ca.crt").asText());

        cert.verify(ca.getPublicKey());
        cert.checkValidity();
        assertTrue(ca.getBasicConstraints() >= 0, "ca.crt is a CA");
        List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        String agentUrl = Trees.texts(r.node("DaemonSet", "ra2check-agent").at("/spec/template/spec/containers/0/args"))
                .get(5);
        String host = agentUrl.substring("https://".length(), agentUrl.lastIndexOf(':'));
        assertTrue(names.contains(host), names + " lacks " + host);
        assertTrue(names.contains("ra2check-collector.ra2check.svc.cluster.local"), names.toString());

        // the key in the Secret is the certificate's: what it signs, the certificate's public key verifies
        PrivateKey key = rsaKey(data.path("tls.key").asText());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update("report".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update("report".getBytes());
        assertTrue(verifier.verify(signature));
    }

    @Test
    void anUpgradeKeepsTheSecretTheClusterAlreadyHas() {
        ObjectNode existing = (ObjectNode) Trees.yaml("""
                apiVersion: v1
                kind: Secret
                type: kubernetes.io/tls
                metadata: {name: ra2check-collector-tls, namespace: ra2check}
                data: {tls.crt: Y2VydA==, tls.key: a2V5, ca.crt: Y2E=}
                """);
        api.addSecret(existing);
        JsonNode data = Chart.objects(Chart.render()).node("Secret", "ra2check-collector-tls").path("data");
        assertEquals(existing.path("data"), data, "the agents' trust survives helm upgrade");
        assertEquals(List.of("GET /api/v1", "GET /api/v1/namespaces/ra2check/secrets/ra2check-collector-tls"),
                api.requests());
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        byte[] pem = Base64.getDecoder().decode(base64Pem);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }

    /** Helm writes PKCS#1 ("RSA PRIVATE KEY"); the JDK reads PKCS#8, so the DER sequence is taken apart here. */
    private static PrivateKey rsaKey(String base64Pem) throws Exception {
        String pem = new String(Base64.getDecoder().decode(base64Pem));
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Der d = new Der(der);
        d.expect(0x30);
        d.length();
        d.integer(); // version
        java.math.BigInteger n = d.integer();
        java.math.BigInteger e = d.integer();
        java.math.BigInteger dd = d.integer();
        java.math.BigInteger p = d.integer();
        java.math.BigInteger q = d.integer();
        java.math.BigInteger dp = d.integer();
        java.math.BigInteger dq = d.integer();
        java.math.BigInteger qi = d.integer();
        assertArrayEquals(n.toByteArray(), p.multiply(q).toByteArray(), "a consistent RSA key");
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, dd, p, q, dp, dq, qi));
    }

    /** Just enough DER to read a PKCS#1 RSAPrivateKey: a SEQUENCE of INTEGERs. */
    private static final class Der {
        private final byte[] b;
        private int i;

        Der(byte[] b) {
            this.b = b;
        }

        void expect(int tag) {
            assertEquals(tag, b[i++] & 0xff, "DER tag");
        }

        int length() {
            int first = b[i++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int len = 0;
            for (int k = 0; k < (first & 0x7f); k++) {
                len = (len << 8) | (b[i++] & 0xff);
            }
            return len;
        }

        java.math.BigInteger integer() {
            expect(0x02);
            int len = length();
            byte[] v = java.util.Arrays.copyOfRange(b, i, i + len);
            i += len;
            return new java.math.BigInteger(v);
        }
    }
}
