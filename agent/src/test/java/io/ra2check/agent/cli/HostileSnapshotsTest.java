package io.ra2check.agent.cli;

import io.ra2check.agent.accept.Rfc4180;
import io.ra2check.agent.testing.HostileArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ra2check.agent.accept.FleetFixtures.archive;
import static io.ra2check.agent.accept.FleetFixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile snapshots of issue 11 (a gzip bomb, a member flood, a link fan-out): {@code check} answers exit 2 with
 * one line in seconds, and {@code accept} marks each DAMAGED and judges the rest of the delivery.
 */
class HostileSnapshotsTest {
    @TempDir
    static Path tmp;
    static Path delivery;

    @BeforeAll
    static void delivery() throws Exception {
        delivery = Files.createDirectories(tmp.resolve("delivery"));
        HostileArchives.zeroFilledMember(delivery.resolve("bomb.tar.gz"), 60);
        HostileArchives.emptyMembers(delivery.resolve("flood.tar.gz"), 199_000);
        HostileArchives.linkFanOut(delivery.resolve("fan.tar.gz"), 20, 4);
        archive(server(tmp.resolve("work/1"), "node-01", "SN-01"), delivery.resolve("node-01.tar.gz"));
    }

    @Test
    void checkAnswersEachWithOneLineAndExitTwo() {
        Map<String, String> expected = Map.of(
                "bomb.tar.gz", "member proc/cpuinfo is 60 MiB, more than the 8 MiB any file a probe reads can be",
                "flood.tar.gz", "archive holds more than 100000 members",
                "fan.tar.gz", "too many levels of symbolic links");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Cli r = Cli.run("check", "--root", delivery.resolve(e.getKey()).toString());
                assertEquals(2, r.exit(), e.getKey() + ": " + r.err());
                assertTrue(r.oneLineError(e.getValue()), e.getKey() + ": " + r.err());
                assertEquals(1, r.err().lines().count(), r.err());
                assertEquals("", r.out());
            }
        });
    }

    @Test
    void acceptMarksEachDamagedAndGoesOn() throws Exception {
        Path csv = tmp.resolve("fleet.csv");
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("accept", "--dir",
                delivery.toString(), "--csv", csv.toString(), "--jobs", "2"));
        assertEquals("", r.err());
        Map<String, String> status = new TreeMap<>();
        for (List<String> row : Rfc4180.parse(Files.readString(csv)).subList(1, 5)) {
            status.put(row.get(1), row.get(0));
        }
        assertEquals(Map.of("bomb", "DAMAGED", "flood", "DAMAGED", "fan", "DAMAGED", "node-01", "MEETS"), status);
    }
}
