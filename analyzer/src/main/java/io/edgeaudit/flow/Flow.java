package io.edgeaudit.flow;

import io.edgeaudit.net.IpAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bidirectional flow in Zeek's words: the originator opened it, the responder answered. Mutable
 * while live (the flow table is its only writer), then handed to a {@link FlowSink} and never
 * changed again.
 */
public final class Flow {
    /** How many packet references a flow keeps as evidence. */
    public static final int MAX_FIRST_PACKETS = 5;

    private final String uid;
    private final int transport;
    private final IpAddress origAddr;
    private final int origPort;
    private final IpAddress respAddr;
    private final int respPort;
    private final int vlanCount;
    private final int outerVlan;
    private final int innerVlan;
    private final String interfaceName;
    private final String direction;
    private final boolean directionInferred;
    private final int split;
    private final int vantage;
    private final Side orig = new Side();
    private final Side resp = new Side();
    private final List<PacketRef> firstPackets = new ArrayList<>(MAX_FIRST_PACKETS);
    private long tsFirst;
    private long tsLast;
    private String history = "";
    private String connState = "OTH";
    private PacketRef icmpRefusal;
    private String icmpRefusalReason;
    private boolean partial;
    private String serverName;

    /**
     * @param uid               stable id within a run, e.g. {@code F12}; deterministic for the same input
     * @param transport         IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...)
     * @param interfaceName     capture interface of the first packet, or null
     * @param direction         the capture's direction flag for the originator's packets ("inbound",
     *                          "outbound", or null when the capture has none)
     * @param directionInferred true when no handshake showed who opened the flow
     * @param split             0 for the first flow of this 5-tuple, n for the n-th after a timeout split
     */
    public Flow(String uid, int transport, IpAddress origAddr, int origPort, IpAddress respAddr, int respPort,
                int vlanCount, int outerVlan, int innerVlan, String interfaceName, String direction,
                boolean directionInferred, int split, long tsFirst) {
        this(uid, transport, origAddr, origPort, respAddr, respPort, vlanCount, outerVlan, innerVlan, interfaceName,
                direction, directionInferred, split, tsFirst, 0);
    }

    /**
     * @param vantage the vantage id the flow table gave the flow's packets ({@link VantageResolver});
     *                0 when every input is one vantage
     */
    public Flow(String uid, int transport, IpAddress origAddr, int origPort, IpAddress respAddr, int respPort,
                int vlanCount, int outerVlan, int innerVlan, String interfaceName, String direction,
                boolean directionInferred, int split, long tsFirst, int vantage) {
        this.vantage = vantage;
        this.uid = uid;
        this.transport = transport;
        this.origAddr = origAddr;
        this.origPort = origPort;
        this.respAddr = respAddr;
        this.respPort = respPort;
        this.vlanCount = vlanCount;
        this.outerVlan = outerVlan;
        this.innerVlan = innerVlan;
        this.interfaceName = interfaceName;
        this.direction = direction;
        this.directionInferred = directionInferred;
        this.split = split;
        this.tsFirst = tsFirst;
        this.tsLast = tsFirst;
    }

    public String uid() {
        return uid;
    }

    public int transport() {
        return transport;
    }

    /** "tcp", "udp", "icmp", "icmp6", or the protocol number as text. */
    public String transportName() {
        return switch (transport) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmp6";
            default -> Integer.toString(transport);
        };
    }

    public IpAddress origAddr() {
        return origAddr;
    }

    public int origPort() {
        return origPort;
    }

    public IpAddress respAddr() {
        return respAddr;
    }

    public int respPort() {
        return respPort;
    }

    public int vlanCount() {
        return vlanCount;
    }

    public int outerVlan() {
        return outerVlan;
    }

    public int innerVlan() {
        return innerVlan;
    }

    /** VLAN ids outermost first, joined by '.', or "" when untagged. */
    public String vlanText() {
        return vlanCount == 0 ? "" : vlanCount == 1 ? Integer.toString(outerVlan) : outerVlan + "." + innerVlan;
    }

    /** Capture interface name of the first packet, or null. */
    public String interfaceName() {
        return interfaceName;
    }

    /** Capture direction flag of the originator's packets, or null. */
    public String direction() {
        return direction;
    }

    public boolean directionInferred() {
        return directionInferred;
    }

    public int split() {
        return split;
    }

    /** The vantage id of the flow's packets (all of them: the vantage is part of the flow key). */
    public int vantage() {
        return vantage;
    }

    public Side orig() {
        return orig;
    }

    public Side resp() {
        return resp;
    }

    public long packets() {
        return orig.packets + resp.packets;
    }

    public long frameBytes() {
        return orig.frameBytes + resp.frameBytes;
    }

    /** Timestamps in nanoseconds since the epoch. */
    public long tsFirst() {
        return tsFirst;
    }

    public long tsLast() {
        return tsLast;
    }

    public void tsLast(long ts) {
        this.tsLast = ts;
    }

    /** Zeek's history string (e.g. "ShADadFf"); empty for non-TCP flows. */
    public String history() {
        return history;
    }

    public void history(String history) {
        this.history = history;
    }

    /** Zeek's conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH). */
    public String connState() {
        return connState;
    }

    public void connState(String connState) {
        this.connState = connState;
    }

    /** The first packets, at most {@link #MAX_FIRST_PACKETS}, in capture order. */
    public List<PacketRef> firstPackets() {
        return Collections.unmodifiableList(firstPackets);
    }

    /** Keeps a packet reference while fewer than {@link #MAX_FIRST_PACKETS} are kept. */
    public void addPacketRef(PacketRef ref) {
        if (firstPackets.size() < MAX_FIRST_PACKETS) {
            firstPackets.add(ref);
        }
    }

    /** True while fewer than {@link #MAX_FIRST_PACKETS} references are kept (so a ref is worth building). */
    public boolean wantsPacketRef() {
        return firstPackets.size() < MAX_FIRST_PACKETS;
    }

    /** The first ICMP error that quoted this flow's packet (evidence it was refused), or null. */
    public PacketRef icmpRefusal() {
        return icmpRefusal;
    }

    /** e.g. "icmp 3/3 port unreachable from 192.0.2.1"; null when none. */
    public String icmpRefusalReason() {
        return icmpRefusalReason;
    }

    public void icmpRefusal(PacketRef ref, String reason) {
        if (this.icmpRefusal == null) {
            this.icmpRefusal = ref;
            this.icmpRefusalReason = reason;
        }
    }

    /**
     * The TLS server name (SNI, RFC 6066) of the client's ClientHello, or null when none was seen.
     * Packet data: at most 256 chars, to be escaped by every writer.
     */
    public String serverName() {
        return serverName;
    }

    public void serverName(String serverName) {
        this.serverName = serverName;
    }

    /** True when the flow's input stopped early (its file was cut or malformed). */
    public boolean partial() {
        return partial;
    }

    public void partial(boolean partial) {
        this.partial = partial;
    }

    @Override
    public String toString() {
        return uid + " " + transportName() + " " + endpoint(origAddr, origPort) + " -> " + endpoint(respAddr, respPort);
    }

    /** "1.2.3.4:80" or "[2001:db8::1]:80". */
    public static String endpoint(IpAddress a, int port) {
        return a.isIpv4() ? a + ":" + port : "[" + a + "]:" + port;
    }
}
