package io.ra2check.agent.cli;

import io.ra2check.agent.testing.HostTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a root must look like (issue 11, wrong verdict 2): a snapshot of a root whose /proc could not be read records
 * it as unread, so its check gives UNKNOWN where the directory's check does, never FAIL; a directory with neither
 * proc/ nor sys/ is not a host root; a folder holding rootfs/ is read through it.
 */
class HostRootLayoutTest {
    @TempDir
    Path dir;

    private static final Pattern VERDICT = Pattern.compile("^\\[(PASS|FAIL|WARN|SKIP|UNKNOWN|MANUAL)\\]\\s+(ra2\\.\\S+)",
            Pattern.MULTILINE);

    /** "ra2.ch.001 UNKNOWN" per requirement, from the text output. */
    private static List<String> outcomes(String text) {
        List<String> l = new ArrayList<>();
        Matcher m = VERDICT.matcher(text);
        while (m.find()) {
            // ra2.ch.010 needs statvfs, which only a snapshot records
            if (!m.group(2).equals("ra2.ch.010")) {
                l.add(m.group(2) + " " + m.group(1));
            }
        }
        return l;
    }

    /** A compliant node captured as a plain tree (no manifest), without its /proc, or with an empty one. */
    private Path treeWithout(String name, boolean emptyMountPoint) throws Exception {
        HostTree t = HostTree.compliant(dir.resolve(name));
        t.delete("/ra2check-snapshot.json").delete("/proc");
        if (emptyMountPoint) {
            Files.createDirectories(t.root().resolve("proc"));
        }
        return t.root();
    }

    private void assertSnapshotChecksLikeTheTree(Path tree) {
        Path out = dir.resolve(tree.getFileName() + ".tar.gz");
        Cli s = Cli.run("snapshot", "--root", tree.toString(), "--out", out.toString());
        assertEquals(0, s.exit(), s.err());
        Cli direct = Cli.run("check", "--root", tree.toString(), "--profile", "network-intensive");
        Cli snap = Cli.run("check", "--root", out.toString(), "--profile", "network-intensive");
        List<String> fromTree = outcomes(direct.out());
        assertTrue(fromTree.size() > 20, direct.out());
        assertTrue(fromTree.contains("ra2.ch.001 UNKNOWN") || fromTree.contains("ra2.ch.007 UNKNOWN"), direct.out());
        assertEquals(fromTree, outcomes(snap.out()), snap.out());
        assertFalse(outcomes(snap.out()).contains("ra2.ch.001 FAIL"), snap.out());
        assertFalse(outcomes(snap.out()).contains("ra2.ch.007 FAIL"), snap.out());
    }

    @Test
    void aSnapshotOfARootWithoutProcRecordsItAsUnread() throws Exception {
        assertSnapshotChecksLikeTheTree(treeWithout("no-proc", false));
    }

    @Test
    void aSnapshotOfAHostWhoseProcIsNotMountedRecordsItAsUnread() throws Exception {
        assertSnapshotChecksLikeTheTree(treeWithout("proc-not-mounted", true));
    }

    @Test
    void aRootWithNeitherProcNorSysIsNotAHostRoot() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli c = Cli.run("check", "--root", empty.toString());
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.oneLineError("has neither proc/ nor sys/, so it is not a host root"), c.err());
        Cli s = Cli.run("snapshot", "--root", empty.toString(), "--out", dir.resolve("e.tar.gz").toString());
        assertEquals(2, s.exit(), s.err());
        assertTrue(s.oneLineError("has neither proc/ nor sys/ to read, so it is not a host root"), s.err());
        assertFalse(Files.exists(dir.resolve("e.tar.gz")));
        Files.createDirectories(empty.resolve("etc"));
        Files.writeString(empty.resolve("etc/os-release"), "ID=debian\n");
        assertEquals(2, Cli.run("check", "--root", empty.toString()).exit());
    }

    @Test
    void aFolderHoldingRootfsIsCheckedThroughIt() throws Exception {
        Path caseDir = dir.resolve("case");
        HostTree.compliant(caseDir.resolve("rootfs"));
        Files.writeString(caseDir.resolve("README.txt"), "a captured server\n");
        Cli viaCase = Cli.run("check", "--root", caseDir.toString(), "--profile", "network-intensive");
        Cli viaRootfs = Cli.run("check", "--root", caseDir.resolve("rootfs").toString(), "--profile",
                "network-intensive");
        assertEquals(viaRootfs.exit(), viaCase.exit(), viaCase.err());
        assertEquals(outcomes(viaRootfs.out()), outcomes(viaCase.out()));
        assertTrue(outcomes(viaCase.out()).contains("ra2.ch.008 PASS"), viaCase.out());
    }
}
