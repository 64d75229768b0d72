package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import static io.edgeaudit.decode.Bytes.u16;

/**
 * Reads a UDP header (RFC 768) in place: ports and the datagram payload, whose wire length comes
 * from the UDP length field when that field is consistent with the IP payload. Allocation-free.
 */
public final class UdpDecoder {
    /*
     *  0               1               2               3
     *  +-------------------------------+-------------------------------+
     *  |          Source Port          |       Destination Port        |  0
     *  +-------------------------------+-------------------------------+
     *  |            Length             |           Checksum            |  4
     *  +-------------------------------+-------------------------------+
     */
    static final int HEADER = 8;
    private static final int DESTINATION_PORT = 2;
    private static final int LENGTH = 4;
    private static final int MAX_NON_JUMBO = 65_535;

    private final Anomalies anomalies;

    public UdpDecoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Decodes the UDP header at {@code p.payloadOffset} (the IP payload) and narrows the payload
     * fields to the datagram data. A length below 8 or beyond the IP payload is
     * {@link Weird#BAD_UDP_LENGTH}, and the IP payload length is used instead. In a first fragment the
     * length covers the whole datagram, so it is only checked against 8; a length of 0 in an IPv6
     * jumbogram is valid (RFC 2675 §4).
     */
    public void decode(Packet p) {
        int off = p.payloadOffset;
        int captured = p.capturedPayloadLength;
        int wire = p.wirePayloadLength;
        if (captured < HEADER) {
            anomalies.report(Weird.TRUNCATED_UDP_HEADER, p, off);
            Payloads.empty(p, off + captured);
            return;
        }
        p.srcPort = u16(p.buf, off);
        p.dstPort = u16(p.buf, off + DESTINATION_PORT);
        p.hasPorts = true;
        int length = u16(p.buf, off + LENGTH);
        int dataLength = wire - HEADER;
        boolean jumbogram = length == 0 && p.ipVersion == 6 && wire > MAX_NON_JUMBO;
        if (!jumbogram && (length < HEADER || length > wire && !p.firstFragment)) {
            anomalies.report(Weird.BAD_UDP_LENGTH, p, off + LENGTH);
        } else if (!jumbogram && !p.firstFragment) {
            dataLength = length - HEADER;
        }
        p.payloadOffset = off + HEADER;
        p.capturedPayloadLength = Math.min(captured - HEADER, dataLength);
        p.wirePayloadLength = dataLength;
    }
}
