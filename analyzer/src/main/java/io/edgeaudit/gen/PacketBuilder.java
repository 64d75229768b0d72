package io.edgeaudit.gen;

/**
 * Writes one synthetic frame into a caller's buffer: link header (Ethernet with optional 802.1Q /
 * 802.1ad tags, Linux cooked v1/v2, BSD NULL, or none), IPv4 or IPv6, and TCP, UDP or ICMP with
 * correct checksums. Reuses its buffer; not thread-safe.
 */
final class PacketBuilder {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private static final byte[] CLIENT_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    private static final byte[] SERVER_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};

    private final String link;
    final byte[] buf = new byte[70_000];
    private int ipId = 1;

    PacketBuilder(String link) {
        this.link = link;
    }

    /** Fields of one packet; reused by the caller. */
    static final class Spec {
        byte[] src;
        byte[] dst;
        int proto;
        int srcPort;
        int dstPort;
        int tcpFlags;
        long seq;
        long ack;
        int ttl = 64;
        int[] vlans = new int[0];
        boolean fromClient;
        byte[] payload;
        int payloadLength;
        // ICMP
        int icmpType;
        int icmpCode;
        /** The bytes an ICMP error quotes (an IP header and 8 bytes), or null. */
        byte[] quote;
    }

    /** Builds the frame; returns its length. */
    int build(Spec s) {
        int p = linkHeader(s, s.src.length == 16);
        int ipStart = p;
        boolean v6 = s.src.length == 16;
        int ipHeader = v6 ? 40 : 20;
        int l4Start = ipStart + ipHeader;
        int l4Len = transport(s, l4Start, v6);
        int ipTotal = ipHeader + l4Len;
        if (v6) {
            buf[ipStart] = 0x60;
            buf[ipStart + 1] = 0;
            buf[ipStart + 2] = 0;
            buf[ipStart + 3] = 0;
            put16(ipStart + 4, l4Len);
            buf[ipStart + 6] = (byte) s.proto;
            buf[ipStart + 7] = (byte) s.ttl;
            System.arraycopy(s.src, 0, buf, ipStart + 8, 16);
            System.arraycopy(s.dst, 0, buf, ipStart + 24, 16);
        } else {
            buf[ipStart] = 0x45;
            buf[ipStart + 1] = 0;
            put16(ipStart + 2, ipTotal);
            put16(ipStart + 4, ipId++ & 0xffff);
            put16(ipStart + 6, 0x4000); // DF
            buf[ipStart + 8] = (byte) s.ttl;
            buf[ipStart + 9] = (byte) s.proto;
            put16(ipStart + 10, 0);
            System.arraycopy(s.src, 0, buf, ipStart + 12, 4);
            System.arraycopy(s.dst, 0, buf, ipStart + 16, 4);
            put16(ipStart + 10, ~sum(ipStart, 20, 0) & 0xffff);
        }
        transportChecksum(s, ipStart, l4Start, l4Len, v6);
        return ipStart + ipTotal;
    }

    private int linkHeader(Spec s, boolean v6) {
        int ethertype = v6 ? 0x86DD : 0x0800;
        switch (link) {
            case "raw":
                return 0;
            case "null": {
                // BSD loopback: the capturing host's byte order; little-endian here. AF_INET6 = 30 (Darwin).
                int family = v6 ? 30 : 2;
                buf[0] = (byte) family;
                buf[1] = 0;
                buf[2] = 0;
                buf[3] = 0;
                return 4;
            }
            case "sll": {
                put16(0, s.fromClient ? 4 : 0);  // packet type: 4 outgoing, 0 to us
                put16(2, 1);                      // ARPHRD_ETHER
                put16(4, 6);                      // address length
                System.arraycopy(s.fromClient ? CLIENT_MAC : SERVER_MAC, 0, buf, 6, 6);
                put16(12, 0);
                put16(14, ethertype);
                return 16;
            }
            case "sll2": {
                put16(0, ethertype);
                put16(2, 0);                      // reserved
                put32(4, 2);                      // interface index
                put16(8, 1);                      // ARPHRD_ETHER
                buf[10] = (byte) (s.fromClient ? 4 : 0);
                buf[11] = 6;
                System.arraycopy(s.fromClient ? CLIENT_MAC : SERVER_MAC, 0, buf, 12, 6);
                put16(18, 0);
                return 20;
            }
            default: {
                System.arraycopy(s.fromClient ? SERVER_MAC : CLIENT_MAC, 0, buf, 0, 6);
                System.arraycopy(s.fromClient ? CLIENT_MAC : SERVER_MAC, 0, buf, 6, 6);
                int p = 12;
                for (int i = 0; i < s.vlans.length; i++) {
                    // 802.1ad S-tag outside when there are two tags, 802.1Q C-tag inside
                    put16(p, s.vlans.length == 2 && i == 0 ? 0x88A8 : 0x8100);
                    put16(p + 2, s.vlans[i] & 0x0fff);
                    p += 4;
                }
                put16(p, ethertype);
                return p + 2;
            }
        }
    }

    private int transport(Spec s, int l4, boolean v6) {
        int payloadAt;
        int headerLen;
        switch (s.proto) {
            case TCP -> {
                headerLen = 20;
                put16(l4, s.srcPort);
                put16(l4 + 2, s.dstPort);
                put32(l4 + 4, s.seq);
                put32(l4 + 8, s.ack);
                buf[l4 + 12] = 0x50;
                buf[l4 + 13] = (byte) s.tcpFlags;
                put16(l4 + 14, 64240);
                put16(l4 + 16, 0);
                put16(l4 + 18, 0);
            }
            case UDP -> {
                headerLen = 8;
                put16(l4, s.srcPort);
                put16(l4 + 2, s.dstPort);
                put16(l4 + 4, 8 + s.payloadLength);
                put16(l4 + 6, 0);
            }
            default -> {
                headerLen = 8;
                buf[l4] = (byte) s.icmpType;
                buf[l4 + 1] = (byte) s.icmpCode;
                put16(l4 + 2, 0);
                put32(l4 + 4, 0);
            }
        }
        payloadAt = l4 + headerLen;
        if (s.quote != null) {
            System.arraycopy(s.quote, 0, buf, payloadAt, s.quote.length);
            return headerLen + s.quote.length;
        }
        if (s.payload != null) {
            System.arraycopy(s.payload, 0, buf, payloadAt, s.payloadLength);
        } else {
            // a recognisable filler: not all zeros, so that nothing mistakes it for a protocol
            for (int i = 0; i < s.payloadLength; i++) {
                buf[payloadAt + i] = (byte) ('a' + (i % 26));
            }
        }
        return headerLen + s.payloadLength;
    }

    private void transportChecksum(Spec s, int ip, int l4, int l4Len, boolean v6) {
        int offset = switch (s.proto) {
            case TCP -> 16;
            case UDP -> 6;
            default -> 2;
        };
        long pseudo;
        if (s.proto == ICMP && !v6) {
            pseudo = 0; // ICMPv4 has no pseudo-header
        } else if (v6) {
            pseudo = sum(ip + 8, 32, 0) + l4Len + s.proto;
        } else {
            pseudo = sum(ip + 12, 8, 0) + l4Len + s.proto;
        }
        int c = ~sum(l4, l4Len, pseudo) & 0xffff;
        if (s.proto == UDP && c == 0) {
            c = 0xffff; // RFC 768: zero means "no checksum"
        }
        put16(l4 + offset, c);
    }

    private int sum(int off, int len, long initial) {
        long sum = initial;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((buf[off + i] & 0xff) << 8) | (buf[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (buf[off + i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The IP header plus first 8 transport bytes of a packet, as an ICMP error quotes it. */
    byte[] quote(byte[] src, byte[] dst, int proto, int srcPort, int dstPort) {
        Spec q = new Spec();
        q.src = src;
        q.dst = dst;
        q.proto = proto;
        q.srcPort = srcPort;
        q.dstPort = dstPort;
        q.tcpFlags = 0x02;
        q.payloadLength = proto == UDP ? 32 : 0;
        PacketBuilder raw = new PacketBuilder("raw");
        int len = raw.build(q);
        int keep = Math.min(len, (src.length == 16 ? 40 : 20) + 8);
        byte[] out = new byte[keep];
        System.arraycopy(raw.buf, 0, out, 0, keep);
        return out;
    }

    private void put16(int off, int v) {
        buf[off] = (byte) (v >>> 8);
        buf[off + 1] = (byte) v;
    }

    private void put32(int off, long v) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }
}
