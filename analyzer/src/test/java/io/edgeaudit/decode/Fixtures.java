package io.edgeaudit.decode;

/**
 * Valid headers for the decoder tests, one commented field per line. Tests take these and break
 * exactly one field at its named offset.
 */
public final class Fixtures {
    public static final String CLIENT4 = "192.0.2.10";
    public static final String SERVER4 = "198.51.100.20";
    public static final String CLIENT6 = "2001:db8::10";
    public static final String SERVER6 = "2001:db8::20";

    /** Offsets within the headers below. */
    public static final int ETHERNET_TYPE = 12;
    public static final int IPV4_TOTAL_LENGTH = 2;
    public static final int IPV4_FRAGMENT = 6;
    public static final int IPV4_PROTOCOL = 9;
    public static final int IPV6_PAYLOAD_LENGTH = 4;
    public static final int IPV6_NEXT_HEADER = 6;
    public static final int TCP_DATA_OFFSET = 12;
    public static final int UDP_LENGTH = 4;

    private Fixtures() {
    }

    /** Ethernet II header, 14 bytes. */
    public static Wire ethernet(int etherType) {
        return new Wire()
                .bytes(0x02, 0, 0, 0, 0, 0x02)   // destination MAC
                .bytes(0x02, 0, 0, 0, 0, 0x01)   // source MAC
                .u16(etherType);                 // EtherType
    }

    /** IPv4 header without options, 20 bytes, CLIENT4 -> SERVER4. */
    public static Wire ipv4(int protocol, int payloadLength) {
        return ipv4(protocol, payloadLength, 0x1234, 0x4000);
    }

    /**
     * @param fragmentField flags (DF 0x4000, MF 0x2000) and 13-bit offset in 8-byte units
     */
    public static Wire ipv4(int protocol, int payloadLength, int id, int fragmentField) {
        return new Wire()
                .u8(0x45)                        // version 4, IHL 5 (20 bytes)
                .u8(0)                           // DSCP/ECN
                .u16(20 + payloadLength)         // total length
                .u16(id)                         // identification
                .u16(fragmentField)              // flags, fragment offset
                .u8(64)                          // TTL
                .u8(protocol)                    // protocol
                .u16(0)                          // header checksum (not checked)
                .ip(CLIENT4)                     // source
                .ip(SERVER4);                    // destination
    }

    /** IPv6 fixed header, 40 bytes, CLIENT6 -> SERVER6. */
    public static Wire ipv6(int nextHeader, int payloadLength) {
        return new Wire()
                .u32(0x6000_0000L)               // version 6, traffic class 0, flow label 0
                .u16(payloadLength)              // payload length (extension headers included)
                .u8(nextHeader)                  // next header
                .u8(64)                          // hop limit
                .ip(CLIENT6)                     // source
                .ip(SERVER6);                    // destination
    }

    /** TCP header without options, 20 bytes, 49152 -> 443. */
    public static Wire tcp(int flags) {
        return new Wire()
                .u16(49152)                      // source port
                .u16(443)                        // destination port
                .u32(0x1000_0001L)               // sequence number
                .u32(0x2000_0002L)               // acknowledgment number
                .u8(0x50)                        // data offset 5 (20 bytes), reserved
                .u8(flags)                       // flags
                .u16(65535)                      // window
                .u16(0)                          // checksum (not checked)
                .u16(0);                         // urgent pointer
    }

    /** UDP header, 8 bytes, 50000 -> 3478. */
    public static Wire udp(int payloadLength) {
        return new Wire()
                .u16(50000)                      // source port
                .u16(3478)                       // destination port
                .u16(8 + payloadLength)          // length (header included)
                .u16(0);                         // checksum (not checked)
    }

    /** ICMP/ICMPv6 header, 8 bytes. */
    public static Wire icmp(int type, int code) {
        return new Wire()
                .u8(type)                        // type
                .u8(code)                        // code
                .u16(0)                          // checksum (not checked)
                .u32(0);                         // rest of header (unused / MTU / pointer)
    }

    /** {@code n} payload bytes 0xAB. */
    public static byte[] payload(int n) {
        return new Wire().fill(n, 0xab).toArray();
    }
}
