package io.edgeaudit.gen;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowScriptTest {

    @Test
    void parsesDirectivesOffsetsAndKeys() {
        FlowScript s = FlowScript.parse("t.flows", """
                # a comment
                @start 2026-11-24T08:00:00Z
                @format pcapng
                +1.5 tcp 203.0.113.10:50123 > 198.51.100.10:5061 data=3 bytes=200   # trailing comment
                udp [2001:db8::1]:5000 > [2001:db8::2]:3478 pkts=2 replies=0 vlan=10.20
                """);
        assertEquals("pcapng", s.format());
        assertEquals(2, s.flows().size());
        ScriptFlow tcp = s.flows().get(0);
        assertEquals(1_500_000_000L, tcp.startNs());
        assertEquals(5061, tcp.dstPort());
        assertEquals("3", tcp.keys().get("data"));
        assertEquals(5, s.flows().get(1).line());
        assertEquals("2001:db8::2", s.flows().get(1).dst().toString());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "tcp 1.2.3.4:1 > 5.6.7.8:2 pkts=3               | unknown key 'pkts' for tcp",
            "udp 1.2.3.4:1 > [2001:db8::1]:2                | different address families",
            "tcp 1.2.3.4 > 5.6.7.8:2                        | expected ADDRESS:PORT",
            "tcp 1.2.3.4:70000 > 5.6.7.8:2                  | port 70000",
            "tcp 1.2.3.4:1 5.6.7.8:2                        | expected '[+SECONDS] PROTO SRC > DST",
            "sctp 1.2.3.4:1 > 5.6.7.8:2                     | 'sctp' (expected one of: tcp, udp, icmp)",
            "udp 1.2.3.4:1 > 5.6.7.8:2 payload=0g           | ",
            "udp 1.2.3.4:1 > 5.6.7.8:2 vlan=5000            | vlan id 5000",
            "tcp 1.2.3.4:1 > 5.6.7.8:2 state=half           | 'half'",
            "@link token-ring                               | 'token-ring'",
    })
    void rejectsBadLinesNamingTheLine(String line, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlowScript.parse("bad.flows", "\n" + line + "\n"));
        assertTrue(e.getMessage().startsWith("bad.flows:2: "), e.getMessage());
        if (expected != null) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }
}
