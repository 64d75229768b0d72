package io.edgeaudit.net;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address as (family, raw bytes): the value a flow key and a rule compare. Unlike
 * {@link InetAddress}, an IPv4-mapped IPv6 address stays IPv6, and parsing never touches DNS.
 * Immutable; {@link #toString()} round-trips through {@link #parse}.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] bytes;
    private final int hash;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code length} (4 or 16) bytes from {@code buf} at {@code offset}. */
    public static IpAddress copyOf(byte[] buf, int offset, int length) {
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("address length " + length + " (expected: 4 or 16)");
        }
        return new IpAddress(Arrays.copyOfRange(buf, offset, offset + length));
    }

    /**
     * Parses an IPv4 dotted quad or IPv6 text, without DNS.
     *
     * @throws IllegalArgumentException when the text is not an IP literal
     */
    public static IpAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        InetAddress a = InetAddresses.forString(t);
        byte[] raw = a.getAddress();
        // InetAddresses turns "::ffff:1.2.3.4" into an Inet4Address; keep what the user wrote.
        if (a instanceof Inet4Address && t.contains(":")) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            raw = mapped;
        }
        return new IpAddress(raw);
    }

    /** True when {@code text} parses as an IP literal. */
    public static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** 4 or 16. */
    public int length() {
        return bytes.length;
    }

    /** The byte at {@code i}, unsigned. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /** A copy of the raw bytes, network order. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** True when these bytes equal {@code length} bytes of {@code buf} at {@code offset}; no allocation. */
    public boolean matches(byte[] buf, int offset, int length) {
        return length == bytes.length && Arrays.equals(bytes, 0, length, buf, offset, offset + length);
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes always make an address", e);
        }
    }

    /**
     * True for addresses that are not publicly routable: RFC 1918, loopback, link-local, CGNAT
     * 100.64/10, 0/8, benchmarking 198.18/15, multicast, reserved 240/4, IPv6 ULA fc00::/7, fe80::/10,
     * ::1 and ::. Documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) count
     * as public, because examples and labs use them to stand for public addresses.
     */
    public boolean isPrivateOrReserved() {
        if (isIpv4()) {
            int a = byteAt(0), b = byteAt(1);
            return a == 10 || a == 127 || a == 0 || a >= 224
                    || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168)
                    || (a == 169 && b == 254)
                    || (a == 100 && b >= 64 && b <= 127)
                    || (a == 198 && (b == 18 || b == 19));
        }
        int a = byteAt(0);
        boolean allZeroBut15 = true;
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                allZeroBut15 = false;
                break;
            }
        }
        return (a & 0xfe) == 0xfc || (a == 0xfe && (byteAt(1) & 0xc0) == 0x80) || a == 0xff
                || (allZeroBut15 && (bytes[15] == 0 || bytes[15] == 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** IPv4 before IPv6, then byte order. */
    @Override
    public int compareTo(IpAddress o) {
        if (bytes.length != o.bytes.length) {
            return Integer.compare(bytes.length, o.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** Dotted quad, or RFC 5952 IPv6 text. */
    @Override
    public String toString() {
        if (isIpv4()) {
            return byteAt(0) + "." + byteAt(1) + "." + byteAt(2) + "." + byteAt(3);
        }
        if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff && isZero(0, 10)) {
            return "::ffff:" + byteAt(12) + "." + byteAt(13) + "." + byteAt(14) + "." + byteAt(15);
        }
        return ipv6Text();
    }

    /**
     * RFC 5952 text: groups in lower-case hex without leading zeros; the longest run of two or more
     * zero groups (the first of equal runs) written "::". What Guava's InetAddresses.toAddrString
     * writes (IpAddressTest compares them), without making an InetAddress, a String per group and an
     * int[] on every call: flows prints two addresses a flow.
     */
    private String ipv6Text() {
        int runStart = -1;
        int runLength = 1; // a run must be longer than this to be compressed
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(j) == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                b.append("::");
                i += runLength - 1;
                continue;
            }
            if (i > 0 && i != runStart + runLength) {
                b.append(':');
            }
            int g = group(i);
            for (int shift = 12; shift >= 0; shift -= 4) {
                if (g >>> shift != 0 || shift == 0) { // no leading zeros
                    b.append(Character.forDigit((g >>> shift) & 0xf, 16));
                }
            }
        }
        return b.toString();
    }

    /** The 16-bit group {@code i} (0 to 7) of an IPv6 address. */
    private int group(int i) {
        return (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
    }

    private boolean isZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
