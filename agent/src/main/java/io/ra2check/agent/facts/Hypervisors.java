package io.ra2check.agent.facts;

import java.util.List;
import java.util.Locale;

/**
 * The hypervisors that firmware identity strings name, as systemd-detect-virt's DMI table has them: the system vendor,
 * product name and version, board vendor and name, and BIOS vendor of a guest carry the hypervisor's name (VMware,
 * QEMU, KVM, Xen, VirtualBox, Parallels, Bochs, BHYVE, Hyper-V, Amazon EC2, Google Compute Engine, OpenStack Nova,
 * KubeVirt, Apple Virtualization). Physical servers' strings name none of these (an EC2 ".metal" instance excepted).
 */
public final class Hypervisors {
    private Hypervisors() {
    }

    /** One identity string and where it was read ("/sys/class/dmi/id/sys_vendor", "SMBIOS type 1 manufacturer"). */
    public record Identity(String source, String value) {
    }

    /** The hypervisor an identity names, and the identity that named it. */
    public record Named(String hypervisor, Identity by) {
        public String describe() {
            return by.source() + " '" + by.value() + "' names " + hypervisor;
        }
    }

    /** Prefixes of identity strings, compared without case, and the hypervisor each names. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"kvm", "KVM"},
            new String[] {"openstack", "OpenStack (KVM)"},
            new String[] {"kubevirt", "KubeVirt (KVM)"},
            new String[] {"amazon ec2", "Amazon EC2"},
            new String[] {"qemu", "QEMU"},
            new String[] {"vmware", "VMware"},
            new String[] {"vmw", "VMware"},
            new String[] {"innotek gmbh", "VirtualBox"},
            new String[] {"virtualbox", "VirtualBox"},
            new String[] {"xen", "Xen"},
            new String[] {"bochs", "Bochs"},
            new String[] {"parallels", "Parallels"},
            new String[] {"bhyve", "bhyve"},
            new String[] {"hyper-v", "Hyper-V"},
            new String[] {"apple virtualization", "Apple Virtualization"},
            new String[] {"google compute engine", "Google Compute Engine"},
            new String[] {"standard pc (", "QEMU"});

    /**
     * The first identity that names a hypervisor, or null when none does. Microsoft's "Virtual Machine" product (Hyper-V
     * and Azure) is recognised with its vendor; an EC2 product name ending in ".metal" is a bare-metal instance.
     */
    public static Named named(List<Identity> identities) {
        String vendor = null;
        Identity productIdentity = null;
        for (Identity i : identities) {
            String s = i.source().toLowerCase(Locale.ROOT);
            if (i.value() == null) {
                continue;
            }
            if (s.endsWith("sys_vendor") || s.endsWith("type 1 manufacturer")) {
                vendor = vendor == null ? i.value() : vendor;
            } else if ((s.endsWith("product_name") || s.endsWith("type 1 product")) && productIdentity == null) {
                productIdentity = i;
            }
        }
        String product = productIdentity == null ? null : productIdentity.value();
        boolean ec2Metal = product != null && product.toLowerCase(Locale.ROOT).endsWith(".metal");
        for (Identity i : identities) {
            if (i.value() == null) {
                continue;
            }
            String v = i.value().trim().toLowerCase(Locale.ROOT);
            for (String[] p : PREFIXES) {
                if (startsWithWord(v, p[0]) && !(p[1].equals("Amazon EC2") && ec2Metal)) {
                    return new Named(p[1], i);
                }
            }
        }
        if (vendor != null && product != null && vendor.toLowerCase(Locale.ROOT).startsWith("microsoft")
                && product.trim().equalsIgnoreCase("virtual machine")) {
            return new Named("Hyper-V", productIdentity);
        }
        return null;
    }

    /** {@code text} starts with {@code prefix} as a whole word: "Xen" names Xen, "Xenon Systems" does not. */
    private static boolean startsWithWord(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            return false;
        }
        if (text.length() == prefix.length() || !Character.isLetter(prefix.charAt(prefix.length() - 1))) {
            return true;
        }
        return !Character.isLetter(text.charAt(prefix.length()));
    }
}
