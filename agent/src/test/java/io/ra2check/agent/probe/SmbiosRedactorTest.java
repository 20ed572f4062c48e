package io.ra2check.agent.probe;

import io.ra2check.agent.facts.SmbiosFacts;
import io.ra2check.agent.testing.SharedHosts;
import io.ra2check.agent.testing.SmbiosBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every SMBIOS type DSP0134 defines with serials, asset tags, UUIDs or addresses, redacted; the layout kept. */
class SmbiosRedactorTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void powerSupplyBatteryOemAndHostInterfaceIdentifiersGo() {
        byte[] psu = new byte[0x16 - 4];
        psu[0x05 - 4] = 1; // location
        psu[0x06 - 4] = 2; // device name
        psu[0x07 - 4] = 3; // manufacturer
        psu[0x08 - 4] = 4; // serial
        psu[0x09 - 4] = 5; // asset tag
        psu[0x0A - 4] = 6; // model part number
        byte[] battery = new byte[0x1A - 4];
        battery[0x07 - 4] = 1; // serial
        battery[0x10 - 4] = 0x34;
        battery[0x11 - 4] = 0x12; // SBDS serial 0x1234
        byte[] hostInterface = new byte[0x20 - 4];
        hostInterface[0x04 - 4] = 0x40; // network host interface
        hostInterface[0x05 - 4] = 7;
        for (int i = 0x06; i < 0x20; i++) {
            hostInterface[i - 4] = (byte) (0xA0 + i); // USB ids, MAC, Redfish UUID and addresses
        }
        byte[] table = new SmbiosBuilder()
                .system("Acme", "Telco-2U", "SYS-SERIAL-1")
                .structure(39, psu, "PSU 1", "PWR SPLY,750W", "DELL", "PSU-SERIAL-PH16", "PSU-ASSET-9", "0Y9VFC")
                .structure(22, battery, "BAT-SERIAL-7")
                .structure(11, new byte[] {2}, "Dell System", "17[B85DD5313CC8D460]")
                .structure(42, hostInterface)
                .end().table();
        byte[] red = SmbiosRedactor.redact(table);
        assertEquals(table.length, red.length);
        String t = text(red);
        for (String gone : new String[] {"SYS-SERIAL-1", "PSU-SERIAL-PH16", "PSU-ASSET-9", "BAT-SERIAL-7",
                "B85DD5313CC8D460", "Dell System"}) {
            assertFalse(t.contains(gone), gone);
        }
        for (String kept : new String[] {"PSU 1", "PWR SPLY,750W", "DELL", "0Y9VFC", "Acme", "Telco-2U"}) {
            assertTrue(t.contains(kept), kept);
        }
        assertFalse(t.contains(new String(new byte[] {(byte) 0xAA, (byte) 0xAB}, StandardCharsets.ISO_8859_1)),
                "host interface data zeroed");
        assertTrue(t.contains("\u0034\u0012") == false, "SBDS serial zeroed");
        // structures still decode, one for one
        assertEquals(SmbiosParser.parse(null, table).structureCount(), SmbiosParser.parse(null, red).structureCount());
        assertEquals(SmbiosBuilder.typesOf(table), SmbiosBuilder.typesOf(red));
    }

    private static final Pattern IDENTIFYING = Pattern.compile(
            "^\\s*(Serial Number|Asset Tag|UUID|String \\d+): (.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern ANY_FIELD = Pattern.compile("^\\s*([A-Za-z][^:\\n]*): (.+?)\\s*$",
            Pattern.MULTILINE);
    private static final Set<String> PLACEHOLDERS = Set.of("Not Specified", "To Be Filled By O.E.M.",
            "To be filled by O.E.M.", "Unknown", "None", "Not Present", "Default string");

    /** Every serial, asset tag and OEM string that dmidecode decodes from the real table is gone after redaction. */
    @ParameterizedTest
    @ValueSource(strings = {"smbios-dell-r630-1of2-sockets-e5-2630v3", "smbios-supermicro-sys1027r-x9drw-2s-e5-2650v2"})
    void realTablesLoseEverySerialDmidecodeShows(String name) throws Exception {
        Path c = SharedHosts.caseDir(name);
        byte[] dmi = Files.readAllBytes(c.resolve("rootfs/sys/firmware/dmi/tables/DMI"));
        String decoded = Files.readString(c.resolve("truth/dmidecode-3.4-from-dump.txt"), StandardCharsets.ISO_8859_1);
        Set<String> identifying = new HashSet<>();
        Matcher m = IDENTIFYING.matcher(decoded);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(2)) && m.group(2).length() >= 4 && !m.group(1).equals("UUID")) {
                identifying.add(m.group(2));
            }
        }
        // a value that is also a model field (a DIMM part number used as its asset tag) may stay where it is that
        Set<String> alsoElsewhere = new HashSet<>();
        Matcher f = ANY_FIELD.matcher(decoded);
        while (f.find()) {
            if (!f.group(1).matches("Serial Number|Asset Tag|UUID|String \\d+")) {
                alsoElsewhere.add(f.group(2));
            }
        }
        identifying.removeAll(alsoElsewhere);
        assertTrue(identifying.size() >= 5, identifying.toString());
        String before = text(dmi);
        String after = text(SmbiosRedactor.redact(dmi));
        for (String v : identifying) {
            if (before.contains(v)) {
                assertFalse(after.contains(v), name + ": " + v + " survived");
            }
        }
        SmbiosFacts.Table t = SmbiosParser.parse(null, SmbiosRedactor.redact(dmi));
        assertEquals(null, t.system().uuid());
    }
}
