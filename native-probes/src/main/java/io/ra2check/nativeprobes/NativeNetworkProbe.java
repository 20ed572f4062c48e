package io.ra2check.nativeprobes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads, straight from the kernel, what sysfs cannot tell well about network interfaces: driver identity and bus
 * address (ETHTOOL_GDRVINFO), supported/advertised link modes and speeds (ETHTOOL_GLINKSETTINGS, falling back to
 * ETHTOOL_GSET) and XDP features including AF_XDP zero-copy (generic netlink family {@code netdev}, Linux 6.3+).
 *
 * <p>None of these calls needs a privilege or capability. They see the network namespace of the calling process, so
 * the host's interfaces only from a process in the host network namespace (a pod with {@code hostNetwork: true}).
 *
 * <p>{@link #probe} never throws for anything the host can do to it: a missing interface, a driver without the
 * operation, a kernel without the netdev family, a refused call, a malformed reply, or JNA failing to load all come
 * back as unknown facts with a short reason. Each call opens and closes its own two sockets, so calls from several
 * threads do not interfere.
 */
public final class NativeNetworkProbe {
    private static final int FAMILY_SEQ = 1;
    private static final int FIRST_DUMP_SEQ = 2;
    /** A dump interrupted by a device appearing or leaving is repeated; past this many tries the last one is kept. */
    private static final int DUMP_ATTEMPTS = 3;
    /** Bounds one reply's datagrams whatever the kernel sends: far above one per device on a real host. */
    private static final int MAX_DATAGRAMS_PER_REPLY = 4_096;

    static final String NETDEV_FAMILY_MISSING = "netdev generic netlink family not available (kernel < 6.3)";

    private NativeNetworkProbe() {
    }

    /**
     * Probes the given interfaces (names as in /sys/class/net) in this process's network namespace.
     *
     * @param ifnames interface names; a name that is not an interface gives ENODEV facts, not an exception
     * @return one {@link InterfaceReport} per name, in the same order
     * @throws NullPointerException if {@code ifnames} or one of its elements is null
     */
    public static NativeNetworkReport probe(List<String> ifnames) {
        long start = System.nanoTime();
        List<String> names = List.copyOf(ifnames);
        String loadFailure = loadNativeLibrary();
        if (loadFailure != null) {
            List<InterfaceReport> unknown = new ArrayList<>();
            for (String name : names) {
                unknown.add(new InterfaceReport(name, null, null, loadFailure, null, loadFailure, null, loadFailure));
            }
            return new NativeNetworkReport(unknown, false, loadFailure, micros(start));
        }
        ByteOrder order = ByteOrder.nativeOrder();
        List<EthtoolFacts> ethtool = probeEthtool(names, order);
        NetdevDump netdev = probeNetdev(order);

        List<InterfaceReport> interfaces = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            EthtoolFacts facts = ethtool.get(i);
            XdpFeatures xdp = null;
            String xdpReason;
            if (facts.ifindex() == null) {
                xdpReason = facts.ifindexUnknownReason();
            } else if (netdev.unavailableReason() != null) {
                xdpReason = netdev.unavailableReason();
            } else {
                xdp = netdev.byIfindex().get(facts.ifindex());
                xdpReason = xdp != null ? null : "ifindex " + facts.ifindex()
                        + " is not in the netdev family's device dump (device removed during the probe?)";
            }
            interfaces.add(new InterfaceReport(names.get(i), facts.ifindex(),
                    facts.driverInfo(), facts.driverInfoUnknownReason(),
                    facts.linkSettings(), facts.linkSettingsUnknownReason(),
                    xdp, xdpReason));
        }
        return new NativeNetworkReport(interfaces, netdev.unavailableReason() == null, netdev.unavailableReason(),
                micros(start));
    }

    /** Null when JNA and the libc bindings loaded, else the reason every fact is unknown. */
    private static String loadNativeLibrary() {
        try {
            LibC.load();
            return null;
        } catch (LinkageError e) {
            return "native library could not be loaded: " + rootCauseMessage(e);
        }
    }

    private record EthtoolFacts(Integer ifindex, String ifindexUnknownReason,
                                DriverInfo driverInfo, String driverInfoUnknownReason,
                                LinkSettings linkSettings, String linkSettingsUnknownReason) {
        static EthtoolFacts allUnknown(String reason) {
            return new EthtoolFacts(null, reason, null, reason, null, reason);
        }
    }

    private record NetdevDump(Map<Integer, XdpFeatures> byIfindex, String unavailableReason) {
    }

    private static List<EthtoolFacts> probeEthtool(List<String> names, ByteOrder order) {
        List<EthtoolFacts> facts = new ArrayList<>(names.size());
        try (EthtoolSocket socket = EthtoolSocket.open()) {
            for (String name : names) {
                facts.add(probeInterface(socket, name, order));
            }
        } catch (ErrnoException e) {
            String reason = e.getMessage();
            while (facts.size() < names.size()) {
                facts.add(EthtoolFacts.allUnknown(reason));
            }
        }
        return facts;
    }

    private static EthtoolFacts probeInterface(EthtoolSocket socket, String name, ByteOrder order) {
        String invalidName = EthtoolCodec.invalidInterfaceNameReason(name);
        if (invalidName != null) {
            return EthtoolFacts.allUnknown(invalidName);
        }
        Integer ifindex = null;
        String ifindexReason = null;
        try {
            ifindex = EthtoolCodec.decodeIfindex(wrap(socket.interfaceIndexRequest(name), order));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENODEV) {
                // the interface does not exist: every other call would say the same
                return EthtoolFacts.allUnknown(Errno.describe(Errno.ENODEV));
            }
            ifindexReason = Errno.describe(e.errno());
        } catch (MalformedReplyException | RuntimeException e) {
            ifindexReason = unexpected("SIOCGIFINDEX", e);
        }

        DriverInfo driverInfo = null;
        String driverReason = null;
        try {
            byte[] reply = socket.ethtool(name, EthtoolCodec.command(EthtoolCodec.ETHTOOL_GDRVINFO,
                    EthtoolCodec.DRVINFO_SIZE, order), "ETHTOOL_GDRVINFO");
            driverInfo = EthtoolCodec.decodeDriverInfo(wrap(reply, order));
        } catch (ErrnoException e) {
            driverReason = Errno.describeForDriver(e.errno(), "interface " + name);
        } catch (MalformedReplyException | RuntimeException e) {
            driverReason = unexpected("ETHTOOL_GDRVINFO", e);
        }

        String driverOrInterface = driverInfo != null ? "driver " + driverInfo.driver() : "interface " + name;
        LinkSettings linkSettings = null;
        String linkReason = null;
        try {
            linkSettings = linkSettings(socket, name, order);
        } catch (LinkSettingsRefused e) {
            linkReason = e.reason(driverOrInterface);
        } catch (MalformedReplyException | RuntimeException e) {
            linkReason = unexpected("ETHTOOL_GLINKSETTINGS", e);
        }
        return new EthtoolFacts(ifindex, ifindexReason, driverInfo, driverReason, linkSettings, linkReason);
    }

    /** Both link-settings calls were refused; keeps both errnos for the reason. */
    private static final class LinkSettingsRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int linkSettingsErrno;
        private final Integer legacyErrno;

        LinkSettingsRefused(int linkSettingsErrno, Integer legacyErrno) {
            super(null, null, false, false);
            this.linkSettingsErrno = linkSettingsErrno;
            this.legacyErrno = legacyErrno;
        }

        String reason(String driverOrInterface) {
            String linkSettings = Errno.describeForDriver(linkSettingsErrno, driverOrInterface);
            if (legacyErrno == null || legacyErrno == linkSettingsErrno) {
                return linkSettings;
            }
            return "ETHTOOL_GLINKSETTINGS: " + linkSettings + "; ETHTOOL_GSET: "
                    + Errno.describeForDriver(legacyErrno, driverOrInterface);
        }
    }

    /**
     * GLINKSETTINGS with its size handshake: asked with 0 words, the kernel says how many it needs; asked again with
     * that many, it fills the settings. Kernels before 4.6 do not know the command (EOPNOTSUPP); then GSET.
     */
    private static LinkSettings linkSettings(EthtoolSocket socket, String name, ByteOrder order)
            throws LinkSettingsRefused, MalformedReplyException {
        int nwords;
        try {
            byte[] handshake = socket.ethtool(name, EthtoolCodec.linkSettingsRequest(0, order),
                    "ETHTOOL_GLINKSETTINGS");
            nwords = EthtoolCodec.decodeLinkModeWordCount(wrap(handshake, order));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EOPNOTSUPP) {
                throw new LinkSettingsRefused(e.errno(), null);
            }
            try {
                byte[] legacy = socket.ethtool(name, EthtoolCodec.command(EthtoolCodec.ETHTOOL_GSET,
                        EthtoolCodec.LEGACY_SETTINGS_SIZE, order), "ETHTOOL_GSET");
                return EthtoolCodec.decodeLegacySettings(wrap(legacy, order));
            } catch (ErrnoException legacyError) {
                throw new LinkSettingsRefused(e.errno(), legacyError.errno());
            }
        }
        try {
            byte[] reply = socket.ethtool(name, EthtoolCodec.linkSettingsRequest(nwords, order),
                    "ETHTOOL_GLINKSETTINGS");
            return EthtoolCodec.decodeLinkSettings(wrap(reply, order), nwords);
        } catch (ErrnoException e) {
            throw new LinkSettingsRefused(e.errno(), null);
        }
    }

    private static NetdevDump probeNetdev(ByteOrder order) {
        try (GenericNetlinkSocket socket = GenericNetlinkSocket.open()) {
            NetlinkReply family = exchange(socket,
                    NetdevCodec.getFamilyRequest(NetdevCodec.NETDEV_FAMILY_NAME, FAMILY_SEQ, order), FAMILY_SEQ, false,
                    order);
            if (family.errno() == Errno.ENOENT) {
                return new NetdevDump(Map.of(), NETDEV_FAMILY_MISSING);
            }
            if (family.errno() != 0) {
                return new NetdevDump(Map.of(), "nlctrl lookup of the netdev family failed: "
                        + Errno.describe(family.errno()));
            }
            int familyId = NetdevCodec.decodeFamilyId(family.messages(), NetdevCodec.NETDEV_FAMILY_NAME, order);
            NetlinkReply dump = null;
            for (int attempt = 0; attempt < DUMP_ATTEMPTS && (dump == null || dump.interrupted()); attempt++) {
                int seq = FIRST_DUMP_SEQ + attempt;
                dump = exchange(socket, NetdevCodec.deviceDumpRequest(familyId, seq, order), seq, true, order);
            }
            if (dump.errno() != 0) {
                return new NetdevDump(Map.of(), "netdev device dump failed: " + Errno.describe(dump.errno()));
            }
            return new NetdevDump(NetdevCodec.decodeDeviceDump(dump.messages(), familyId, order), null);
        } catch (ErrnoException e) {
            return new NetdevDump(Map.of(), e.getMessage());
        } catch (MalformedReplyException | RuntimeException e) {
            return new NetdevDump(Map.of(), unexpected("netdev generic netlink", e));
        }
    }

    private static NetlinkReply exchange(GenericNetlinkSocket socket, byte[] request, int seq, boolean dump,
                                         ByteOrder order) throws ErrnoException, MalformedReplyException {
        socket.send(request);
        NetlinkReply reply = new NetlinkReply(seq, dump, order);
        for (int datagrams = 0; datagrams < MAX_DATAGRAMS_PER_REPLY; datagrams++) {
            if (reply.add(wrap(socket.receive(), order))) {
                return reply;
            }
        }
        throw new MalformedReplyException("netlink reply still incomplete after " + MAX_DATAGRAMS_PER_REPLY
                + " datagrams");
    }

    private static ByteBuffer wrap(byte[] bytes, ByteOrder order) {
        return ByteBuffer.wrap(bytes).order(order);
    }

    /** Malformed replies carry their own explanation; anything else is a defect here, named as such. */
    private static String unexpected(String call, Exception e) {
        if (e instanceof MalformedReplyException) {
            return call + ": malformed reply: " + e.getMessage();
        }
        return call + ": unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String rootCauseMessage(Throwable error) {
        Throwable deepest = error;
        String message = error.toString();
        int depth = 0;
        while (deepest.getCause() != null && deepest.getCause() != deepest && depth++ < 16) {
            deepest = deepest.getCause();
            if (deepest.getMessage() != null) {
                message = deepest.toString();
            }
        }
        return message;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
