package io.edgeaudit.inspect.stun;

import static io.edgeaudit.inspect.stun.Bytes.hex;

/**
 * Test helper: RFC 5389 messages whose address attributes are XOR-encoded here (RFC 5389 §15.2), for
 * scenario tests. The decoder's own XOR handling is pinned by the RFC 5769 vectors in {@link StunDecoderTest}.
 */
public final class StunBuilder {
    private StunBuilder() {
    }

    /** An XOR-encoded IPv4 address attribute value for an RFC 5389 message. */
    public static byte[] xorV4(String address) {
        TransportAddress a = TransportAddress.parse(address);
        byte[] ip = a.ip().toBytes();
        byte[] cookie = hex("2112a442");
        byte[] v = new byte[8];
        v[1] = 1;
        int port = a.port() ^ 0x2112;
        v[2] = (byte) (port >> 8);
        v[3] = (byte) port;
        for (int i = 0; i < 4; i++) {
            v[4 + i] = (byte) (ip[i] ^ cookie[i]);
        }
        return v;
    }

    public static byte[] allocateRequest(String txid12) {
        return Bytes.rfc5389(0x0003, txid12, 0x0019, hex("11000000"));
    }

    public static byte[] allocateSuccess(String txid12, String relayed, String mapped) {
        return Bytes.rfc5389(0x0103, txid12, 0x0016, xorV4(relayed), 0x0020, xorV4(mapped), 0x000D, hex("00000258"));
    }

    public static byte[] allocateError(String txid12, int code, String reason) {
        byte[] r = reason.getBytes();
        byte[] v = new byte[4 + r.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(r, 0, v, 4, r.length);
        return Bytes.rfc5389(0x0113, txid12, 0x0009, v);
    }

    public static byte[] bindingRequest(String txid12) {
        return Bytes.rfc5389(0x0001, txid12);
    }
}
