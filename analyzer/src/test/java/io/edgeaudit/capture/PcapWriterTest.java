package io.edgeaudit.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    private static final byte[] FRAME = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void writesLittleEndianHeaderAndRecordWithMicroseconds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535, false)) {
            w.writeFrame(1_700_000_000_123_456_789L, FRAME, 2, 4, 60);
        }
        byte[] expected = {
                (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, // magic a1b2c3d4, little-endian: microseconds
                2, 0, 4, 0,                                         // version 2.4
                0, 0, 0, 0,                                         // thiszone
                0, 0, 0, 0,                                         // sigfigs
                (byte) 0xff, (byte) 0xff, 0, 0,                     // snaplen 65535
                1, 0, 0, 0,                                         // link type 1 Ethernet
                0x00, (byte) 0xf1, 0x53, 0x65,                      // seconds 1700000000
                0x40, (byte) 0xe2, 0x01, 0x00,                      // microseconds 123456 (ns cut, not rounded)
                4, 0, 0, 0,                                         // captured length
                60, 0, 0, 0,                                        // original length
                3, 4, 5, 6                                          // data from offset 2
        };
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void cutsFramesLongerThanSnaplenAndKeepsOriginalLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.RAW, 6, true)) {
            w.writeFrame(5, FRAME, 0, 10, 10);
        }
        byte[] b = out.toByteArray();
        assertEquals(24 + 16 + 6, b.length);
        assertEquals(6, b[24 + 8]);   // captured length cut to the snaplen
        assertEquals(10, b[24 + 12]); // original length kept
        assertEquals(5, b[24 + 4]);   // nanoseconds kept as they are
    }

    @Test
    void rejectsTimestampsPcapCannotHold() throws IOException {
        try (PcapWriter w = new PcapWriter(OutputStream.nullOutputStream(), LinkType.ETHERNET, 100, false)) {
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(-1, FRAME, 0, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame((1L << 32) * 1_000_000_000L, FRAME, 0, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> w.writeFrame(0, FRAME, 0, 4, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> w.writeFrame(0, FRAME, 8, 4, 4));
        }
    }

    @Test
    void writesFramesLargerThanItsBufferIntact() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 262_144, false)) {
            w.writeFrame(0, FRAME, 0, 10, 10);
            w.writeFrame(0, big, 0, big.length, big.length);
            w.writeFrame(0, FRAME, 0, 10, 10);
        }
        byte[] b = out.toByteArray();
        assertEquals(24 + 3 * 16 + 20 + 200_000, b.length);
        assertEquals((byte) 199_999, b[24 + 16 + 10 + 16 + 199_999]);
    }

    @Test
    void tsharkReadsWhatItWrites(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        Path file = dir.resolve("w.pcap");
        byte[] udp = TestPackets.ipv4Udp();
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.RAW, 262_144, true)) {
            w.writeFrame(1_700_000_000_000_000_001L, udp, 0, udp.length, udp.length);
            w.writeFrame(1_700_000_001_500_000_000L, udp, 0, 20, udp.length);
        }
        Tshark.Result r = Tshark.fields(file, "frame.time_epoch", "frame.cap_len", "frame.len", "udp.dstport");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(
                "1700000000.000000001\t" + udp.length + "\t" + udp.length + "\t3478",
                "1700000001.500000000\t20\t" + udp.length + "\t"), r.lines());
    }
}
