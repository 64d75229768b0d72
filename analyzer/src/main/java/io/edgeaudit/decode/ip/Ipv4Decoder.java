package io.edgeaudit.decode.ip;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u8;

/**
 * Reads an IPv4 header (RFC 791) in place. On success the {@link Packet} holds the addresses,
 * protocol, identification and fragment flags, and its payload fields describe the <em>IP
 * payload</em> - the transport decoders then narrow them to their own payload. Allocation-free.
 */
public final class Ipv4Decoder {
    /*
     *  0               1               2               3
     *  +-------+-------+---------------+-------------------------------+
     *  |Version|  IHL  |   DSCP/ECN    |         Total Length          |  0
     *  +-------+-------+---------------+-----+-------------------------+
     *  |        Identification         |Flags|    Fragment Offset      |  4
     *  +---------------+---------------+-----+-------------------------+
     *  |      TTL      |   Protocol    |        Header Checksum        |  8
     *  +---------------+---------------+-------------------------------+
     *  |                        Source Address                         | 12
     *  +---------------------------------------------------------------+
     *  |                      Destination Address                      | 16
     *  +---------------------------------------------------------------+
     *  |                  Options (IHL > 5), skipped                   | 20
     */
    static final int MIN_HEADER = 20;
    private static final int TOTAL_LENGTH = 2;
    private static final int IDENTIFICATION = 4;
    private static final int FRAGMENT = 6;
    private static final int TTL = 8;
    private static final int PROTOCOL = 9;
    private static final int SOURCE = 12;
    private static final int DESTINATION = 16;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    private final Anomalies anomalies;

    public Ipv4Decoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Decodes the IPv4 header at {@code off}; {@code end} is the end of the captured bytes and
     * {@code wireEnd} where the frame ended on the wire ({@code >= end}). A total length that is
     * zero (segmentation offload on the capturing host), below the header, or beyond the frame is
     * counted as {@link Weird#BAD_IP_TOTAL_LENGTH} and replaced by what the frame holds; bytes past a
     * valid total length (Ethernet padding) are never payload.
     *
     * @return true when a transport header follows (not a later fragment); false also when the
     *         header was unusable, in which case {@code p.ipVersion} stays 0
     */
    public boolean decode(Packet p, int off, int end, int wireEnd) {
        byte[] b = p.buf;
        if (end - off < MIN_HEADER) {
            anomalies.report(Weird.TRUNCATED_IP_HEADER, p, off);
            return false;
        }
        int versionIhl = u8(b, off);
        if (versionIhl >>> 4 != 4) {
            anomalies.report(Weird.BAD_IP_VERSION, p, off);
            return false;
        }
        int headerLength = (versionIhl & 0x0f) * 4;
        int wireAvailable = wireEnd - off;
        if (headerLength < MIN_HEADER) {
            anomalies.report(Weird.BAD_IP_HEADER_LENGTH, p, off);
            return false;
        }
        if (headerLength > end - off) {
            // the options run past the captured bytes: a snaplen cut if the wire frame had room
            boolean cut = end < wireEnd && headerLength <= wireAvailable;
            anomalies.report(cut ? Weird.TRUNCATED_IP_HEADER : Weird.BAD_IP_HEADER_LENGTH, p, off);
            return false;
        }
        int totalLength = u16(b, off + TOTAL_LENGTH);
        int ipLength = totalLength;
        if (totalLength < headerLength || totalLength > wireAvailable) {
            anomalies.report(Weird.BAD_IP_TOTAL_LENGTH, p, off + TOTAL_LENGTH);
            ipLength = wireAvailable;
        }
        int fragment = u16(b, off + FRAGMENT);
        boolean more = (fragment & MORE_FRAGMENTS) != 0;
        boolean first = (fragment & OFFSET_MASK) == 0;

        p.ipVersion = 4;
        p.ipOffset = off;
        p.srcAddrOffset = off + SOURCE;
        p.dstAddrOffset = off + DESTINATION;
        p.addrLength = 4;
        p.ttl = u8(b, off + TTL);
        p.ipId = u16(b, off + IDENTIFICATION);
        p.transport = u8(b, off + PROTOCOL);
        p.fragment = more || !first;
        p.firstFragment = more && first;
        p.payloadOffset = off + headerLength;
        p.capturedPayloadLength = Math.min(end - off, ipLength) - headerLength;
        p.wirePayloadLength = ipLength - headerLength;
        return first;
    }
}
