package io.edgeaudit.capture;

import static io.edgeaudit.capture.CaptureBytes.frameData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureSourcesTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    /** A pcap with one 20-byte record per given second. */
    private Path pcap(String name, long... seconds) throws IOException {
        CaptureBytes b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1);
        for (long s : seconds) {
            b.pcapRecord(s, 0, frameData(20, (int) s), 20);
        }
        return b.write(dir.resolve(name));
    }

    private static List<String> order(Frames.Result r) {
        return r.frames().stream().map(f -> f.file().replaceAll(".*/", "") + "#" + f.number() + "@" + f.ts() / S).toList();
    }

    @Test
    void mergesFilesByTimestampWithTiesToTheEarlierFile() throws IOException {
        Path a = pcap("a.pcap", 1, 4, 4, 9);
        Path b = pcap("b.pcap", 2, 4, 5);
        try (CaptureSource src = CaptureSources.open(List.of(a, b))) {
            Frames.Result r = Frames.read(src);
            assertNull(r.error());
            assertEquals(List.of("a.pcap#1@1", "b.pcap#1@2", "a.pcap#2@4", "a.pcap#3@4", "b.pcap#2@4", "b.pcap#3@5",
                    "a.pcap#4@9"), order(r));
            assertEquals(List.of(0, 1), src.files().stream().map(CaptureFile::index).toList());
            assertEquals(4, src.files().get(0).packets());
            assertEquals(3, src.files().get(1).packets());
        }
    }

    @Test
    void mergedFrameIsOneInstanceWhoseBytesAreTheChosenFilesOwn() throws IOException {
        try (CaptureSource src = CaptureSources.open(List.of(pcap("a.pcap", 1, 3), pcap("b.pcap", 2)))) {
            assertTrue(src.next());
            Frame f = src.frame();
            byte[] first = f.data();
            assertTrue(src.next());
            assertSame(f, src.frame());
            assertEquals(frameData(20, 2)[0], f.data()[f.dataOffset()]);
            assertTrue(first != f.data(), "another file, another buffer");
        }
    }

    @Test
    void readsARotatedSetInADirectoryAsOneTimelineSkippingOtherFiles() throws IOException {
        Path set = Files.createDirectory(dir.resolve("rotated"));
        int files = 60; // more than one would want open at once
        for (int i = 0; i < files; i++) {
            pcap("rotated/cap" + String.format("%03d", i) + ".pcap", 10L * i, 10L * i + 1, 10L * i + 2);
        }
        Files.writeString(set.resolve("README.txt"), "not a capture");
        Files.createDirectory(set.resolve("sub"));
        List<String> notes = new ArrayList<>();
        try (CaptureSource src = CaptureSources.open(List.of(set), CaptureSources.Reader.EDGEAUDIT, notes::add)) {
            Frames.Result r = Frames.read(src);
            assertNull(r.error());
            assertEquals(3 * files, r.frames().size());
            for (int i = 1; i < r.frames().size(); i++) {
                assertTrue(r.frames().get(i - 1).ts() < r.frames().get(i).ts(), "in time order at " + i);
            }
            assertEquals(files, src.files().size());
            assertTrue(src.files().get(0).name().endsWith("cap000.pcap"));
            assertEquals(64, src.files().get(59).sha256().length());
        }
        assertEquals(List.of(set.resolve("README.txt") + ": skipped, not a capture file",
                set.resolve("sub") + ": skipped, a subdirectory (directories are not searched recursively)"), notes);
    }

    @Test
    void aFailingFileIsReportedOnceAndTheOthersGoOn() throws IOException {
        Path a = pcap("a.pcap", 1, 2, 3);
        Path bad = dir.resolve("notes.txt");
        Files.writeString(bad, "hello, not a capture");
        Path c = pcap("c.pcap", 1, 5);
        byte[] cut = Files.readAllBytes(c);
        Files.write(c, java.util.Arrays.copyOf(cut, cut.length - 5)); // second record cut short
        try (CaptureSource src = CaptureSources.open(List.of(a, bad, c))) {
            CaptureException first = assertThrows(CaptureException.class, src::next);
            assertTrue(first.getMessage().startsWith(bad + ": file header at byte offset 0: not a capture file"),
                    first.getMessage());
            List<String> seen = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            while (true) {
                try {
                    if (!src.next()) {
                        break;
                    }
                    seen.add(src.frame().file().index() + "#" + src.frame().packetNumber());
                } catch (CaptureException e) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(List.of("0#1", "2#1", "0#2", "0#3"), seen);
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).startsWith(c + ": packet 2 at byte offset 60: file ends inside the record"),
                    errors.get(0));
            assertSame(first, src.files().get(1).error());
            assertTrue(src.files().get(2).isPartial());
            assertFalse(src.files().get(0).isPartial());
            assertEquals(1, src.files().get(2).packets());
        }
    }

    @Test
    void aMissingExplicitFileFailsInOneLineWhenRead() throws IOException {
        try (CaptureSource src = CaptureSources.open(List.of(dir.resolve("gone.pcap")))) {
            CaptureException e = assertThrows(CaptureException.class, src::next);
            assertEquals(dir.resolve("gone.pcap") + ": file header at byte offset 0: cannot open: no such file",
                    e.getMessage());
            assertFalse(src.next());
        }
    }

    @Test
    void recognisesCapturesInsideGzipWhenListingADirectory() throws IOException {
        Path set = Files.createDirectory(dir.resolve("gz"));
        byte[] plain = CaptureBytes.in(ByteOrder.BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_NANOS, 100, 1)
                .pcapRecord(1, 0, frameData(10, 0), 10).bytes();
        Files.write(set.resolve("a.pcap.gz"), CaptureBytes.gzip(plain));
        Files.write(set.resolve("b.txt.gz"), CaptureBytes.gzip("text".getBytes()));
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(set.resolve("a.pcap.gz")), CaptureSources.expand(List.of(set), notes::add));
        assertEquals(1, notes.size());
    }
}
