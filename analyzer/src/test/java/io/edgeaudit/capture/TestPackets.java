package io.edgeaudit.capture;

/** Small valid packets for capture tests. */
final class TestPackets {
    private TestPackets() {
    }

    /** IPv4 + UDP 10.0.0.1:40000 -> 10.0.0.2:3478 with 4 payload bytes; checksums zero (UDP: not computed). */
    static byte[] ipv4Udp() {
        return new byte[] {
                0x45, 0,                    // version 4, IHL 5; DSCP/ECN
                0, 32,                      // total length 20 + 8 + 4
                0, 1, 0, 0,                 // identification 1; no fragment
                64, 17,                     // TTL 64, protocol UDP
                0x66, (byte) 0xca,          // header checksum
                10, 0, 0, 1,                // source 10.0.0.1
                10, 0, 0, 2,                // destination 10.0.0.2
                (byte) 0x9c, 0x40,          // source port 40000
                0x0d, (byte) 0x96,          // destination port 3478
                0, 12,                      // UDP length 8 + 4
                0, 0,                       // checksum none
                'p', 'i', 'n', 'g'          // payload
        };
    }
}
