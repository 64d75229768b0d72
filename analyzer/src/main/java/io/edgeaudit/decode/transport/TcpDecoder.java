package io.edgeaudit.decode.transport;

import io.edgeaudit.decode.Anomalies;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.decode.Weird;

import static io.edgeaudit.decode.Bytes.u16;
import static io.edgeaudit.decode.Bytes.u32;
import static io.edgeaudit.decode.Bytes.u8;

/**
 * Reads a TCP header (RFC 9293 §3.1) in place: ports, flags, sequence and acknowledgement numbers,
 * and the segment payload. Ports are reported only from a complete 20-byte header; options are
 * skipped. Allocation-free.
 */
public final class TcpDecoder {
    /*
     *  0               1               2               3
     *  +-------------------------------+-------------------------------+
     *  |          Source Port          |       Destination Port        |  0
     *  +-------------------------------+-------------------------------+
     *  |                        Sequence Number                        |  4
     *  +---------------------------------------------------------------+
     *  |                    Acknowledgment Number                      |  8
     *  +-------+-------+---------------+-------------------------------+
     *  | DOff  |  Rsv  |     Flags     |            Window             | 12
     *  +-------+-------+---------------+-------------------------------+
     *  |           Checksum            |        Urgent Pointer         | 16
     *  +-------------------------------+-------------------------------+
     *  |                Options (DOff > 5), skipped                    | 20
     */
    static final int MIN_HEADER = 20;
    private static final int DESTINATION_PORT = 2;
    private static final int SEQUENCE = 4;
    private static final int ACKNOWLEDGMENT = 8;
    private static final int DATA_OFFSET = 12;
    private static final int FLAGS = 13;

    private final Anomalies anomalies;

    public TcpDecoder(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    /**
     * Decodes the TCP header at {@code p.payloadOffset}, where the IP decoder left the IP payload,
     * and narrows the payload fields to the segment data. A data offset below 5 words or past the
     * segment on the wire is {@link Weird#BAD_TCP_HEADER_LENGTH}: the fixed fields are kept (they
     * place the packet in its flow) and the payload is empty. Options cut by the snaplen leave an
     * empty captured payload and the wire length intact.
     */
    public void decode(Packet p) {
        byte[] b = p.buf;
        int off = p.payloadOffset;
        int captured = p.capturedPayloadLength;
        int wire = p.wirePayloadLength;
        if (captured < MIN_HEADER) {
            anomalies.report(Weird.TRUNCATED_TCP_HEADER, p, off);
            Payloads.empty(p, off + captured);
            return;
        }
        p.srcPort = u16(b, off);
        p.dstPort = u16(b, off + DESTINATION_PORT);
        p.hasPorts = true;
        p.tcpSeq = u32(b, off + SEQUENCE);
        p.tcpAck = u32(b, off + ACKNOWLEDGMENT);
        p.tcpFlags = u8(b, off + FLAGS);
        int headerLength = (u8(b, off + DATA_OFFSET) >>> 4) * 4;
        if (headerLength < MIN_HEADER || headerLength > wire) {
            anomalies.report(Weird.BAD_TCP_HEADER_LENGTH, p, off + DATA_OFFSET);
            Payloads.empty(p, off + MIN_HEADER);
            return;
        }
        p.payloadOffset = off + Math.min(headerLength, captured);
        p.capturedPayloadLength = Math.max(0, captured - headerLength);
        p.wirePayloadLength = wire - headerLength;
    }
}
