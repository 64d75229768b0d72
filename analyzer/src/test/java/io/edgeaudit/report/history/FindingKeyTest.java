package io.edgeaudit.report.history;

import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingKeyTest {
    static Violation violation(ViolationKind kind, String rule, String proto, String orig, int origPort, String resp,
                               int respPort) {
        return new Violation(kind, kind.defaultSeverity(), "F1", proto, orig, origPort, resp, respPort, "external",
                rule, "", "why", new Evidence(List.of(), List.of(), 0, 0, 1, 60), "explanation");
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}:{3} is {4}")
    @CsvSource(delimiter = ';', value = {
            // client source port: ephemeral
            "203.0.113.5; 50123; 198.51.100.12; 3478;  udp 203.0.113.5:* -> 198.51.100.12:3478",
            // Edge-to-Edge STUN keeps both 3478s (a service port on both sides)
            "198.51.100.12; 3478; 192.0.2.9; 3478;     udp 198.51.100.12:3478 -> 192.0.2.9:3478",
            // a low source port is kept (DNS server answering from 53 is a different finding)
            "203.0.113.5; 53; 198.51.100.12; 40000;    udp 203.0.113.5:53 -> 198.51.100.12:40000",
            // relay port in the A/V media range: allocation-specific
            "203.0.113.5; 50123; 198.51.100.21; 53127; udp 203.0.113.5:* -> 198.51.100.21:*",
            // CLS agent port 50001 is a service port although it is in the dynamic range
            "10.0.0.5; 61000; 10.0.1.12; 50001;       udp 10.0.0.5:* -> 10.0.1.12:50001",
            // unexpected port below the dynamic range is kept: it is the finding
            "203.0.113.5; 61000; 198.51.100.10; 8080;  udp 203.0.113.5:* -> 198.51.100.10:8080",
            // IPv6 endpoints are bracketed
            "2001:db8::5; 61000; 2001:db8::12; 443;    udp [2001:db8::5]:* -> [2001:db8::12]:443"})
    void ephemeralPortsAreNormalised(String orig, int origPort, String resp, int respPort, String expected) {
        FindingKey k = FindingKey.of(violation(ViolationKind.UNEXPECTED_PORT, "r1", "udp", orig, origPort, resp, respPort));
        assertEquals(expected, k.endpoints());
        assertEquals("UNEXPECTED_PORT|r1|" + expected, k.text());
    }
}
