package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;
import io.edgeaudit.decode.ip.Ipv6ExtensionChain;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u8;

/**
 * Reads ICMP (RFC 792) and ICMPv6 (RFC 4443) headers in place. Type and code go into the ports
 * (Zeek's convention). For error messages, which quote the packet that caused them, the quoted IP
 * header and the first bytes of its transport are decoded into the {@code quoted*} fields so the
 * flow table can attach the error to the flow it refuses. Quotes are short by design (RFC 792:
 * header + 8 bytes), so a short quote is not an anomaly: ports are set only when present.
 * Allocation-free.
 */
public final class IcmpDecoder {
    /*
     *  0               1               2               3
     *  +---------------+---------------+-------------------------------+
     *  |     Type      |     Code      |           Checksum            |  0
     *  +---------------+---------------+-------------------------------+
     *  |     rest of header (unused, MTU, pointer, id/sequence ...)    |  4
     *  +---------------------------------------------------------------+
     *  |   errors: the invoking packet's IP header + its first bytes   |  8
     */
    static final int HEADER = 8;
    private static final int CODE = 1;

    /*
     * Quoted IPv4 header fields (see Ipv4Decoder), IPv6 fields (see Ipv6Decoder), and the first
     * 4 bytes of TCP/UDP (source and destination port) or ICMP (type, code).
     */
    private static final int V4_MIN_HEADER = 20;
    private static final int V4_FRAGMENT = 6;
    private static final int V4_PROTOCOL = 9;
    private static final int V4_SOURCE = 12;
    private static final int V4_DESTINATION = 16;
    private static final int V4_OFFSET_MASK = 0x1fff;
    private static final int V6_HEADER = 40;
    private static final int V6_NEXT_HEADER = 6;
    private static final int V6_SOURCE = 8;
    private static final int V6_DESTINATION = 24;
    private static final int PORTS = 4;
    private static final int TYPE_CODE = 2;

    private final Anomalies anomalies;
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    public IcmpDecoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Decodes the ICMP or ICMPv6 header at {@code p.payloadOffset} ({@code p.transport} says which)
     * and narrows the payload fields to what follows the 8-byte header.
     */
    public void decode(Packet p) {
        int off = p.payloadOffset;
        int captured = p.capturedPayloadLength;
        if (captured < HEADER) {
            anomalies.report(Weird.TRUNCATED_ICMP, p, off);
            Payloads.empty(p, off + captured);
            return;
        }
        int type = u8(p.buf, off);
        p.srcPort = type;
        p.dstPort = u8(p.buf, off + CODE);
        p.hasPorts = true;
        p.payloadOffset = off + HEADER;
        p.capturedPayloadLength = captured - HEADER;
        p.wirePayloadLength -= HEADER;
        boolean quotes = p.transport == Packet.ICMPV6 ? quotesV6(type) : quotesV4(type);
        if (quotes) {
            quote(p, p.payloadOffset, p.payloadOffset + p.capturedPayloadLength);
        }
    }

    /** ICMPv4 errors that carry the invoking datagram: unreachable, source quench, redirect, time exceeded, parameter problem. */
    private static boolean quotesV4(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** ICMPv6 errors (RFC 4443 §3): unreachable, packet too big, time exceeded, parameter problem. */
    private static boolean quotesV6(int type) {
        return type >= 1 && type <= 4;
    }

    private void quote(Packet p, int q, int end) {
        byte[] b = p.buf;
        if (end - q < 1) {
            return;
        }
        int version = u8(b, q) >>> 4;
        int transport;
        int transportAt;
        boolean headerThere;
        if (version == 4) {
            if (end - q < V4_MIN_HEADER) {
                return;
            }
            int headerLength = (u8(b, q) & 0x0f) * 4;
            if (headerLength < V4_MIN_HEADER || headerLength > end - q) {
                return;
            }
            transport = u8(b, q + V4_PROTOCOL);
            transportAt = q + headerLength;
            headerThere = (u16(b, q + V4_FRAGMENT) & V4_OFFSET_MASK) == 0;
            p.quotedSrcAddrOffset = q + V4_SOURCE;
            p.quotedDstAddrOffset = q + V4_DESTINATION;
            p.quotedAddrLength = 4;
        } else if (version == 6) {
            if (end - q < V6_HEADER) {
                return;
            }
            int start = q + V6_HEADER;
            if (chain.walk(b, u8(b, q + V6_NEXT_HEADER), start, end, end - start) != Ipv6ExtensionChain.OK) {
                return;
            }
            transport = chain.next;
            transportAt = chain.offset;
            headerThere = !chain.fragment || chain.firstFragment;
            p.quotedSrcAddrOffset = q + V6_SOURCE;
            p.quotedDstAddrOffset = q + V6_DESTINATION;
            p.quotedAddrLength = 16;
        } else {
            return;
        }
        p.quotedTransport = transport;
        if (!headerThere) {
            return;
        }
        boolean icmp = transport == Packet.ICMP || transport == Packet.ICMPV6;
        boolean ports = transport == Packet.TCP || transport == Packet.UDP;
        if (ports && end - transportAt >= PORTS) {
            p.quotedSrcPort = u16(b, transportAt);
            p.quotedDstPort = u16(b, transportAt + 2);
            p.quotedHasPorts = true;
        } else if (icmp && end - transportAt >= TYPE_CODE) {
            p.quotedSrcPort = u8(b, transportAt);
            p.quotedDstPort = u8(b, transportAt + 1);
            p.quotedHasPorts = true;
        }
    }
}
