package io.edgeaudit.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "203.0.113.10", "255.255.255.255", "10.0.0.1", "2001:db8::1", "::",
            "::ffff:192.0.2.1", "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1"})
    void theTextParsesBackToTheSameAddress(String text) {
        IpAddress a = IpAddress.parse(text);
        assertEquals(IpAddress.parse(a.toString()), a);
    }
}
