package io.edgeaudit.report.evidence;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureSource;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import io.edgeaudit.decode.Packet;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EvidenceWriterTest {
    private static final long T0 = 1_795_000_000_000_000_000L;
    private static final String FILE = "ext.pcap";

    /** Ethernet II + IPv4 (no options) + UDP with 4 payload bytes: 46 bytes. */
    static byte[] udpFrame(String src, int sport, String dst, int dport) {
        byte[] f = new byte[14 + 20 + 8 + 4];
        f[12] = 0x08;                                        // EtherType 0x0800 IPv4
        f[14] = 0x45;                                        // version 4, IHL 5
        f[16 + 1] = 20 + 8 + 4;                              // total length 32
        f[14 + 8] = 64;                                      // TTL
        f[14 + 9] = 17;                                      // protocol UDP
        System.arraycopy(IpAddress.parse(src).toBytes(), 0, f, 14 + 12, 4);
        System.arraycopy(IpAddress.parse(dst).toBytes(), 0, f, 14 + 16, 4);
        f[34] = (byte) (sport >> 8);                         // UDP source port
        f[35] = (byte) sport;
        f[36] = (byte) (dport >> 8);                         // UDP destination port
        f[37] = (byte) dport;
        f[39] = 12;                                          // UDP length 12
        return f;
    }

    /** Fills the packet fields the selector reads, for frames built by {@link #udpFrame} only. */
    static void decodeFixedLayout(Frame frame, Packet p) {
        p.reset(frame);
        byte[] b = frame.data();
        p.ipVersion = 4;
        p.addrLength = 4;
        p.srcAddrOffset = 14 + 12;
        p.dstAddrOffset = 14 + 16;
        p.transport = b[14 + 9];
        p.srcPort = ((b[34] & 0xff) << 8) | (b[35] & 0xff);
        p.dstPort = ((b[36] & 0xff) << 8) | (b[37] & 0xff);
        p.hasPorts = true;
    }

    /** A source over prepared frames, one file. */
    static final class ListSource implements CaptureSource {
        final CaptureFile file = new CaptureFile(0, FILE);
        final List<byte[]> frames = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final Frame frame = new Frame();
        int i;

        void add(long ts, byte[] bytes) {
            frames.add(bytes);
            times.add(ts);
        }

        @Override
        public boolean next() {
            if (i == frames.size()) {
                return false;
            }
            byte[] d = frames.get(i);
            frame.set(file, i + 1, 24 + i * 62L, 40 + i * 62L, times.get(i), LinkType.ETHERNET, d, 0, d.length,
                    d.length, 0, "ext0", Direction.UNKNOWN);
            i++;
            return true;
        }

        @Override
        public Frame frame() {
            return frame;
        }

        @Override
        public List<CaptureFile> files() {
            return List.of(file);
        }

        @Override
        public void close() {
        }
    }

    static Violation violation(ViolationKind kind, String uid, String orig, int op, String resp, int rp, long from,
                               long to, String explanation) {
        return new Violation(kind, kind.defaultSeverity(), uid, "udp", orig, op, resp, rp, "external",
                "ext-vip-av-udp3478", "external-vip#7", "why", new Evidence(List.of(FILE), List.of(), from, to, 2, 92),
                explanation);
    }

    private static ListSource capture() {
        ListSource s = new ListSource();
        s.add(T0, udpFrame("198.51.100.2", 50007, "198.51.100.12", 3478));          // 1 F7 request
        s.add(T0 + 1_000, udpFrame("203.0.113.5", 40000, "198.51.100.12", 3478));   // 2 allowed flow
        s.add(T0 + 2_000, udpFrame("198.51.100.12", 3478, "198.51.100.2", 50007));  // 3 F7 response
        s.add(T0 + 3_000, udpFrame("203.0.113.66", 5000, "198.51.100.10", 8080));   // 4 F99
        // 5: same 5-tuple as F7 but after its window: a later flow, not evidence
        s.add(T0 + 90_000_000_000L, udpFrame("198.51.100.2", 50007, "198.51.100.12", 3478));
        return s;
    }

    private static List<Violation> violations() {
        return List.of(
                violation(ViolationKind.SNAT_ON_AV, "F7", "198.51.100.2", 50007, "198.51.100.12", 3478, T0, T0 + 2_000,
                        "The A/V Edge saw the load balancer as the client."),
                violation(ViolationKind.AV_RESPONSE_SOURCE, "F7", "198.51.100.2", 50007, "198.51.100.12", 3478, T0,
                        T0 + 2_000, "second finding on the same flow"),
                violation(ViolationKind.UNEXPECTED_PORT, "F99", "203.0.113.66", 5000, "198.51.100.10", 8080, T0 + 3_000,
                        T0 + 3_000, "No rule allows UDP 8080 <script>alert(1)</script>"),
                violation(ViolationKind.UNEXPECTED_PORT, "F100", "203.0.113.67", 5000, "198.51.100.10", 8080, T0,
                        T0 + 5, "not in this capture"));
    }

    @Test
    void writesOnlyTheViolatingFlowsPacketsWithinTheirWindows(@TempDir Path dir) throws IOException {
        EvidenceWriter.Result r = EvidenceWriter.write(violations(), capture(), EvidenceWriterTest::decodeFixedLayout,
                dir.resolve("evidence.pcapng"));
        assertEquals(3, r.packets());
        assertEquals(2, r.flows());
        assertEquals(List.of("F100"), r.flowsNotFound());
        assertEquals(0, r.packetsLeftOut());
    }

    @Test
    void tsharkShowsTheViolationInEachPacketComment(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (.ci/run installs it)");
        Path out = dir.resolve("evidence.pcapng");
        EvidenceWriter.write(violations(), capture(), EvidenceWriterTest::decodeFixedLayout, out);
        Process p = new ProcessBuilder("tshark", "-n", "-r", out.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "udp.srcport", "-e", "frame.comment").redirectErrorStream(false).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
        List<String> lines = text.lines().toList();
        assertEquals(3, lines.size(), text);
        assertEquals("1\t50007\tedgeaudit: SNAT_ON_AV [error] flow F7, rule ext-vip-av-udp3478 (external-vip#7): "
                + "The A/V Edge saw the load balancer as the client.; AV_RESPONSE_SOURCE [error] flow F7, rule "
                + "ext-vip-av-udp3478 (external-vip#7): second finding on the same flow", lines.get(0));
        assertEquals("2\t3478\tedgeaudit: SNAT_ON_AV [error] flow F7, rule ext-vip-av-udp3478 (external-vip#7); "
                + "AV_RESPONSE_SOURCE [error] flow F7, rule ext-vip-av-udp3478 (external-vip#7)", lines.get(1));
        assertTrue(lines.get(2).startsWith("3\t5000\tedgeaudit: UNEXPECTED_PORT [error] flow F99"), lines.get(2));
    }

    @Test
    void packetsBeyondThePerFlowCapAreCountedNotWritten(@TempDir Path dir) throws IOException {
        ListSource s = new ListSource();
        int n = EvidenceSelector.MAX_PACKETS_PER_FLOW + 5;
        for (int i = 0; i < n; i++) {
            s.add(T0 + i, udpFrame("198.51.100.2", 50007, "198.51.100.12", 3478));
        }
        EvidenceWriter.Result r = EvidenceWriter.write(List.of(violation(ViolationKind.SNAT_ON_AV, "F7", "198.51.100.2",
                50007, "198.51.100.12", 3478, T0, T0 + n, "x")), s, EvidenceWriterTest::decodeFixedLayout,
                dir.resolve("e.pcapng"));
        assertEquals(EvidenceSelector.MAX_PACKETS_PER_FLOW, r.packets());
        assertEquals(5, r.packetsLeftOut());
    }

    @Test
    void aLongExplanationIsCutToFitAPcapngOption() {
        String huge = "x".repeat(100_000);
        String c = EvidenceSelector.comment(List.of(violation(ViolationKind.SNAT_ON_AV, "F7", "198.51.100.2", 1,
                "198.51.100.12", 3478, 0, 0, huge)), true);
        assertEquals(EvidenceSelector.MAX_COMMENT_CHARS, c.length());
        assertTrue(c.endsWith("\u2026"));
    }
}
