package io.edgeaudit.decode;

import io.edgeaudit.capture.Frame;

/**
 * What the decoder found in one frame, as a reusable flyweight: offsets into the frame's buffer
 * and unsigned header fields widened to {@code int}/{@code long}. Filled by {@link PacketDecoder},
 * valid until the next frame; nothing here allocates per packet. Words follow Zeek: {@code src/dst}
 * are this packet's, {@code orig/resp} belong to the flow.
 *
 * <p>Fields are public for the hot path (the decoder writes them, the flow table reads them); their
 * invariants are stated here and kept by {@link #reset}.
 */
public final class Packet {
    /** Transport values for {@link #transport}: IP protocol numbers, or NONE when no IP layer was found. */
    public static final int NONE = -1;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;

    /** The frame this packet was decoded from. */
    public Frame frame;
    /** The frame's bytes (same array as {@code frame.data()}). */
    public byte[] buf;

    /** 802.1Q / 802.1ad VLAN ids, outermost first; {@code vlanCount} of them are valid (0..2). */
    public int vlanCount;
    public int outerVlan;
    public int innerVlan;

    /** 4 or 6; 0 when the frame carried no IP packet we could read. */
    public int ipVersion;
    /** Offset of the IP header in {@link #buf}. */
    public int ipOffset;
    /** Offsets of the 4- or 16-byte source and destination addresses in {@link #buf}. */
    public int srcAddrOffset;
    public int dstAddrOffset;
    /** Address length in bytes: 4 or 16. */
    public int addrLength;
    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl;
    /** IPv4 identification (or IPv6 fragment identification), for fragment attribution. */
    public long ipId;

    /** Final upper-layer protocol number after extension headers, or {@link #NONE}. */
    public int transport = NONE;
    /** Ports for TCP/UDP; for ICMP, src = type and dst = code (Zeek's convention); 0 otherwise. */
    public int srcPort;
    public int dstPort;
    /**
     * True when ports were read from this packet's complete transport header (TCP 20, UDP 8, ICMP 8
     * bytes) or attributed from its fragment group; a cut or missing header leaves it false.
     */
    public boolean hasPorts;

    /** TCP flags byte (low 8 bits), sequence and acknowledgement numbers (unsigned 32-bit). */
    public int tcpFlags;
    public long tcpSeq;
    public long tcpAck;

    /**
     * Transport payload offset in {@link #buf}, and how many of its bytes were captured. For protocols
     * without a decoded header (GRE, ESP, IP-in-IP, ...) and for later fragments it is the IP payload
     * (after IPv6 extension headers); for a broken transport header it is empty.
     */
    public int payloadOffset;
    public int capturedPayloadLength;
    /** Payload length on the wire, from the IP/UDP lengths (may exceed the captured part). */
    public int wirePayloadLength;

    /** True for any IP fragment; {@code firstFragment} for offset 0 with more-fragments set. */
    public boolean fragment;
    public boolean firstFragment;
    /**
     * On a first fragment only: how many later fragments of its group arrived before it (and were
     * passed on without ports), and their IP payload bytes on the wire, so the flow table can add
     * them to this packet's flow. 0 otherwise.
     */
    public int priorFragments;
    public long priorFragmentBytes;

    /**
     * For ICMP/ICMPv6 errors that quote a packet (destination unreachable, time exceeded, ...): the
     * quoted packet's transport, addresses (offsets into {@link #buf}) and ports. {@code quotedTransport}
     * is {@link #NONE} when there is no usable quote.
     */
    public int quotedTransport = NONE;
    public int quotedSrcAddrOffset;
    public int quotedDstAddrOffset;
    public int quotedAddrLength;
    public int quotedSrcPort;
    public int quotedDstPort;
    /** True when the quote held the quoted transport's ports (ICMP: type and code). */
    public boolean quotedHasPorts;

    /** Clears every field before a new frame is decoded. */
    public void reset(Frame frame) {
        this.frame = frame;
        this.buf = frame.data();
        vlanCount = 0;
        outerVlan = 0;
        innerVlan = 0;
        ipVersion = 0;
        ipOffset = 0;
        srcAddrOffset = 0;
        dstAddrOffset = 0;
        addrLength = 0;
        ttl = 0;
        ipId = 0;
        transport = NONE;
        srcPort = 0;
        dstPort = 0;
        hasPorts = false;
        tcpFlags = 0;
        tcpSeq = 0;
        tcpAck = 0;
        payloadOffset = 0;
        capturedPayloadLength = 0;
        wirePayloadLength = 0;
        fragment = false;
        firstFragment = false;
        priorFragments = 0;
        priorFragmentBytes = 0;
        quotedTransport = NONE;
        quotedSrcAddrOffset = 0;
        quotedDstAddrOffset = 0;
        quotedAddrLength = 0;
        quotedSrcPort = 0;
        quotedDstPort = 0;
        quotedHasPorts = false;
    }

    /** True when an IP layer with a known transport was decoded. */
    public boolean hasTransport() {
        return ipVersion != 0 && transport != NONE;
    }

    public boolean isTcp() {
        return transport == TCP;
    }

    public boolean isUdp() {
        return transport == UDP;
    }

    /** True for an ICMP/ICMPv6 error whose quoted packet could be read. */
    public boolean hasQuote() {
        return quotedTransport != NONE;
    }
}
