package io.ra2check.collector.check;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeVersionAndFingerprintsTest {
    @Test
    void parsesKubernetesReleases() {
        assertEquals(new KubeVersion(1, 30), KubeVersion.parse("v1.30.2").orElseThrow());
        assertEquals(new KubeVersion(1, 29), KubeVersion.parse("v1.29.3-eks-adc7111").orElseThrow());
        assertEquals(new KubeVersion(1, 28), KubeVersion.parse("v1.28.2+k3s1").orElseThrow());
        assertEquals(new KubeVersion(1, 27), KubeVersion.parse("1.27").orElseThrow());
        assertTrue(KubeVersion.parse("latest").isEmpty());
        assertTrue(KubeVersion.parse(null).isEmpty());
    }

    @Test
    void fingerprintsKeepOneShortDigestPerKey() {
        String a = Fingerprints.encode(Map.of("os", "debian 12", "kernel", "6.1.0-18")).orElseThrow();
        String b = Fingerprints.encode(Map.of("kernel", "6.1.0-18", "os", "debian 12")).orElseThrow();
        assertEquals(a, b, "order does not matter");
        assertTrue(a.matches("kernel=[0-9a-f]{8},os=[0-9a-f]{8}"), a);
        assertTrue(Fingerprints.isValid(a));
        String c = Fingerprints.encode(Map.of("os", "debian 12", "kernel", "6.1.0-21")).orElseThrow();
        assertEquals(List.of("kernel"), Fingerprints.differingKeys(a, c));
        String d = Fingerprints.encode(Map.of("os", "debian 12", "kernel", "6.1.0-18", "smt", "on")).orElseThrow();
        assertEquals(List.of("smt"), Fingerprints.differingKeys(a, d));
        assertTrue(Fingerprints.encode(Map.of()).isEmpty());
    }

    @Test
    void oddOrManyKeysFallBackToOneDigest() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("key-number-" + i, "v" + i);
        }
        String whole = Fingerprints.encode(many).orElseThrow();
        assertTrue(whole.matches("\\*=[0-9a-f]{16}"), whole);
        assertTrue(Fingerprints.isValid(whole));
        String odd = Fingerprints.encode(Map.of("a key, with=odd chars", "v")).orElseThrow();
        assertTrue(odd.startsWith("*="), odd);
        assertNotEquals(whole, odd);
        assertEquals(List.of("(the fingerprint as a whole)"), Fingerprints.differingKeys(whole, odd));
    }

    @Test
    void tamperedFingerprintsAreNotValid() {
        assertFalse(Fingerprints.isValid(""));
        assertFalse(Fingerprints.isValid("kernel=XYZ"));
        assertFalse(Fingerprints.isValid("kernel="));
        assertFalse(Fingerprints.isValid("=abc"));
        assertFalse(Fingerprints.isValid("bad key=abc"));
    }
}
