package io.edgeaudit.inspect.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the server_name (RFC 6066 section 3) and ALPN (RFC 7301) extensions of a TLS ClientHello from
 * the first bytes a client sent on a TCP stream. Bounds-checked: every length is checked against the
 * bytes that remain before it is used, and nothing is allocated from a length read from the input
 * beyond {@link #MAX_HELLO} bytes.
 *
 * <pre>
 * TLS record (RFC 8446 5.1)         Handshake (RFC 8446 4)        ClientHello body (RFC 8446 4.1.2)
 *  0 content_type  1  (22)           0 msg_type 1 (1 ClientHello)   0  legacy_version     2
 *  1 legacy_version 2 (3,x)          1 length   3                   2  random            32
 *  3 length        2  (<= 2^14+256)  4 body                        34  session_id   1 + 0..32
 *  5 fragment                                                          cipher_suites 2 + 2..2^16-2
 *                                                                      compression   1 + 1..255
 *                                                                      extensions    2 + ...
 * </pre>
 * A ClientHello may be cut into several handshake records (RFC 8446 5.1); their fragments are joined
 * first, up to {@link #MAX_HELLO} bytes.
 */
public final class ClientHelloParser {
    /** The most ClientHello bytes (record headers included) that are looked at. */
    public static final int MAX_HELLO = 4096;
    /** The longest server name kept, in chars; longer ones end with "...(truncated)". */
    public static final int MAX_NAME = 256;

    static final int RECORD_HEADER = 5;
    static final int CONTENT_HANDSHAKE = 22;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    static final int HANDSHAKE_HEADER = 4;
    static final int RANDOM = 32;
    static final int EXT_SERVER_NAME = 0;
    static final int EXT_ALPN = 16;
    static final int NAME_TYPE_HOST = 0;
    /** RFC 8446 5.1: a record's plaintext is at most 2^14 bytes (+256 tolerated for older stacks). */
    static final int MAX_RECORD = (1 << 14) + 256;
    private static final String TRUNCATED = "...(truncated)";

    /** What the bytes seen so far allow to say. */
    public enum Status {
        /** A whole ClientHello was read; {@code serverName} is null when it carries none. */
        COMPLETE,
        /** So far a valid prefix of a ClientHello: give more bytes. */
        NEED_MORE,
        /** Not a TLS handshake starting with a ClientHello. */
        NOT_CLIENT_HELLO,
        /** A ClientHello with an inconsistent length, or one longer than {@link #MAX_HELLO}. */
        MALFORMED
    }

    /**
     * @param serverName the first host_name of server_name, or null
     * @param alpn       the ALPN protocol names, in order; empty when absent
     * @param problem    for MALFORMED, one line "what (expected: ...)"; otherwise ""
     */
    public record Result(Status status, String serverName, List<String> alpn, String problem) {
        static Result of(Status s) {
            return new Result(s, null, List.of(), "");
        }

        static Result malformed(String problem) {
            return new Result(Status.MALFORMED, null, List.of(), problem);
        }
    }

    private ClientHelloParser() {
    }

    /** Parses {@code len} stream bytes at {@code off} of {@code buf}: the start of the client's stream. */
    public static Result parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return Result.of(Status.NEED_MORE);
        }
        if ((buf[off] & 0xFF) != CONTENT_HANDSHAKE) {
            return Result.of(Status.NOT_CLIENT_HELLO);
        }
        if (len >= 2 && (buf[off + 1] & 0xFF) != 3) {
            return Result.of(Status.NOT_CLIENT_HELLO);
        }
        // join the handshake fragments of consecutive records
        byte[] hs = new byte[Math.min(len, MAX_HELLO)];
        int hsLen = 0;
        int pos = 0;
        int need = -1; // handshake bytes the ClientHello needs, once its header was read
        while (need < 0 || hsLen < need) {
            if (len - pos < RECORD_HEADER) {
                return Result.of(Status.NEED_MORE);
            }
            int type = buf[off + pos] & 0xFF;
            int major = buf[off + pos + 1] & 0xFF;
            int recLen = u16(buf, off + pos + 3);
            if (type != CONTENT_HANDSHAKE || major != 3) {
                return pos == 0 ? Result.of(Status.NOT_CLIENT_HELLO)
                        : Result.malformed("record after " + pos + " bytes is not a handshake (expected: content type 22)");
            }
            if (recLen == 0 || recLen > MAX_RECORD) {
                return Result.malformed("record length " + recLen + " (expected: 1.." + MAX_RECORD + ")");
            }
            pos += RECORD_HEADER;
            int avail = Math.min(recLen, len - pos);
            int copy = Math.min(avail, hs.length - hsLen);
            System.arraycopy(buf, off + pos, hs, hsLen, copy);
            hsLen += copy;
            if (copy < avail && (need < 0 || hsLen < need)) {
                return Result.malformed("ClientHello longer than " + MAX_HELLO + " bytes (expected: at most that)");
            }
            if (need < 0 && hsLen >= HANDSHAKE_HEADER) {
                if ((hs[0] & 0xFF) != HANDSHAKE_CLIENT_HELLO) {
                    return Result.of(Status.NOT_CLIENT_HELLO);
                }
                int bodyLen = u24(hs, 1);
                if (bodyLen > MAX_HELLO - HANDSHAKE_HEADER) {
                    return Result.malformed("ClientHello length " + bodyLen + " (expected: at most "
                            + (MAX_HELLO - HANDSHAKE_HEADER) + ")");
                }
                need = HANDSHAKE_HEADER + bodyLen;
            }
            if (avail < recLen) {
                return need >= 0 && hsLen >= need ? body(hs, need) : Result.of(Status.NEED_MORE);
            }
            pos += recLen;
        }
        return body(hs, need);
    }

    /** The ClientHello of {@code hs[0..end)}, handshake header included; the length is known complete. */
    private static Result body(byte[] hs, int end) {
        int p = HANDSHAKE_HEADER + 2 + RANDOM; // legacy_version, random
        if (p + 1 > end) {
            return Result.malformed("ClientHello of " + (end - HANDSHAKE_HEADER) + " bytes (expected: 38+ bytes)");
        }
        int sid = hs[p] & 0xFF;
        if (sid > 32 || sid > end - p - 1) {
            return Result.malformed("session_id length " + sid + " (expected: 0..32 within the ClientHello)");
        }
        p += 1 + sid;
        if (end - p < 2) {
            return Result.malformed("ClientHello ends before cipher_suites (expected: 2-byte length)");
        }
        int suites = u16(hs, p);
        if (suites < 2 || (suites & 1) != 0 || suites > end - p - 2) {
            return Result.malformed("cipher_suites length " + suites + " (expected: even, 2+ within the ClientHello)");
        }
        p += 2 + suites;
        if (end - p < 1) {
            return Result.malformed("ClientHello ends before compression_methods (expected: 1-byte length)");
        }
        int comp = hs[p] & 0xFF;
        if (comp < 1 || comp > end - p - 1) {
            return Result.malformed("compression_methods length " + comp + " (expected: 1+ within the ClientHello)");
        }
        p += 1 + comp;
        if (p == end) {
            return Result.of(Status.COMPLETE); // no extensions (RFC 5246 7.4.1.2 allows it)
        }
        if (end - p < 2) {
            return Result.malformed("1 byte after compression_methods (expected: 2-byte extensions length)");
        }
        int extLen = u16(hs, p);
        p += 2;
        if (extLen != end - p) {
            return Result.malformed("extensions length " + extLen + " (expected: " + (end - p) + ", the rest)");
        }
        String name = null;
        List<String> alpn = List.of();
        while (p < end) {
            if (end - p < 4) {
                return Result.malformed("extension header of " + (end - p) + " bytes (expected: 4)");
            }
            int type = u16(hs, p);
            int len = u16(hs, p + 2);
            p += 4;
            if (len > end - p) {
                return Result.malformed("extension " + type + " length " + len + " (expected: at most " + (end - p) + ")");
            }
            if (type == EXT_SERVER_NAME && name == null) {
                name = serverName(hs, p, len);
                if (name == null) {
                    return Result.malformed("server_name extension of " + len + " bytes is inconsistent "
                            + "(expected: list length, then type 0, 2-byte length, name)");
                }
            } else if (type == EXT_ALPN) {
                alpn = alpn(hs, p, len);
                if (alpn == null) {
                    return Result.malformed("ALPN extension of " + len + " bytes is inconsistent "
                            + "(expected: list length, then 1-byte length and name each)");
                }
            }
            p += len;
        }
        return new Result(Status.COMPLETE, name == null || name.isEmpty() ? null : name, alpn, "");
    }

    /** The first host_name of a server_name extension (RFC 6066 3), "" when it names none; null if inconsistent. */
    private static String serverName(byte[] b, int p, int len) {
        // server_name in a ClientHello: ServerNameList { uint16 length; ServerName[] } (an empty
        // extension appears only in a ServerHello, RFC 6066 3)
        if (len < 2 || u16(b, p) != len - 2) {
            return null;
        }
        int q = p + 2;
        int end = p + len;
        while (q < end) {
            if (end - q < 3) {
                return null;
            }
            int type = b[q] & 0xFF;
            int n = u16(b, q + 1);
            q += 3;
            if (n > end - q) {
                return null;
            }
            if (type == NAME_TYPE_HOST) {
                return text(b, q, n);
            }
            q += n;
        }
        return "";
    }

    private static List<String> alpn(byte[] b, int p, int len) {
        if (len < 2 || u16(b, p) != len - 2) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int q = p + 2;
        int end = p + len;
        while (q < end) {
            int n = b[q] & 0xFF;
            if (n == 0 || n > end - q - 1) {
                return null;
            }
            out.add(text(b, q + 1, n));
            q += 1 + n;
        }
        return List.copyOf(out);
    }

    /** ASCII text (RFC 6066: host names are ASCII; other bytes become U+FFFD), cut to {@link #MAX_NAME}. */
    private static String text(byte[] b, int p, int n) {
        String s = new String(b, p, Math.min(n, MAX_NAME), StandardCharsets.US_ASCII);
        return n <= MAX_NAME ? s : s.substring(0, MAX_NAME - TRUNCATED.length()) + TRUNCATED;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static int u24(byte[] b, int p) {
        return (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
    }
}
