package io.ra2check.agent.live;

import io.ra2check.agent.Version;
import io.ra2check.agent.check.CheckOptions;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.host.HostRoot;
import io.ra2check.agent.testing.HostTree;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probes on the machine the tests run on, cross-checked against OSHI's independent reading of it. */
class LiveHostTest {
    @Test
    void cpuAndMemoryAgreeWithOshi() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/cpu")), "not a Linux host");
        HostFacts f = HostTree.scanner(CheckOptions.none()).facts(HostRoot.live(Version.get()));
        var hal = new SystemInfo().getHardware();
        assertEquals(hal.getProcessor().getLogicalProcessorCount(), f.cpu().cpus().get().onlineCount());
        assertEquals(hal.getProcessor().getPhysicalPackageCount(), f.cpu().topology().get().sockets());
        assertEquals(hal.getProcessor().getPhysicalProcessorCount(), f.cpu().topology().get().totalCores());
        assertEquals(hal.getMemory().getTotal(), (long) f.memory().memTotalBytes().get());
        assertTrue(f.os().kernelRelease().get().startsWith(System.getProperty("os.version")));
    }
}
