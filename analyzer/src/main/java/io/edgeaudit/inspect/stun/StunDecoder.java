package io.edgeaudit.inspect.stun;

import io.edgeaudit.net.IpAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Decodes one STUN / TURN / MS-TURN message from bytes, without trusting any length it reads: peek the
 * header, validate every length against the bytes that remain, then read. Never throws on input;
 * malformed input is a {@link StunDecodeResult.Malformed} outcome. Allocates only for the returned
 * message (STUN is control traffic; media goes through {@link ChannelData}, which does not allocate).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     Message Type (14)     |         Message Length        |  0 TYPE, 2 LENGTH
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Magic Cookie 0x2112A442 (RFC 5389) / TxID (MS-TURN)    |  4 COOKIE
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Transaction ID (96 bits)                      |  8 .. 19
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Attribute Type                | Attribute Length              | 20: TLVs, padded to 4 in
 * | Value ...                                                     |     RFC 5389, unpadded in
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+     MS-TURN and RFC 3489
 * </pre>
 */
public final class StunDecoder {
    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = 2;
    static final int COOKIE_OFFSET = 4;
    public static final int HEADER_LENGTH = 20;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;

    /** RFC 5389 §6 magic cookie. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** [MS-TURN] 2.2.2.8 value of the MAGIC-COOKIE attribute 0x000F. */
    public static final int MS_MAGIC_COOKIE = 0x72C64BC6;
    /** Cap on attributes per message (STYLE §6); real messages carry about a dozen. */
    public static final int MAX_ATTRIBUTES = 64;
    /** RFC 5389 §15.5: FINGERPRINT is the CRC-32 XORed with this. */
    static final long FINGERPRINT_XOR = 0x5354554EL;
    /** RFC 5389 §15.3: USERNAME must be less than 513 bytes. */
    static final int MAX_USERNAME = 513;
    /** RFC 5389 §15.7-15.10: REALM, NONCE, SOFTWARE, reason phrase: less than 128 characters (763 bytes). */
    static final int MAX_TEXT = 763;

    private static final HexFormat HEX = HexFormat.of();

    private StunDecoder() {
    }

    /**
     * True when the first byte says STUN (0..3) under the RFC 7983 demultiplexing rule and at least a
     * header's worth of bytes is present. Cheap; no allocation.
     */
    public static boolean firstByteIsStun(byte[] buf, int off, int len) {
        return len > 0 && (buf[off] & 0xFF) <= 3;
    }

    /**
     * The total length (header plus declared message length) of the STUN message starting at
     * {@code off}, or -1 when fewer than 4 bytes are available. Used by stream framing, which then
     * waits until that many bytes are buffered.
     */
    public static int peekTotalLength(byte[] buf, int off, int len) {
        if (len < 4) {
            return -1;
        }
        return HEADER_LENGTH + u16(buf, off + LENGTH_OFFSET);
    }

    /** True when bytes 4..7 hold the RFC 5389 magic cookie (at least 8 bytes must be present). */
    public static boolean hasMagicCookie(byte[] buf, int off, int len) {
        return len >= 8 && u32(buf, off + COOKIE_OFFSET) == MAGIC_COOKIE;
    }

    /**
     * Decodes the message at {@code buf[off .. off+len)}. Bytes after the declared message length are
     * ignored (the caller framed them).
     *
     * @throws IndexOutOfBoundsException only when {@code off/len} are outside {@code buf} (a caller bug)
     */
    public static StunDecodeResult decode(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!firstByteIsStun(buf, off, len)) {
            return StunDecodeResult.NOT_STUN;
        }
        boolean cookie = hasMagicCookie(buf, off, len);
        if (len < HEADER_LENGTH) {
            return cookie ? new StunDecodeResult.Malformed(
                    "incomplete header: " + len + " bytes (expected: 20+ bytes)", 0) : StunDecodeResult.NOT_STUN;
        }
        int type = u16(buf, off + TYPE_OFFSET);
        int msgLen = u16(buf, off + LENGTH_OFFSET);
        int available = len - HEADER_LENGTH;
        // [MS-TURN] 2.2.2: "The Magic Cookie attribute MUST be the first attribute in all TURN messages".
        boolean msFirst = msgLen >= ATTRIBUTE_HEADER_LENGTH && available >= ATTRIBUTE_HEADER_LENGTH
                && u16(buf, off + HEADER_LENGTH) == StunAttributeType.MS_MAGIC_COOKIE;
        StunDialect dialect = msFirst ? StunDialect.MS_TURN : cookie ? StunDialect.RFC5389 : StunDialect.RFC3489;
        boolean claimsStun = cookie || msFirst;
        if (msgLen > available) {
            return claimsStun ? new StunDecodeResult.Malformed("message length " + msgLen + " past the "
                    + available + " bytes after the header (expected: at most " + available + ")", LENGTH_OFFSET)
                    : StunDecodeResult.NOT_STUN;
        }
        if (dialect == StunDialect.RFC5389 && (msgLen & 3) != 0) {
            return new StunDecodeResult.Malformed("message length " + msgLen
                    + " is not a multiple of 4 (expected: padded attributes, RFC 5389 §6)", LENGTH_OFFSET);
        }
        if (dialect == StunDialect.RFC3489 && (!isClassicType(type) || msgLen != available)) {
            // without a cookie only a known classic type that fills the bytes exactly counts as STUN
            return StunDecodeResult.NOT_STUN;
        }
        try {
            return new StunDecodeResult.Decoded(decodeBody(buf, off, type, msgLen, dialect));
        } catch (MalformedAttribute e) {
            if (dialect == StunDialect.RFC3489) {
                return StunDecodeResult.NOT_STUN;
            }
            return new StunDecodeResult.Malformed(e.getMessage(), e.offset);
        }
    }

    /** RFC 3489 §11.1 types, plus the [MS-TURN] 2.2.1 types that share the classic header. */
    static boolean isClassicType(int type) {
        return switch (type) {
            case 0x0001, 0x0101, 0x0111, 0x0002, 0x0102, 0x0112,
                 0x0003, 0x0103, 0x0113, 0x0004, 0x0115, 0x0006, 0x0106, 0x0116 -> true;
            default -> false;
        };
    }

    private static StunMessage decodeBody(byte[] buf, int base, int type, int msgLen, StunDialect dialect)
            throws MalformedAttribute {
        Fields f = new Fields();
        f.dialect = dialect;
        methodAndClass(type, dialect, f);
        int end = HEADER_LENGTH + msgLen;
        int pos = HEADER_LENGTH;
        int count = 0;
        while (pos < end) {
            if (++count > MAX_ATTRIBUTES) {
                throw new MalformedAttribute("more than " + MAX_ATTRIBUTES + " attributes (expected: at most "
                        + MAX_ATTRIBUTES + ")", pos);
            }
            if (end - pos < ATTRIBUTE_HEADER_LENGTH) {
                throw new MalformedAttribute("attribute header truncated: " + (end - pos)
                        + " bytes (expected: 4)", pos);
            }
            int at = u16(buf, base + pos);
            int alen = u16(buf, base + pos + 2);
            int vpos = pos + ATTRIBUTE_HEADER_LENGTH;
            if (alen > end - vpos) {
                throw new MalformedAttribute(String.format("attribute 0x%04X length %d past the message end "
                        + "(expected: at most %d)", at, alen, end - vpos), pos);
            }
            // RFC 5389 §15: values are padded to a multiple of 4; MS-TURN and RFC 3489 do not pad. The
            // padding always fits: the message length and every attribute start are multiples of 4.
            int consumed = dialect == StunDialect.RFC5389 ? Math.min((alen + 3) & ~3, end - vpos) : alen;
            if (count == 1 && at == StunAttributeType.MS_MAGIC_COOKIE) {
                if (alen != 4 || u32(buf, base + vpos) != MS_MAGIC_COOKIE) {
                    throw new MalformedAttribute(String.format("MAGIC-COOKIE length %d value 0x%08X "
                                    + "(expected: length 4, 0x%08X)", alen, alen >= 4 ? u32(buf, base + vpos) : 0,
                            MS_MAGIC_COOKIE), pos);
                }
            }
            f.attributes.add(new StunMessage.Attribute(new StunAttributeType(at), pos, alen));
            StunAttributes.decode(f, buf, base, at, base + vpos, alen, pos);
            pos = vpos + consumed;
        }
        return new StunMessage(dialect, type, f.method, f.messageClass,
                HEX.formatHex(buf, base + COOKIE_OFFSET, base + HEADER_LENGTH), HEADER_LENGTH + msgLen,
                f.attributes, f.mapped, f.relayed, f.relayedIpv6, f.peers, f.lifetime, f.errorCode, f.errorReason,
                f.realm, f.nonce, f.username, f.software, f.messageIntegrity, f.fingerprintOk, f.msVersion,
                f.msSequence, f.msServiceQuality, f.channelNumber, f.dataLength, f.requestedTransport,
                f.alternateServer, f.irregular);
    }

    private static void methodAndClass(int type, StunDialect dialect, Fields f) {
        if (dialect != StunDialect.RFC5389) {
            // [MS-TURN] 2.2.1: 0x0004 is a Send request and 0x0115 a Data indication, not RFC decodings
            switch (type) {
                case 0x0004 -> {
                    f.method = StunMethod.SEND;
                    f.messageClass = StunClass.REQUEST;
                    return;
                }
                case 0x0115 -> {
                    f.method = StunMethod.DATA;
                    f.messageClass = StunClass.INDICATION;
                    return;
                }
                case 0x0006, 0x0106, 0x0116 -> {
                    f.method = StunMethod.SET_ACTIVE_DESTINATION;
                    f.messageClass = StunClass.ofType(type);
                    return;
                }
                default -> {
                }
            }
        }
        f.method = StunMethod.ofRfcBits(StunMethod.methodBits(type));
        f.messageClass = StunClass.ofType(type);
    }

    /** Reads an address attribute (RFC 5389 §15.1/15.2), XORed with message bytes 4..19 when asked. */
    static TransportAddress address(byte[] buf, int base, int p, int alen, boolean xor, int at, int pos)
            throws MalformedAttribute {
        if (alen != 8 && alen != 20) {
            throw new MalformedAttribute(String.format("address attribute 0x%04X length %d (expected: 8 or 20)",
                    at, alen), pos);
        }
        int family = buf[p + 1] & 0xFF;
        int n = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (n < 0) {
            throw new MalformedAttribute(String.format("address attribute 0x%04X family %d (expected: 1 IPv4 "
                    + "or 2 IPv6)", at, family), pos);
        }
        if (alen != 4 + n) {
            throw new MalformedAttribute(String.format("address attribute 0x%04X family %d with length %d "
                    + "(expected: %d)", at, family, alen, 4 + n), pos);
        }
        int port = u16(buf, p + 2);
        byte[] ip = Arrays.copyOfRange(buf, p + 4, p + 4 + n);
        if (xor) {
            // RFC 5389 §15.2: port ^ cookie>>16, address ^ cookie(||txid). [MS-TURN] 2.2.2.16 XORs with the
            // 128-bit transaction id, which starts at the same byte 4, so one rule covers both.
            port ^= u16(buf, base + COOKIE_OFFSET);
            for (int i = 0; i < n; i++) {
                ip[i] ^= buf[base + COOKIE_OFFSET + i];
            }
        }
        return new TransportAddress(IpAddress.copyOf(ip, 0, n), port);
    }

    static String text(byte[] buf, int p, int alen, int max, String name, int pos) throws MalformedAttribute {
        if (alen > max) {
            throw new MalformedAttribute(name + " length " + alen + " (expected: at most " + max + ")", pos);
        }
        return new String(buf, p, alen, StandardCharsets.UTF_8);
    }

    static void fixed(int alen, int expected, String name, int pos) throws MalformedAttribute {
        if (alen != expected) {
            throw new MalformedAttribute(name + " length " + alen + " (expected: " + expected + ")", pos);
        }
    }

    static boolean fingerprintMatches(byte[] buf, int base, int attrPos, int p) {
        CRC32 crc = new CRC32();
        crc.update(buf, base, attrPos);
        return ((crc.getValue() ^ FINGERPRINT_XOR) & 0xFFFFFFFFL) == u32(buf, p);
    }

    static String hex(byte[] buf, int from, int to) {
        return HEX.formatHex(buf, from, to);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    /** Mutable collector used while one message decodes. */
    static final class Fields {
        StunDialect dialect;
        StunMethod method;
        StunClass messageClass;
        final List<StunMessage.Attribute> attributes = new ArrayList<>();
        final List<TransportAddress> peers = new ArrayList<>(2);
        final List<String> irregular = new ArrayList<>(0);
        TransportAddress mapped;
        boolean mappedIsXor;
        TransportAddress relayed;
        TransportAddress relayedIpv6;
        long lifetime = -1;
        int errorCode;
        String errorReason;
        String realm;
        String nonce;
        String username;
        String software;
        boolean messageIntegrity;
        Boolean fingerprintOk;
        long msVersion = -1;
        StunMessage.MsSequence msSequence;
        StunMessage.MsServiceQuality msServiceQuality;
        int channelNumber = -1;
        int dataLength = -1;
        int requestedTransport = -1;
        TransportAddress alternateServer;
    }

    /** A bad attribute, turned into {@link StunDecodeResult.Malformed} once, in {@link #decode}. */
    static final class MalformedAttribute extends Exception {
        final int offset;

        MalformedAttribute(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }
}
