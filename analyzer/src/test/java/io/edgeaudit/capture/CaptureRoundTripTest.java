package io.edgeaudit.capture;

import static io.edgeaudit.capture.CaptureBytes.frameData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writers write, the readers read back unchanged. */
class CaptureRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void pcapWriterThenReaderKeepsTimestampsLengthsAndBytes() throws IOException {
        for (boolean nanos : new boolean[] {false, true}) {
            Path file = dir.resolve("rt" + nanos + ".pcap");
            long[] ts = {1_700_000_000_123_456_789L, 0, 4_294_967_295_999_999_999L};
            try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.LINUX_SLL2, 1000, nanos)) {
                for (int i = 0; i < ts.length; i++) {
                    w.writeFrame(ts[i], frameData(100 + i, i), 0, 100 + i, 1500);
                }
            }
            try (CaptureFileReader r = new CaptureFileReader(new CaptureFile(0, "rt"), file)) {
                Frames.Result res = Frames.read(r);
                assertNull(res.error());
                assertEquals(ts.length, res.frames().size());
                for (int i = 0; i < ts.length; i++) {
                    Frames.Copy f = res.frames().get(i);
                    assertEquals(nanos ? ts[i] : ts[i] / 1000 * 1000, f.ts());
                    assertEquals(LinkType.LINUX_SLL2, f.linkType());
                    assertEquals(1500, f.originalLength());
                    assertArrayEquals(frameData(100 + i, i), f.data());
                }
            }
        }
    }

    @Test
    void pcapngWriterThenReaderKeepsInterfacesDirectionsAndBytes() throws IOException {
        Path file = dir.resolve("rt.pcapng");
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(file))) {
            int ext = w.addInterface(LinkType.ETHERNET, 0, "external");
            int raw = w.addInterface(LinkType.RAW, 65535, null);
            w.writePacket(ext, 1_700_000_000_000_000_001L, frameData(61, 1), 0, 61, 61, Direction.INBOUND, "evidence");
            w.writePacket(raw, 1_700_000_000_000_000_002L, frameData(40, 2), 0, 40, 80, Direction.OUTBOUND, null);
            w.writePacket(ext, 1_700_000_000_000_000_003L, frameData(262_144, 3), 0, 262_144, 262_144,
                    Direction.UNKNOWN, "é".repeat(1000));
        }
        try (CaptureFileReader r = new CaptureFileReader(new CaptureFile(0, "rt"), file)) {
            Frames.Result res = Frames.read(r);
            assertNull(res.error());
            List<Frames.Copy> f = res.frames();
            assertEquals(3, f.size());
            assertEquals(List.of("external", "null", "external"),
                    f.stream().map(c -> String.valueOf(c.interfaceName())).toList());
            assertEquals(List.of(0, 1, 0), f.stream().map(Frames.Copy::interfaceIndex).toList());
            assertEquals(List.of(Direction.INBOUND, Direction.OUTBOUND, Direction.UNKNOWN),
                    f.stream().map(Frames.Copy::direction).toList());
            assertEquals(List.of(1_700_000_000_000_000_001L, 1_700_000_000_000_000_002L, 1_700_000_000_000_000_003L),
                    f.stream().map(Frames.Copy::ts).toList());
            assertEquals(80, f.get(1).originalLength());
            assertArrayEquals(frameData(262_144, 3), f.get(2).data());
        }
    }
}
