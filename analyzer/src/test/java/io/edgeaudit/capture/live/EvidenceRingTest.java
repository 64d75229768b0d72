package io.edgeaudit.capture.live;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.Direction;
import io.edgeaudit.capture.Frame;
import io.edgeaudit.capture.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceRingTest {
    private static final Instant RUN = Instant.parse("2026-11-24T09:00:00Z");
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Writes {@code n} Ethernet-sized frames of {@code size} bytes, numbered from 1 like a live source. */
    private static void writeFrames(EvidenceRing ring, int n, int size) throws IOException {
        CaptureFile live = new CaptureFile(0, "live:veth0");
        Frame f = new Frame();
        byte[] data = new byte[size];
        for (int i = 1; i <= n; i++) {
            data[0] = (byte) i;
            f.set(live, i, -1, -1, 1_795_510_000_000_000_000L + i * 1000L, LinkType.ETHERNET, data, 0, size, size,
                    0, "veth0", Direction.UNKNOWN);
            ring.write(f);
        }
    }

    private List<Path> pcaps() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
        }
    }

    @Test
    void rotatesAtTheSizeAndKeepsOnlyTheNewestFiles() throws IOException {
        try (EvidenceRing ring = new EvidenceRing(dir, "veth0", MIB, 2, LinkType.ETHERNET, 65535, RUN)) {
            // 1000-byte frames in 1032-byte blocks: about 1016 per MiB file, 5000 frames -> 5 files
            writeFrames(ring, 5000, 1000);
            assertEquals(5, ring.filesWritten());
        }
        List<Path> left = pcaps();
        assertEquals(2, left.size(), "keep 2");
        assertEquals("live-veth0-20261124T090000Z-00004.pcapng", left.get(0).getFileName().toString());
        assertEquals("live-veth0-20261124T090000Z-00005.pcapng", left.get(1).getFileName().toString());
        for (Path p : left) {
            assertTrue(Files.size(p) <= MIB + 1032, "a file is cut at the first frame past the size: " + Files.size(p));
        }
    }

    @Test
    void filesArePcapngNamingTheInterfaceWithEveryFrame() throws IOException {
        try (EvidenceRing ring = new EvidenceRing(dir, "veth0", MIB, 3, LinkType.ETHERNET, 65535, RUN)) {
            writeFrames(ring, 10, 60);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcaps().get(0))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0), "section header block");
        int shb = b.getInt(4);
        assertEquals(1, b.getInt(shb), "interface description block follows the section header");
        assertEquals(LinkType.ETHERNET, b.getShort(shb + 8));
        int idb = b.getInt(shb + 4);
        // then 10 enhanced packet blocks of 32 + 60 bytes
        assertEquals(shb + idb + 10 * (32 + 60), b.capacity());
        assertTrue(new String(b.array(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("veth0"));
    }

    @Test
    void locatesALivePacketInItsFile() throws IOException {
        try (EvidenceRing ring = new EvidenceRing(dir, "veth0", MIB, 10, LinkType.ETHERNET, 65535, RUN)) {
            writeFrames(ring, 3000, 1000);
            ring.flush();
            EvidenceRing.Location first = ring.locate(1);
            assertNotNull(first);
            assertEquals(1, first.packetNumber());
            // blocks of 1032 bytes after the ring's 72-byte estimate of the headers: 1015 stay below 1 MiB, the 1016th
            // crosses it, so the second file starts with live packet 1017
            EvidenceRing.Location lastOfFirst = ring.locate(1016);
            assertEquals(first.file(), lastOfFirst.file());
            assertEquals(1016, lastOfFirst.packetNumber());
            EvidenceRing.Location firstOfSecond = ring.locate(1017);
            assertTrue(firstOfSecond.file().getFileName().toString().endsWith("-00002.pcapng"), firstOfSecond.toString());
            assertEquals(1, firstOfSecond.packetNumber());
            assertNull(ring.locate(3001), "not written yet");
        }
    }

    @Test
    void olderRunsOfTheSameInterfaceCountTowardsKeepButOtherInterfacesDoNot() throws IOException {
        Files.write(dir.resolve("live-veth0-20261123T080000Z-00001.pcapng"), new byte[0]);
        Files.write(dir.resolve("live-veth1-20261123T080000Z-00001.pcapng"), new byte[0]);
        Files.write(dir.resolve("notes.txt"), new byte[0]);
        try (EvidenceRing ring = new EvidenceRing(dir, "veth0", MIB, 1, LinkType.ETHERNET, 65535, RUN)) {
            writeFrames(ring, 1, 60);
        }
        assertEquals(List.of("live-veth0-20261124T090000Z-00001.pcapng", "live-veth1-20261123T080000Z-00001.pcapng"),
                pcaps().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }

    @Test
    void rejectsSizesAndCountsThatCannotWork() {
        assertThrows(IllegalArgumentException.class,
                () -> new EvidenceRing(dir, "veth0", 1000, 2, LinkType.ETHERNET, 65535, RUN));
        assertThrows(IllegalArgumentException.class,
                () -> new EvidenceRing(dir, "veth0", MIB, 0, LinkType.ETHERNET, 65535, RUN));
    }
}
