package io.edgeaudit.inspect.stun;

import io.edgeaudit.inspect.stream.StreamConsumer;

/**
 * Finds STUN messages in one direction of a TCP stream. It recognises, from the first bytes:
 * <ul>
 *   <li>[MS-TURN] 2.1.1 pseudo-TLS on TCP 443: TLS handshake records (ClientHello; ServerHello and
 *       ServerHelloDone in one record), then the 2.1.4 framing header on every message:
 * <pre>
 * +--------+----------+-----------------+
 * | Type 1 | Reserved | Length (2)      |  Type 0x02 TURN control message, 0x03 end-to-end data;
 * +--------+----------+-----------------+  Length = bytes after the length field
 * </pre></li>
 *   <li>RFC 4571 framing (ICE-TCP, RFC 6544): a 2-byte length before each STUN or media packet;</li>
 *   <li>plain TURN over TCP (RFC 5766 §2.1, coturn): STUN messages and ChannelData (padded to 4)
 *       back to back.</li>
 * </ul>
 * A stream that matches none of these (real TLS, HTTP, ...) is given up at once. After a gap the
 * framing cannot be trusted; the direction stops ({@link Mode#LOST}). Not thread-safe.
 */
public final class StunStreamFramer implements StreamConsumer {
    /** What the stream turned out to be. */
    public enum Mode { DETECT, PSEUDO_TLS, MS_TURN_FRAMED, RFC4571, PLAIN_TURN, NOT_STUN, LOST }

    static final int TLS_HANDSHAKE = 0x16;
    static final int TLS_RECORD_HEADER = 5;
    static final int MS_CONTROL = 0x02;
    static final int MS_DATA = 0x03;
    static final int MS_FRAME_HEADER = 4;
    static final int RFC4571_HEADER = 2;

    private final StunEvents events;
    private Mode mode = Mode.DETECT;
    private int messages;

    public StunStreamFramer(StunEvents events) {
        this.events = events;
    }

    public Mode mode() {
        return mode;
    }

    /** True once the stream is known to carry STUN framing (MS-TURN frames, RFC 4571, plain TURN). */
    public boolean framing() {
        return mode == Mode.MS_TURN_FRAMED || mode == Mode.RFC4571 || mode == Mode.PLAIN_TURN;
    }

    /** STUN messages (well-formed or not) found so far. */
    public int messages() {
        return messages;
    }

    @Override
    public void gap() {
        if (mode != Mode.NOT_STUN) {
            mode = Mode.LOST;
        }
    }

    @Override
    public int consume(byte[] buf, int off, int len) {
        while (true) {
            Mode before = mode;
            int n = step(buf, off, len);
            // a mode change consumes nothing; the same bytes are then read in the new mode
            if (n > 0 || mode == before) {
                return n;
            }
        }
    }

    private int step(byte[] buf, int off, int len) {
        return switch (mode) {
            case DETECT -> detect(buf, off, len);
            case PSEUDO_TLS -> pseudoTls(buf, off, len);
            case MS_TURN_FRAMED -> msFrame(buf, off, len);
            case RFC4571 -> rfc4571(buf, off, len);
            case PLAIN_TURN -> plainTurn(buf, off, len);
            // give the bytes back as consumed: nothing more will be read from this direction
            case NOT_STUN, LOST -> len;
        };
    }

    private int detect(byte[] buf, int off, int len) {
        int b0 = buf[off] & 0xFF;
        if (b0 == TLS_HANDSHAKE) {
            if (len < 3) {
                return 0;
            }
            // a TLS record: 0x16, version 3.x
            mode = (buf[off + 1] & 0xFF) == 3 ? Mode.PSEUDO_TLS : Mode.NOT_STUN;
            return 0;
        }
        if ((b0 == MS_CONTROL || b0 == MS_DATA)) {
            if (len < MS_FRAME_HEADER + 8) {
                return 0;
            }
            // a capture that started after the pseudo-TLS handshake: framing header, then STUN
            boolean framed = buf[off + 1] == 0 && (b0 == MS_DATA || StunDecoder.firstByteIsStun(buf, off + 4, len - 4));
            mode = framed ? Mode.MS_TURN_FRAMED : Mode.NOT_STUN;
            return 0;
        }
        if (len < 10) {
            return 0;
        }
        if (StunDecoder.firstByteIsStun(buf, off + RFC4571_HEADER, len - RFC4571_HEADER)
                && StunDecoder.hasMagicCookie(buf, off + RFC4571_HEADER, len - RFC4571_HEADER)) {
            mode = Mode.RFC4571; // cookie at offset 6, as Wireshark's heuristic looks for it
            return 0;
        }
        if (StunDecoder.firstByteIsStun(buf, off, len) && StunDecoder.hasMagicCookie(buf, off, len)) {
            mode = Mode.PLAIN_TURN;
            return 0;
        }
        if (StunDecoder.firstByteIsStun(buf, off, len) && len >= 24
                && StunDecoder.u16(buf, off + StunDecoder.HEADER_LENGTH) == StunAttributeType.MS_MAGIC_COOKIE) {
            mode = Mode.PLAIN_TURN; // MS-TURN messages without framing (TCP 3478)
            return 0;
        }
        mode = Mode.NOT_STUN;
        return len;
    }

    private int pseudoTls(byte[] buf, int off, int len) {
        if (len < 1) {
            return 0;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 == MS_CONTROL || b0 == MS_DATA) && len >= 2 && buf[off + 1] == 0) {
            mode = Mode.MS_TURN_FRAMED;
            return 0;
        }
        if (b0 != TLS_HANDSHAKE) {
            // ChangeCipherSpec, alert or application data: a real TLS session, not MS-TURN
            mode = Mode.NOT_STUN;
            return len;
        }
        if (len < TLS_RECORD_HEADER) {
            return 0;
        }
        int recordLength = StunDecoder.u16(buf, off + 3);
        if (recordLength > len - TLS_RECORD_HEADER) {
            return 0; // wait for the whole record (at most 2^14+2048 by RFC 2246, within the buffer)
        }
        if (recordLength > 0) {
            events.pseudoTls(buf[off + TLS_RECORD_HEADER] & 0xFF);
        }
        return TLS_RECORD_HEADER + recordLength;
    }

    private int msFrame(byte[] buf, int off, int len) {
        if (len < MS_FRAME_HEADER) {
            return 0;
        }
        int type = buf[off] & 0xFF;
        if ((type != MS_CONTROL && type != MS_DATA) || buf[off + 1] != 0) {
            events.malformed(String.format("MS-TURN TCP framing type 0x%02X reserved 0x%02X (expected: type 0x02 "
                    + "or 0x03, reserved 0)", type, buf[off + 1] & 0xFF));
            mode = Mode.LOST;
            return len;
        }
        int frameLength = StunDecoder.u16(buf, off + 2);
        if (frameLength > len - MS_FRAME_HEADER) {
            return 0;
        }
        if (type == MS_CONTROL) {
            deliverStun(buf, off + MS_FRAME_HEADER, frameLength);
        } else {
            events.relayedData(frameLength);
        }
        return MS_FRAME_HEADER + frameLength;
    }

    private int rfc4571(byte[] buf, int off, int len) {
        if (len < RFC4571_HEADER) {
            return 0;
        }
        int frameLength = StunDecoder.u16(buf, off);
        if (frameLength > len - RFC4571_HEADER) {
            return 0;
        }
        if (StunDecoder.firstByteIsStun(buf, off + RFC4571_HEADER, frameLength)) {
            deliverStun(buf, off + RFC4571_HEADER, frameLength);
        } else {
            events.relayedData(frameLength);
        }
        return RFC4571_HEADER + frameLength;
    }

    private int plainTurn(byte[] buf, int off, int len) {
        if (len < 4) {
            return 0;
        }
        if (ChannelData.firstByteIsChannelData(buf, off, len)) {
            int total = ChannelData.streamLength(buf, off);
            if (total > len) {
                return 0;
            }
            events.channelData(ChannelData.channel(buf, off), ChannelData.dataLength(buf, off));
            return total;
        }
        if (!StunDecoder.firstByteIsStun(buf, off, len)) {
            events.malformed(String.format("first byte 0x%02X in a TURN-over-TCP stream (expected: STUN 0x00-0x03 "
                    + "or ChannelData 0x40-0x7F)", buf[off] & 0xFF));
            mode = Mode.LOST;
            return len;
        }
        int total = StunDecoder.peekTotalLength(buf, off, len);
        if (total > len) {
            return 0;
        }
        deliverStun(buf, off, total);
        return total;
    }

    private void deliverStun(byte[] buf, int off, int len) {
        messages++;
        StunDecodeResult r = StunDecoder.decode(buf, off, len);
        if (r instanceof StunDecodeResult.Decoded d) {
            events.message(d.message());
        } else if (r instanceof StunDecodeResult.Malformed m) {
            events.malformed(m.reason() + " at message offset " + m.offset());
        } else {
            events.malformed("framed message is not STUN (expected: a STUN header with cookie)");
        }
    }
}
