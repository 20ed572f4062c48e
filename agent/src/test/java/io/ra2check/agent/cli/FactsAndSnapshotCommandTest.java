package io.ra2check.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ra2check.agent.testing.HostTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactsAndSnapshotCommandTest {
    @TempDir
    Path dir;

    @Test
    void factsAreJsonWithEveryProbesSection() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host"));
        Cli r = Cli.run("facts", "--root", tree.root().toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode f = JsonMapper.builder().build().readTree(r.out());
        for (String section : new String[] {"cpu", "memory", "hugepages", "smbios", "pci", "network", "disks",
                "filesystem", "os", "kubelet", "probeMicros"}) {
            assertTrue(f.has(section), section);
        }
        assertEquals(2, f.path("cpu").path("topology").path("value").path("coresBySocket").size());
        assertTrue(f.path("cpu").path("smt").path("value").path("active").asBoolean());
        assertFalse(f.has("oshi"), "OSHI only describes the live host");
    }

    @Test
    void unknownFactsCarryTheirReason() throws Exception {
        HostTree tree = HostTree.compliant(dir.resolve("host")).delete("/sys/firmware/dmi/tables");
        Cli r = Cli.run("facts", "--root", tree.root().toString());
        JsonNode table = JsonMapper.builder().build().readTree(r.out()).path("smbios").path("table");
        assertTrue(table.path("unknownReason").asText().contains("/sys/firmware/dmi/tables/DMI"), table.toString());
        assertTrue(table.path("value").isMissingNode());
    }

    @Test
    void snapshotThenCheckFromTheCli() throws Exception {
        Path out = dir.resolve("me.tar.gz");
        Cli s = Cli.run("snapshot", "--out", out.toString());
        assertEquals(0, s.exit(), s.err());
        assertTrue(s.err().contains("serial numbers left out"));
        assertTrue(Files.size(out) > 1000);
        Cli live = Cli.run("check", "--no-color");
        Cli snap = Cli.run("check", "--no-color", "--root", out.toString());
        assertEquals(live.exit(), snap.exit());
        // the same verdict lines; only the header (root, time) differs
        assertEquals(live.out().lines().skip(1).toList(), snap.out().lines().skip(1).toList());
    }

    @Test
    void snapshotRefusesABadDestination() {
        Cli r = Cli.run("snapshot", "--out", dir.resolve("x.zip").toString());
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError("a snapshot is a .tar.gz file"), r.err());
        r = Cli.run("snapshot", "--out", dir.resolve("missing/x.tar.gz").toString());
        assertEquals(2, r.exit());
        assertTrue(r.oneLineError("is not writable"), r.err());
    }
}
