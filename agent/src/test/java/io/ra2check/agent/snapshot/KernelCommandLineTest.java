package io.ra2check.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelCommandLineTest {
    private static String redact(String s) {
        return new String(KernelCommandLine.redact(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void keepsWhatTheChecksReadAndTheNamesOfTheRest() {
        assertEquals("BOOT_IMAGE=/vmlinuz-6.1 root=* ro default_hugepagesz=1G hugepagesz=1G hugepages=16 "
                        + "isolcpus=managed_irq,domain,2-31 nohz_full=2-31 intel_iommu=on iommu=pt quiet\n",
                redact("BOOT_IMAGE=/vmlinuz-6.1 root=UUID=3f9c-11aa ro default_hugepagesz=1G hugepagesz=1G "
                        + "hugepages=16 isolcpus=managed_irq,domain,2-31 nohz_full=2-31 intel_iommu=on iommu=pt "
                        + "quiet\n"));
    }

    @Test
    void provisioningUrlsTokensAndCredentialsGo() {
        String cmdline = "ignition.config.url=https://10.0.0.1:22623/config/worker?token=s3cr3t "
                + "coreos.inst.ignition_url=http://user:pass@h/x.ign ip=10.1.2.3::10.1.2.1:255.255.255.0:node7:eth0:none "
                + "rd.iscsi.initiator=iqn.2004-10.com.example:node7 netroot=iscsi:chap:secret@10.0.0.9::3260::iqn.x "
                + "ks=nfs:10.0.0.5:/ks.cfg console=ttyS0,115200 -- --auth-token abc";
        assertEquals("ignition.config.url=* coreos.inst.ignition_url=* ip=* rd.iscsi.initiator=* netroot=* ks=* "
                + "console=ttyS0,115200 -- * *", redact(cmdline));
    }

    @Test
    void aBareWordThatIsNotAFlagGoes() {
        assertEquals("quiet * *", redact("quiet eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2RlIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw "
                + "user:pass"));
        assertEquals("", redact(""));
    }
}
