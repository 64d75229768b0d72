package io.edgeaudit.decode.link;

import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u32;
import static io.edgeaudit.decode.Bytes.u32le;

/**
 * Finds the IP packet inside a frame: strips the link-layer header of each supported link type and
 * any 802.1Q/802.1ad tags, records up to two VLAN ids in the {@link Packet}, and says which IP
 * version the link layer announced ({@link #network()}). Frames without IP are counted as
 * {@link Weird#NON_IP}, which is data about the capture, not an error. Allocation-free; one instance
 * per {@code PacketDecoder}.
 */
public final class LinkDecoder {
    /** {@link #network()}: the link layer announced IPv4. */
    public static final int NET_IPV4 = 4;
    /** {@link #network()}: the link layer announced IPv6. */
    public static final int NET_IPV6 = 6;
    /** {@link #network()}: raw IP, the version nibble decides. */
    public static final int NET_ANY_IP = 0;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_8021Q = 0x8100;
    public static final int ETHERTYPE_8021AD = 0x88A8;
    /** Pre-standard QinQ outer tag, still emitted by some switches. */
    public static final int ETHERTYPE_QINQ = 0x9100;

    /*
     * Ethernet II (IEEE 802.3 clause 3.2.6):
     *  0                 6                 12      14
     *  +-----------------+-----------------+-------+---------
     *  | destination MAC | source MAC      | type  | payload
     *  +-----------------+-----------------+-------+---------
     * A VLAN tag (802.1Q / 802.1ad) sits where the type was and pushes it back by 4 bytes:
     *  | TPID 0x8100/0x88A8/0x9100 | PCP(3) DEI(1) VID(12) | inner type |
     * A type field <= 1500 is an 802.3 length (LLC follows); 1501..1535 is neither length nor type.
     */
    private static final int ETHER_TYPE_OFFSET = 12;
    private static final int ETHER_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int MAX_8023_LENGTH = 1500;
    private static final int MIN_ETHERTYPE = 0x0600;

    /*
     * Linux cooked capture v1 (LINKTYPE_LINUX_SLL), 16 bytes:
     *  0          2         4          6                      14         16
     *  | pkt type | ARPHRD  | addr len | link-layer addr (8)  | protocol |
     * Linux cooked capture v2 (LINKTYPE_LINUX_SLL2), 20 bytes:
     *  0          2          4                 8        10         11         12                   20
     *  | protocol | reserved | interface index | ARPHRD | pkt type | addr len | link-layer addr (8) |
     * The protocol is an EtherType, except for ARPHRD_NETLINK where it is the netlink family.
     */
    private static final int SLL_HEADER = 16;
    private static final int SLL_PROTOCOL = 14;
    private static final int SLL_HATYPE = 2;
    private static final int SLL2_HEADER = 20;
    private static final int SLL2_PROTOCOL = 0;
    private static final int SLL2_HATYPE = 8;
    private static final int ARPHRD_NETLINK = 824;

    /*
     * BSD loopback (LINKTYPE_NULL): a 4-byte address family in the capturing host's byte order;
     * OpenBSD loopback (LINKTYPE_LOOP): the same in network order. AF_INET is 2 everywhere; AF_INET6
     * is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS) - tcpdump.org/linktypes.html.
     */
    private static final int NULL_HEADER = 4;
    private static final int AF_INET = 2;
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;

    private final Anomalies anomalies;
    private int network;

    public LinkDecoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Strips the link layer of {@code p.buf[start, end)}.
     *
     * @return the index of the IP header in {@code p.buf}, or -1 when the frame holds no IP packet
     *         (the reason has been counted)
     */
    public int decode(Packet p, int linkType, int start, int end) {
        switch (linkType) {
            case LinkType.ETHERNET:
                if (end - start < ETHER_HEADER) {
                    return truncated(p, start);
                }
                return etherType(p, u16(p.buf, start + ETHER_TYPE_OFFSET), start + ETHER_TYPE_OFFSET,
                        start + ETHER_HEADER, end);
            case LinkType.LINUX_SLL:
                return cooked(p, start, end, SLL_HEADER, SLL_PROTOCOL, SLL_HATYPE);
            case LinkType.LINUX_SLL2:
                return cooked(p, start, end, SLL2_HEADER, SLL2_PROTOCOL, SLL2_HATYPE);
            case LinkType.RAW:
            case LinkType.DLT_RAW_12:
            case LinkType.DLT_RAW_14:
                network = NET_ANY_IP;
                return start;
            case LinkType.IPV4:
                network = NET_IPV4;
                return start;
            case LinkType.IPV6:
                network = NET_IPV6;
                return start;
            case LinkType.NULL:
                return loopback(p, start, end, true);
            case LinkType.LOOP:
                return loopback(p, start, end, false);
            default:
                anomalies.report(Weird.UNKNOWN_LINK_TYPE, p, start);
                return -1;
        }
    }

    /** The IP version the link layer announced for the last successful {@link #decode}: NET_*. */
    public int network() {
        return network;
    }

    private int cooked(Packet p, int start, int end, int headerLength, int protocolOffset, int hatypeOffset) {
        if (end - start < headerLength) {
            return truncated(p, start);
        }
        if (u16(p.buf, start + hatypeOffset) == ARPHRD_NETLINK) {
            return nonIp(p, start);
        }
        return etherType(p, u16(p.buf, start + protocolOffset), start + protocolOffset, start + headerLength, end);
    }

    private int loopback(Packet p, int start, int end, boolean eitherOrder) {
        if (end - start < NULL_HEADER) {
            return truncated(p, start);
        }
        long family = u32(p.buf, start);
        // LINKTYPE_NULL is in the capturing host's order, which the file does not record: the family
        // values are small, so one of the two readings is always far out of range.
        if (eitherOrder && family > 0xffff) {
            family = u32le(p.buf, start);
        }
        if (family == AF_INET) {
            network = NET_IPV4;
            return start + NULL_HEADER;
        }
        if (family == AF_INET6_BSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN) {
            network = NET_IPV6;
            return start + NULL_HEADER;
        }
        return nonIp(p, start);
    }

    /**
     * Dispatches on an EtherType found at {@code typeAt}, whose payload starts at {@code off},
     * stripping VLAN tags: each tag is 4 bytes (TCI, then the next type).
     */
    private int etherType(Packet p, int type, int typeAt, int off, int end) {
        boolean tooMany = false;
        while (type == ETHERTYPE_8021Q || type == ETHERTYPE_8021AD || type == ETHERTYPE_QINQ) {
            if (end - off < VLAN_TAG) {
                return truncated(p, typeAt);
            }
            int vid = u16(p.buf, off) & 0x0fff;
            if (p.vlanCount == 0) {
                p.outerVlan = vid;
                p.vlanCount = 1;
            } else if (p.vlanCount == 1) {
                p.innerVlan = vid;
                p.vlanCount = 2;
            } else if (!tooMany) {
                // counted once per frame; the tags are still stripped so the IP packet is found
                anomalies.report(Weird.TOO_MANY_VLAN_TAGS, p, typeAt);
                tooMany = true;
            }
            typeAt = off + 2;
            type = u16(p.buf, typeAt);
            off += VLAN_TAG;
        }
        if (type == ETHERTYPE_IPV4) {
            network = NET_IPV4;
            return off;
        }
        if (type == ETHERTYPE_IPV6) {
            network = NET_IPV6;
            return off;
        }
        if (type > MAX_8023_LENGTH && type < MIN_ETHERTYPE) {
            anomalies.report(Weird.UNKNOWN_ETHERTYPE, p, typeAt);
            return -1;
        }
        return nonIp(p, typeAt);
    }

    private int truncated(Packet p, int at) {
        anomalies.report(Weird.TRUNCATED_LINK_HEADER, p, at);
        return -1;
    }

    private int nonIp(Packet p, int at) {
        anomalies.report(Weird.NON_IP, p, at);
        return -1;
    }
}
