package io.ra2check.nativeprobes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Command line for looking at the probes by hand, measuring them, and capturing raw kernel replies for decoder
 * tests. Interfaces default to every entry of /sys/class/net.
 *
 * <pre>
 *   NativeProbeMain [ifname...]                 probe and print the report
 *   NativeProbeMain --baseline [ifname...]      print a report of the same shape without probing: the cold-start
 *                                               baseline, so that the difference to a plain run is the probe alone
 *   NativeProbeMain --warm N [ifname...]        probe N times after 2000 warm-up passes; print timing statistics
 *   NativeProbeMain --raw [ifname...]           print the raw bytes of every kernel reply, as hex
 * </pre>
 */
public final class NativeProbeMain {
    private static final int WARM_UP_PASSES = 2_000;
    private static final String NOT_PROBED = "baseline run: not probed";

    private NativeProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (!arguments.isEmpty() && arguments.get(0).equals("--baseline")) {
            long start = System.nanoTime();
            List<InterfaceReport> notProbed = new ArrayList<>();
            for (String name : interfaces(arguments.subList(1, arguments.size()))) {
                notProbed.add(new InterfaceReport(name, null, null, NOT_PROBED, null, NOT_PROBED, null, NOT_PROBED));
            }
            print(new NativeNetworkReport(notProbed, false, NOT_PROBED, (System.nanoTime() - start) / 1_000), out);
            out.printf("first probe call in this JVM: %.3f ms (baseline: nothing native)%n",
                    (System.nanoTime() - start) / 1_000_000.0);
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("--warm")) {
            int passes = Integer.parseInt(arguments.get(1));
            warm(interfaces(arguments.subList(2, arguments.size())), passes, out);
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("--raw")) {
            raw(interfaces(arguments.subList(1, arguments.size())), out);
            return;
        }
        long start = System.nanoTime();
        NativeNetworkReport report = NativeNetworkProbe.probe(interfaces(arguments));
        long firstCallMicros = (System.nanoTime() - start) / 1_000;
        print(report, out);
        out.printf("first probe call in this JVM: %.3f ms (JNA load, sockets, all kernel calls)%n",
                firstCallMicros / 1000.0);
    }

    private static List<String> interfaces(List<String> given) throws IOException {
        if (!given.isEmpty()) {
            return given;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }

    static void print(NativeNetworkReport report, PrintStream out) {
        out.println("netdev family: " + (report.netdevFamilyAvailable() ? "available"
                : "unavailable: " + report.netdevFamilyUnavailableReason()));
        for (InterfaceReport nic : report.interfaces()) {
            out.println(nic.ifname() + " (ifindex " + nic.ifindex() + ")");
            out.println("  driver:  " + (nic.driverInfo() == null ? "unknown: " + nic.driverInfoUnknownReason()
                    : describe(nic.driverInfo())));
            LinkSettings link = nic.linkSettings();
            out.println("  link:    " + (link == null ? "unknown: " + nic.linkSettingsUnknownReason()
                    : "via " + link.source() + " current=" + speed(link.currentSpeedMbps())
                    + " max-supported=" + speed(link.maxSupportedSpeedMbps()) + " duplex=" + link.duplex()
                    + " port=" + link.port() + " autoneg=" + link.autonegotiation()
                    + "\n           supported=" + link.supportedLinkModes()
                    + "\n           advertised=" + link.advertisedLinkModes()));
            XdpFeatures xdp = nic.xdpFeatures();
            out.println("  xdp:     " + (xdp == null ? "unknown: " + nic.xdpFeaturesUnknownReason()
                    : xdp.features() + " mask=0x" + Long.toHexString(xdp.rawMask()) + " zc-max-segs="
                    + xdp.zcMaxSegs()));
        }
        out.printf("probe pass: %.3f ms%n", report.durationMicros() / 1000.0);
    }

    static String describe(DriverInfo driver) {
        return driver.driver() + " version=" + driver.version() + " firmware=" + driver.firmwareVersion()
                + " bus=" + driver.busInfo();
    }

    private static String speed(Integer mbps) {
        return mbps == null ? "unknown" : mbps + "Mb/s";
    }

    private static void warm(List<String> names, int passes, PrintStream out) {
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            NativeNetworkProbe.probe(names);
        }
        long[] micros = new long[passes];
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            NativeNetworkProbe.probe(names);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        out.printf("interfaces=%s passes=%d (after %d warm-up) min=%.3f ms median=%.3f ms p90=%.3f ms p99=%.3f ms "
                        + "max=%.3f ms%n", names, passes, WARM_UP_PASSES, micros[0] / 1000.0,
                micros[passes / 2] / 1000.0, micros[(int) (passes * 0.9)] / 1000.0,
                micros[(int) (passes * 0.99)] / 1000.0, micros[passes - 1] / 1000.0);
    }

    /** The raw replies, for turning into decoder test vectors. */
    private static void raw(List<String> names, PrintStream out) {
        LibC.load();
        ByteOrder order = ByteOrder.nativeOrder();
        HexFormat hex = HexFormat.of();
        out.println("byte order: " + order);
        try (EthtoolSocket socket = EthtoolSocket.open()) {
            for (String name : names) {
                rawCall(out, hex, name, "SIOCGIFINDEX", () -> socket.interfaceIndexRequest(name));
                rawCall(out, hex, name, "ETHTOOL_GDRVINFO", () -> socket.ethtool(name,
                        EthtoolCodec.command(EthtoolCodec.ETHTOOL_GDRVINFO, EthtoolCodec.DRVINFO_SIZE, order), ""));
                byte[] handshake = rawCall(out, hex, name, "ETHTOOL_GLINKSETTINGS nwords=0", () -> socket.ethtool(name,
                        EthtoolCodec.linkSettingsRequest(0, order), ""));
                if (handshake != null) {
                    int nwords = -handshake[15];
                    if (nwords > 0) {
                        rawCall(out, hex, name, "ETHTOOL_GLINKSETTINGS nwords=" + nwords, () -> socket.ethtool(name,
                                EthtoolCodec.linkSettingsRequest(nwords, order), ""));
                    }
                }
                rawCall(out, hex, name, "ETHTOOL_GSET", () -> socket.ethtool(name,
                        EthtoolCodec.command(EthtoolCodec.ETHTOOL_GSET, EthtoolCodec.LEGACY_SETTINGS_SIZE, order), ""));
            }
        } catch (ErrnoException e) {
            out.println("ethtool socket: " + e.getMessage());
        }
        try (GenericNetlinkSocket socket = GenericNetlinkSocket.open()) {
            rawExchange(socket, out, hex, "CTRL_CMD_GETFAMILY netdev",
                    NetdevCodec.getFamilyRequest(NetdevCodec.NETDEV_FAMILY_NAME, 1, order), 1, false, order);
            rawExchange(socket, out, hex, "CTRL_CMD_GETFAMILY no-such-family",
                    NetdevCodec.getFamilyRequest("no-such-family", 2, order), 2, false, order);
        } catch (ErrnoException | MalformedReplyException e) {
            out.println("netlink: " + e.getMessage());
        }
        try (GenericNetlinkSocket socket = GenericNetlinkSocket.open()) {
            NetlinkReply family = new NetlinkReply(1, false, order);
            socket.send(NetdevCodec.getFamilyRequest(NetdevCodec.NETDEV_FAMILY_NAME, 1, order));
            while (!family.add(ByteBuffer.wrap(socket.receive()).order(order))) {
                // until the family reply is complete
            }
            if (family.errno() == 0) {
                int familyId = NetdevCodec.decodeFamilyId(family.messages(), NetdevCodec.NETDEV_FAMILY_NAME, order);
                rawExchange(socket, out, hex, "NETDEV_CMD_DEV_GET dump (family id " + familyId + ")",
                        NetdevCodec.deviceDumpRequest(familyId, 2, order), 2, true, order);
            }
        } catch (ErrnoException | MalformedReplyException e) {
            out.println("netlink: " + e.getMessage());
        }
    }

    private interface RawCall {
        byte[] call() throws ErrnoException;
    }

    private static byte[] rawCall(PrintStream out, HexFormat hex, String name, String what, RawCall call) {
        try {
            byte[] bytes = call.call();
            out.println(name + " " + what + ": " + hex.formatHex(bytes));
            return bytes;
        } catch (ErrnoException e) {
            out.println(name + " " + what + ": " + Errno.describe(e.errno()));
            return null;
        }
    }

    private static void rawExchange(GenericNetlinkSocket socket, PrintStream out, HexFormat hex, String what,
                                    byte[] request, int seq, boolean dump, ByteOrder order)
            throws ErrnoException, MalformedReplyException {
        out.println(what + " request: " + hex.formatHex(request));
        socket.send(request);
        NetlinkReply reply = new NetlinkReply(seq, dump, order);
        boolean complete = false;
        for (int i = 0; !complete; i++) {
            byte[] datagram = socket.receive();
            out.println(what + " datagram " + i + ": " + hex.formatHex(datagram));
            complete = reply.add(ByteBuffer.wrap(datagram).order(order));
        }
    }
}
