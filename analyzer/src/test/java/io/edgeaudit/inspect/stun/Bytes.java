package io.edgeaudit.inspect.stun;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Test helper: builds byte arrays from commented hex fragments and patches fields at named offsets. */
public final class Bytes {
    private Bytes() {
    }

    /** Joins hex fragments; spaces inside a fragment are ignored. */
    public static byte[] hex(String... fragments) {
        StringBuilder sb = new StringBuilder();
        for (String f : fragments) {
            sb.append(f.replace(" ", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] putU16(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        c[offset] = (byte) (value >> 8);
        c[offset + 1] = (byte) value;
        return c;
    }

    public static byte[] putU8(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        c[offset] = (byte) value;
        return c;
    }

    /**
     * An RFC 5389 message: header with cookie and the given 12-byte transaction id, then attributes
     * ({@code type, value} pairs) padded to 4.
     */
    public static byte[] rfc5389(int type, String txid12, Object... typeValue) {
        byte[] attrs = attributes(true, typeValue);
        return concat(hex(String.format("%04x%04x", type, attrs.length), "2112a442", txid12), attrs);
    }

    /** Attributes as TLVs; {@code pad} pads each value to 4 (RFC 5389) or not (MS-TURN). */
    public static byte[] attributes(boolean pad, Object... typeValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < typeValue.length; i += 2) {
            int t = (Integer) typeValue[i];
            byte[] v = (byte[]) typeValue[i + 1];
            out.writeBytes(hex(String.format("%04x%04x", t, v.length)));
            out.writeBytes(v);
            if (pad) {
                out.writeBytes(new byte[(4 - v.length % 4) % 4]);
            }
        }
        return out.toByteArray();
    }
}
