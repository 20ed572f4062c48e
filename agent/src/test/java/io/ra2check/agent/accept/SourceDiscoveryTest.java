package io.ra2check.agent.accept;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryHoldsArchivesTreesAndCaseFoldersAndNothingElse() throws Exception {
        Files.writeString(dir.resolve("b.tar.gz"), "x");
        Files.writeString(dir.resolve("a.tgz"), "x");
        Files.writeString(dir.resolve("c.tar"), "x");
        Files.createDirectories(dir.resolve("tree1/sys"));
        Files.createDirectories(dir.resolve("tree2/proc"));
        Files.createDirectories(dir.resolve("snap"));
        Files.writeString(dir.resolve("snap/ra2check-snapshot.json"), "{}");
        Files.createDirectories(dir.resolve("case/rootfs/sys"));
        Files.writeString(dir.resolve("case/README.txt"), "x");
        Files.createDirectories(dir.resolve("docs/html"));
        Files.writeString(dir.resolve("README.md"), "x");
        Files.writeString(dir.resolve(".hidden.tar.gz"), "x");
        SourceDiscovery.Listing l = SourceDiscovery.inDirectory(dir);
        assertEquals(List.of("a", "b", "c", "case", "snap", "tree1", "tree2"),
                l.servers().stream().map(ServerSource::defaultName).toList());
        ServerSource c = l.servers().get(3);
        assertEquals(dir.resolve("case/rootfs"), c.location());
        assertEquals(dir.resolve("case").toString(), c.label());
        assertEquals(List.of("README.md", "docs"), l.skipped());
    }

    @Test
    void argumentsNameOneServerEach() throws Exception {
        Files.createDirectories(dir.resolve("case/rootfs/proc"));
        ServerSource c = SourceDiscovery.ofArgument(dir.resolve("case").toString());
        assertEquals("case", c.defaultName());
        assertEquals(dir.resolve("case/rootfs"), c.location());
        Files.writeString(dir.resolve("srv1.tar.gz"), "x");
        assertEquals("srv1", SourceDiscovery.ofArgument(dir.resolve("srv1.tar.gz").toString()).defaultName());
        // a directory with nothing of a host in it is still checked as given (and will be reported as not Linux)
        Files.createDirectories(dir.resolve("bare/etc"));
        assertEquals(dir.resolve("bare"), SourceDiscovery.ofArgument(dir.resolve("bare").toString()).location());
    }

    @Test
    void usageMistakesAreOneLine() throws Exception {
        SourceDiscovery.BadSourceException missing = assertThrows(SourceDiscovery.BadSourceException.class,
                () -> SourceDiscovery.ofArgument(dir.resolve("nope").toString()));
        assertTrue(missing.getMessage().endsWith("nope: no such file or directory"), missing.getMessage());
        Files.writeString(dir.resolve("srv1.tar.gz"), "x");
        SourceDiscovery.BadSourceException isDir = assertThrows(SourceDiscovery.BadSourceException.class,
                () -> SourceDiscovery.ofArgument(dir.toString()));
        assertTrue(isDir.getMessage().contains("use --dir"), isDir.getMessage());
        assertThrows(SourceDiscovery.BadSourceException.class,
                () -> SourceDiscovery.inDirectory(dir.resolve("srv1.tar.gz")));
    }

    @Test
    void distinctKeepsTheFirstOfTheSameLocation() {
        ServerSource a = new ServerSource("a", dir.resolve("x.tar.gz"), "x");
        ServerSource b = new ServerSource("b", dir.resolve("./x.tar.gz"), "x");
        ServerSource c = new ServerSource("c", dir.resolve("y.tar.gz"), "y");
        assertEquals(List.of(a, c), SourceDiscovery.distinct(List.of(a, b, c)));
    }
}
