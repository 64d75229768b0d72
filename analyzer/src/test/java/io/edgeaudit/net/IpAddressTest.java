package io.edgeaudit.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "203.0.113.10", "255.255.255.255", "10.0.0.1", "2001:db8::1", "::",
            "::ffff:192.0.2.1", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1"})
    void theTextParsesBackToTheSameAddress(String text) {
        IpAddress a = IpAddress.parse(text);
        assertEquals(IpAddress.parse(a.toString()), a);
    }

    @Test
    void ipv6TextIsWhatGuavaWritesForEveryShapeOfZeroRuns() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int compressed = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[16];
            for (int g = 0; g < 8; g++) {
                // mostly zero groups, so that runs of every length and position (and ties) occur
                int v = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(0x10000);
                    case 1 -> rnd.nextInt(0x10) << (4 * rnd.nextInt(4));
                    default -> 0;
                };
                b[2 * g] = (byte) (v >>> 8);
                b[2 * g + 1] = (byte) v;
            }
            IpAddress a = IpAddress.copyOf(b, 0, 16);
            java.net.InetAddress inet = java.net.InetAddress.getByAddress(b);
            if (inet instanceof java.net.Inet4Address) {
                continue; // IPv4-mapped: written as ::ffff:a.b.c.d, tested above
            }
            String text = a.toString();
            assertEquals(com.google.common.net.InetAddresses.toAddrString(inet), text);
            assertEquals(a, IpAddress.parse(text));
            if (text.contains("::")) {
                compressed++;
            }
        }
        assertTrue(compressed > 10_000, "compressed runs tried: " + compressed);
    }
}
