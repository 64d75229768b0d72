package io.edgeaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {

    @Test
    void everyBlockLengthIsAMultipleOfFourAndMatchesItsTrailer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int eth = w.addInterface(LinkType.ETHERNET, 0, "eth0");
            w.writePacket(eth, 1, new byte[] {1, 2, 3}, 0, 3, 3, Direction.OUTBOUND, "odd length é");
            w.writePacket(eth, 2, new byte[] {1, 2, 3, 4}, 0, 4, 9, Direction.UNKNOWN, null);
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = 0;
        while (b.hasRemaining()) {
            int start = b.position();
            int length = b.getInt(start + 4);
            assertEquals(0, length % 4, "block " + blocks);
            assertEquals(length, b.getInt(start + length - 4), "trailer of block " + blocks);
            b.position(start + length);
            blocks++;
        }
        assertEquals(4, blocks);
    }

    @Test
    void rejectsUnknownInterfaceNegativeTimeAndOversizeComment() throws IOException {
        try (PcapngWriter w = new PcapngWriter(OutputStream.nullOutputStream())) {
            byte[] p = {1};
            assertThrows(IndexOutOfBoundsException.class, () -> w.writePacket(0, 0, p, 0, 1, 1, Direction.UNKNOWN, null));
            int i = w.addInterface(LinkType.RAW, 0, null);
            assertThrows(IllegalArgumentException.class, () -> w.writePacket(i, -1, p, 0, 1, 1, Direction.UNKNOWN, null));
            assertThrows(IllegalArgumentException.class,
                    () -> w.writePacket(i, 0, p, 0, 1, 1, Direction.UNKNOWN, "x".repeat(70_000)));
        }
    }

    @Test
    void tsharkShowsInterfaceNamesDirectionsAndComments(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        Path file = dir.resolve("evidence.pcapng");
        byte[] udp = TestPackets.ipv4Udp();
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(file))) {
            int outside = w.addInterface(LinkType.RAW, 0, "edge-external");
            int inside = w.addInterface(LinkType.RAW, 262_144, "edge-internal");
            w.writePacket(outside, 1_700_000_000_000_000_007L, udp, 0, udp.length, udp.length,
                    Direction.INBOUND, "SNAT: source rewritten by HLB");
            w.writePacket(inside, 1_700_000_000_000_001_000L, udp, 0, udp.length - 1, udp.length,
                    Direction.OUTBOUND, null);
            w.writePacket(inside, 1_700_000_000_000_002_000L, udp, 0, udp.length, udp.length,
                    Direction.UNKNOWN, "x".repeat(65_535));
        }
        Tshark.Result r = Tshark.fields(file, "frame.time_epoch", "frame.interface_name",
                "frame.packet_flags_direction", "frame.cap_len", "frame.len", "udp.dstport", "frame.comment");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(3, r.lines().size(), r.lines().toString());
        assertEquals(List.of("1700000000.000000007", "edge-external", "0x00000001", "32", "32", "3478",
                "SNAT: source rewritten by HLB"), List.of(r.lines().get(0).split("\t", -1)));
        assertEquals(List.of("1700000000.000001000", "edge-internal", "0x00000002", "31", "32", "3478", ""),
                List.of(r.lines().get(1).split("\t", -1)));
        assertEquals(65_535, r.lines().get(2).split("\t", -1)[6].length());
    }
}
