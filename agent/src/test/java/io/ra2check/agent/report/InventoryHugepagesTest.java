package io.ra2check.agent.report;

import io.ra2check.agent.testing.HostTree;
import io.ra2check.report.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's huge pages per size and NUMA node, and the kernel's preemption model, as NFD consumers get them. */
class InventoryHugepagesTest {
    @TempDir
    Path dir;

    @Test
    void pagesPerSizeThenPerNumaNodeAsTheKernelCountsThem() {
        HostTree tree = HostTree.compliant(dir);
        tree.write("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages", "1000\n");
        Inventory inv = InventoryBuilder.of(tree.facts());
        assertTrue(inv.hugepages().contains(new Inventory.Hugepages(2048, null, 1024L, 1024L)), inv.hugepages()
                .toString());
        assertTrue(inv.hugepages().contains(new Inventory.Hugepages(2048, 0, 1024L, 1000L)), inv.hugepages()
                .toString());
        assertTrue(inv.hugepages().contains(new Inventory.Hugepages(1048576, null, 8L, 8L)), inv.hugepages()
                .toString());
    }

    @Test
    void unreadPoolsAreNullNotAnEmptyList() {
        HostTree tree = HostTree.compliant(dir);
        tree.delete("/sys/kernel/mm/hugepages").delete("/sys/devices/system/node/node0/hugepages")
                .delete("/ra2check-snapshot.json");
        List<Inventory.Hugepages> pages = InventoryBuilder.of(tree.facts()).hugepages();
        assertTrue(pages == null || pages.stream().allMatch(p -> p.numaNode() == null),
                "nothing per node is made up: " + pages);
    }

    @Test
    void aRealTimeKernelIsSaid() {
        HostTree tree = HostTree.compliant(dir);
        tree.write("/sys/kernel/realtime", "1\n");
        assertEquals(Boolean.TRUE, InventoryBuilder.of(tree.facts()).realtimeKernel());
        HostTree plain = HostTree.compliant(dir.resolve("plain"));
        Boolean rt = InventoryBuilder.of(plain.facts()).realtimeKernel();
        assertTrue(rt == null || !rt, "a generic kernel is not real-time: " + rt);
    }

    @Test
    void olderReportsWithoutTheFieldsStillConstruct() {
        Inventory inv = Inventory.empty();
        assertNull(inv.hugepages());
        assertNull(inv.realtimeKernel());
    }
}
