package io.edgeaudit.gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CaptureGeneratorTest {
    private static final String SCRIPT = """
            @start 2026-11-24T08:00:00Z
            +0   tcp  203.0.113.10:50123 > 198.51.100.10:5061 data=3
            +0.5 udp  203.0.113.10:50124 > 198.51.100.12:3478 pkts=2 replies=1
            +1   tcp  [2001:db8::1]:40000 > [2001:db8::2]:443 state=refused vlan=100.200
            +2   icmp 198.51.100.21 > 203.0.113.10 quote=udp:203.0.113.10:5000>198.51.100.21:9999
            +3   tcp  203.0.113.11:40000 > 198.51.100.10:443 state=noanswer syns=2
            """;

    @Test
    void sameScriptGivesSameBytes() throws IOException {
        assertArrayEquals(generate(SCRIPT), generate(SCRIPT));
    }

    @Test
    void writesEveryPacketOfEveryFlowInTimeOrder() throws IOException {
        byte[] pcap = generate(SCRIPT);
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0));
        List<Long> ts = new ArrayList<>();
        int off = 24;
        while (off < pcap.length) {
            ts.add(b.getInt(off) * 1_000_000L + b.getInt(off + 4));
            off += 16 + b.getInt(off + 8);
        }
        // tcp ok: 3 handshake + 2*3 data + 3 close; udp: 2 + 1; refused: 2; icmp: 1; noanswer: 2
        assertEquals(12 + 3 + 2 + 1 + 2, ts.size());
        assertEquals(pcap.length, off);
        for (int i = 1; i < ts.size(); i++) {
            assertEquals(true, ts.get(i) >= ts.get(i - 1), "packet " + (i + 1) + " out of order");
        }
    }

    @Test
    void tsharkSeesTheConversationsTheScriptDescribes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed");
        Path pcap = dir.resolve("t.pcap");
        Files.write(pcap, generate(SCRIPT));
        Process p = new ProcessBuilder("tshark", "-q", "-z", "conv,tcp", "-z", "conv,udp", "-r", pcap.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(true, out.contains("203.0.113.10:50123         <-> 198.51.100.10:5061               5 570 bytes       7 678 bytes"), out);
        assertEquals(true, out.contains("203.0.113.10:50124         <-> 198.51.100.12:3478               1 142 bytes       2 284 bytes"), out);
        assertEquals(true, out.contains("2001:db8::1:40000          <-> 2001:db8::2:443                  1 82 bytes        1 82 bytes"), out);
        Process bad = new ProcessBuilder("tshark", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-Y", "_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0 || icmp.checksum.status == 0 || icmpv6.checksum.status == 0")
                .redirectErrorStream(true).start();
        String expert = new String(bad.getInputStream().readAllBytes());
        bad.waitFor(60, TimeUnit.SECONDS);
        assertEquals(false, expert.contains("→"), "tshark flags packets:\n" + expert);
    }

    private static byte[] generate(String script) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureGenerator.write(FlowScript.parse("t.flows", script), out);
        return out.toByteArray();
    }
}
