package io.ra2check.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image reference and IP literal parsers behind ra2.app.034 and ra2.app.035. */
class ParsersTest {
    @Test
    void imageReferencesSeparateRegistryPortTagAndDigest() {
        ImageReference r = ImageReference.parse("registry.local:5000/team/app:2.1");
        assertEquals("2.1", r.tag());
        assertNull(r.digest());
        assertTrue(r.pinned());

        ImageReference portOnly = ImageReference.parse("registry.local:5000/team/app");
        assertNull(portOnly.tag());
        assertFalse(portOnly.pinned());

        ImageReference digest = ImageReference.parse("app:latest@sha256:abc");
        assertEquals("sha256:abc", digest.digest());
        assertTrue(digest.pinned(), "a digest pins the image whatever the tag says");

        assertFalse(ImageReference.parse("app:latest").pinned());
        assertFalse(ImageReference.parse("app:").pinned());
    }

    @Test
    void ipv4LiteralsAreFoundVersionsAndWildcardsAreNot() {
        assertEquals(List.of("10.0.0.1"), IpLiterals.find("http://10.0.0.1:8080/x"));
        assertEquals(List.of("192.168.1.0"), IpLiterals.find("--pod-cidr=192.168.1.0/24"));
        assertEquals(List.of(), IpLiterals.find("v1.2.3.4"));
        assertEquals(List.of(), IpLiterals.find("1.2.3.4.5"));
        assertEquals(List.of(), IpLiterals.find("999.1.1.1"));
        assertEquals(List.of(), IpLiterals.find("0.0.0.0:80 127.0.0.1 127.1.2.3"));
    }

    @Test
    void ipv6LiteralsAreFoundTimesPortsAndListenSpecsAreNot() {
        assertEquals(List.of("fd00::1"), IpLiterals.find("[fd00::1]:443"));
        assertEquals(List.of("2001:db8:0:0:0:0:2:1"), IpLiterals.find("2001:db8:0:0:0:0:2:1"));
        assertEquals(List.of("::ffff:10.1.2.3"), IpLiterals.find("::ffff:10.1.2.3").subList(1, 2));
        assertEquals(List.of(), IpLiterals.find("12:30:45"));
        assertEquals(List.of(), IpLiterals.find(":9102"));
        assertEquals(List.of(), IpLiterals.find("[::]:80 [::1]:80"));
        assertEquals(List.of(), IpLiterals.find("a:::b"));
        assertFalse(IpLiterals.isIpv6("1:2:3:4:5:6:7"), "seven groups need a ::");
        assertTrue(IpLiterals.isIpv6("1:2:3:4:5:6:7::"));
        assertFalse(IpLiterals.isIpv6("1::2::3"), "only one ::");
    }
}
