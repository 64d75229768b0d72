package io.edgeaudit.decode.ip;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u32;
import static io.edgeaudit.decode.Bytes.u8;

/**
 * Reads an IPv6 header (RFC 8200) and its extension chain in place. On success the {@link Packet}
 * holds the addresses, the final upper-layer protocol, fragment data from a fragment header, and
 * payload fields describing the upper-layer bytes (after all extension headers). Allocation-free.
 */
public final class Ipv6Decoder {
    /*
     *  0               1               2               3
     *  +-------+-------+-------+-------------------------------+-------+
     *  |Version| Traffic Class |           Flow Label                  |  0
     *  +-------+---------------+---------------+---------------+-------+
     *  |         Payload Length        |  Next Header  |   Hop Limit   |  4
     *  +-------------------------------+---------------+---------------+
     *  |                  Source Address (16 bytes)                    |  8
     *  +---------------------------------------------------------------+
     *  |                Destination Address (16 bytes)                 | 24
     *  +---------------------------------------------------------------+
     *  |                extension headers, upper layer                 | 40
     */
    static final int HEADER = 40;
    private static final int PAYLOAD_LENGTH = 4;
    private static final int NEXT_HEADER = 6;
    private static final int HOP_LIMIT = 7;
    private static final int SOURCE = 8;
    private static final int DESTINATION = 24;

    /*
     * Jumbo Payload option (RFC 2675 §2), inside a hop-by-hop header that must come first:
     *  | Option Type 0xC2 | Opt Data Len 4 | Jumbo Payload Length (32 bits) |
     */
    private static final int JUMBO_OPTION = 0xC2;
    private static final int JUMBO_DATA_LENGTH = 4;
    private static final int PAD1 = 0;

    private final Anomalies anomalies;
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    public Ipv6Decoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Decodes the IPv6 packet at {@code off}; {@code end} is the end of the captured bytes and
     * {@code wireEnd} where the frame ended on the wire. A payload length of 0 is a jumbogram when a
     * hop-by-hop Jumbo Payload option says so, and otherwise (segmentation offload) is counted as
     * {@link Weird#BAD_IP_TOTAL_LENGTH} and replaced by what the frame holds, as is a payload length
     * beyond the frame.
     *
     * @return true when an upper-layer header follows (not a later fragment, chain readable); when
     *         the chain cannot be followed {@code p.transport} stays {@link Packet#NONE}
     */
    public boolean decode(Packet p, int off, int end, int wireEnd) {
        byte[] b = p.buf;
        if (end - off < HEADER) {
            anomalies.report(Weird.TRUNCATED_IP_HEADER, p, off);
            return false;
        }
        if (u8(b, off) >>> 4 != 6) {
            anomalies.report(Weird.BAD_IP_VERSION, p, off);
            return false;
        }
        int start = off + HEADER;
        int wireAvailable = wireEnd - start;
        int nextHeader = u8(b, off + NEXT_HEADER);
        int declared = u16(b, off + PAYLOAD_LENGTH);
        long payloadLength = declared;
        if (declared == 0 && nextHeader == Ipv6ExtensionChain.HOP_BY_HOP) {
            payloadLength = jumboLength(b, start, end);
        }
        if (payloadLength == 0 && nextHeader != Ipv6ExtensionChain.NO_NEXT_HEADER && wireAvailable > 0
                || payloadLength > wireAvailable) {
            anomalies.report(Weird.BAD_IP_TOTAL_LENGTH, p, off + PAYLOAD_LENGTH);
            payloadLength = wireAvailable;
        }
        int wirePayload = (int) payloadLength;
        int capEnd = start + Math.min(end - start, wirePayload);

        p.ipVersion = 6;
        p.ipOffset = off;
        p.srcAddrOffset = off + SOURCE;
        p.dstAddrOffset = off + DESTINATION;
        p.addrLength = 16;
        p.ttl = u8(b, off + HOP_LIMIT);

        int status = chain.walk(b, nextHeader, start, capEnd, wirePayload);
        if (status != Ipv6ExtensionChain.OK) {
            anomalies.report(status == Ipv6ExtensionChain.TOO_LONG
                    ? Weird.IPV6_EXTENSION_CHAIN_TOO_LONG : Weird.TRUNCATED_IPV6_EXTENSION, p, chain.offset);
            p.payloadOffset = capEnd;
            return false;
        }
        p.transport = chain.next;
        p.fragment = chain.fragment;
        p.firstFragment = chain.fragment && chain.firstFragment;
        p.ipId = chain.fragmentId;
        p.payloadOffset = chain.offset;
        p.capturedPayloadLength = capEnd - chain.offset;
        p.wirePayloadLength = chain.wireLeft;
        return !chain.fragment || chain.firstFragment;
    }

    /**
     * The Jumbo Payload Length from a hop-by-hop header at {@code off}, or 0 when there is none
     * (or the header is not fully captured: the length is then unknown and the frame decides).
     */
    private static long jumboLength(byte[] b, int off, int end) {
        if (end - off < 2) {
            return 0;
        }
        int length = (u8(b, off + 1) + 1) * 8;
        if (length > end - off) {
            return 0;
        }
        int optionsEnd = off + length;
        int o = off + 2;
        while (o < optionsEnd) {
            int type = u8(b, o);
            if (type == PAD1) {
                o++;
                continue;
            }
            if (optionsEnd - o < 2) {
                return 0;
            }
            int dataLength = u8(b, o + 1);
            if (type == JUMBO_OPTION && dataLength == JUMBO_DATA_LENGTH && optionsEnd - o >= 2 + JUMBO_DATA_LENGTH) {
                return u32(b, o + 2);
            }
            o += 2 + dataLength;
        }
        return 0;
    }
}
