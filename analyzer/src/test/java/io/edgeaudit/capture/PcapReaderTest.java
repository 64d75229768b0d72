package io.edgeaudit.capture;

import static io.edgeaudit.capture.CaptureBytes.frameData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PcapReaderTest {
    private static final int TS_SECONDS = 1_700_000_000;

    @TempDir
    Path dir;

    /** Header (24) + two records: 60 bytes at .000001 (us) and a cut 100-of-1514 one. */
    private CaptureBytes twoRecords(ByteOrder order, int magic, long fraction) {
        return CaptureBytes.in(order)
                .pcapHeader(magic, 65535, LinkType.ETHERNET)
                .pcapRecord(TS_SECONDS, fraction, frameData(60, 1), 60)
                .pcapRecord(TS_SECONDS + 1, 0, frameData(100, 2), 1514);
    }

    private CaptureFileReader reader(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return new CaptureFileReader(new CaptureFile(0, name), p);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "LITTLE_ENDIAN, a1b2c3d4, 7, 7000, pcap",     // microseconds
            "BIG_ENDIAN,    a1b2c3d4, 7, 7000, pcap",
            "LITTLE_ENDIAN, a1b23c4d, 7, 7,    pcap-ns",  // nanoseconds
            "BIG_ENDIAN,    a1b23c4d, 7, 7,    pcap-ns"})
    void readsMicroAndNanoFilesInBothByteOrders(String order, String magic, long fraction, long nanos, String format)
            throws IOException {
        ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        try (CaptureFileReader r = reader("a.pcap", twoRecords(bo, Integer.parseUnsignedInt(magic, 16), fraction).bytes())) {
            Frames.Result res = Frames.read(r);
            assertNull(res.error());
            List<Frames.Copy> f = res.frames();
            assertEquals(2, f.size());
            assertEquals(new Frames.Copy("a.pcap", 1, 24, 40, TS_SECONDS * 1_000_000_000L + nanos, LinkType.ETHERNET,
                    frameData(60, 1), 60, -1, null, Direction.UNKNOWN), f.get(0));
            assertEquals(new Frames.Copy("a.pcap", 2, 100, 116, (TS_SECONDS + 1) * 1_000_000_000L, LinkType.ETHERNET,
                    frameData(100, 2), 1514, -1, null, Direction.UNKNOWN), f.get(1));
            CaptureFile file = r.files().get(0);
            assertEquals(format, file.format());
            assertEquals(2, file.packets());
            assertEquals(160, file.bytes());
            assertEquals(1, file.truncatedRecords());
            assertFalse(file.isPartial());
        }
    }

    @Test
    void frameIsOneReusedViewIntoTheReadersBuffer() throws IOException {
        try (CaptureFileReader r = reader("a.pcap", twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes())) {
            assertTrue(r.next());
            Frame first = r.frame();
            byte[] buffer = first.data();
            assertTrue(r.next());
            assertSame(first, r.frame());
            assertSame(buffer, r.frame().data());
        }
    }

    @Test
    void masksFcsAndReservedBitsOfTheLinkTypeAsLibpcapDoes() throws IOException {
        int linkTypeField = 0x0430_0001; // FCS length present + reserved bits + LINKTYPE_ETHERNET
        byte[] bytes = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 65535, linkTypeField)
                .pcapRecord(1, 0, frameData(14, 0), 14).bytes();
        try (CaptureFileReader r = reader("fcs.pcap", bytes)) {
            assertTrue(r.next());
            assertEquals(LinkType.ETHERNET, r.frame().linkType());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 14, 65535, 0x7fffffff, -1})
    void acceptsAnySnaplenAndRecordsLongerThanIt(int snaplen) throws IOException {
        byte[] bytes = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, snaplen, 1)
                .pcapRecord(1, 0, frameData(200, 0), 200).bytes();
        try (CaptureFileReader r = reader("s.pcap", bytes)) {
            assertTrue(r.next());
            assertEquals(200, r.frame().capturedLength());
        }
    }

    @Test
    void readsKuznetzovPatchedFormatWithItsLongerRecordHeader() throws IOException {
        CaptureBytes b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_PATCHED, 65535, 1);
        b.int32(5).int32(0).int32(4).int32(4);   // seconds, microseconds, captured, original
        b.int32(2).raw((byte) 0, (byte) 8, (byte) 0, (byte) 0); // ifindex, protocol, packet type, padding
        b.raw((byte) 9, (byte) 8, (byte) 7, (byte) 6);
        try (CaptureFileReader r = reader("patched.pcap", b.bytes())) {
            Frames.Result res = Frames.read(r);
            assertNull(res.error());
            assertEquals(1, res.frames().size());
            assertArrayEquals(new byte[] {9, 8, 7, 6}, res.frames().get(0).data());
            assertEquals(24 + 24, res.frames().get(0).dataFileOffset());
        }
    }

    @Test
    void refusesARecordLongerThan256KiBWithFilePacketAndOffset() throws IOException {
        CaptureBytes b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
                .pcapRecord(1, 0, frameData(10, 0), 10);
        b.int32(2).int32(0).int32(262_145).int32(262_145); // captured length one over the limit, no data
        try (CaptureFileReader r = reader("big.pcap", b.bytes())) {
            assertTrue(r.next());
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("big.pcap: packet 2 at byte offset 50: captured length 262145 (expected: <= 262144)",
                    e.getMessage());
            assertSame(e, r.files().get(0).error());
            assertFalse(r.next(), "reading stays ended after an error");
        }
    }

    @Test
    void acceptsARecordOfExactly256KiBAcrossBufferRefills() throws IOException {
        CaptureBytes b = CaptureBytes.in(ByteOrder.BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 262_144, 1);
        for (int i = 0; i < 12; i++) {
            b.pcapRecord(i, 0, frameData(262_144, i), 262_144);
        }
        try (CaptureFileReader r = reader("max.pcap", b.bytes())) {
            Frames.Result res = Frames.read(r);
            assertNull(res.error());
            assertEquals(12, res.frames().size());
            for (int i = 0; i < 12; i++) {
                assertArrayEquals(frameData(262_144, i), res.frames().get(i).data(), "frame " + i);
                assertEquals(24 + i * (16L + 262_144), res.frames().get(i).fileOffset());
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})
    void refusesAFileHeaderCutShortAtAnyLength(int length) throws IOException {
        byte[] full = twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes();
        try (CaptureFileReader r = reader("cut.pcap", Arrays.copyOf(full, length))) {
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals(0, e.packetNumber());
            assertTrue(e.getMessage().startsWith("cut.pcap: file header at byte offset 0: "), e.getMessage());
            assertTrue(length < 4 ? e.reason().startsWith("not a capture file")
                    : e.reason().equals("truncated pcap file header: " + length + " bytes (expected: 24)"), e.reason());
        }
    }

    @ParameterizedTest(name = "cut at {0}")
    @CsvSource({
            "106, file ends inside a record header: 6 of 16 bytes",  // the second record header starts at 24 + 16 + 60
            "150, file ends inside the record: 34 of 100 data bytes"})
    void reportsALastRecordCutShortAfterDeliveringTheOthers(int cut, String reason) throws IOException {
        byte[] full = twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes();
        try (CaptureFileReader r = reader("live.pcap", Arrays.copyOf(full, cut))) {
            assertTrue(r.next());
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("live.pcap: packet 2 at byte offset 100: " + reason
                    + " (the file may still have been written to)", e.getMessage());
            CaptureFile file = r.files().get(0);
            assertEquals(1, file.packets());
            assertTrue(file.isPartial());
            assertEquals(sha256(Arrays.copyOf(full, cut)), file.sha256(), "hash of the whole file, not of what parsed");
        }
    }

    @Test
    void refusesABadMagicAsNotACapture() throws IOException {
        byte[] bytes = twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes();
        bytes[0] = 0x00;
        try (CaptureFileReader r = reader("x.pcap", bytes)) {
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("x.pcap: file header at byte offset 0: not a capture file: starts with 00c3b2a1 (expected: "
                    + "pcap a1b2c3d4/a1b23c4d, pcapng 0a0d0d0a, or gzip 1f8b)", e.getMessage());
        }
    }

    @Test
    void refusesMajorVersionOtherThanTwo() throws IOException {
        byte[] bytes = twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes();
        bytes[4] = 1; // version major, little-endian
        try (CaptureFileReader r = reader("v1.pcap", bytes)) {
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("v1.pcap: file header at byte offset 4: unsupported pcap version 1.4 (expected: 2.x)",
                    e.getMessage());
        }
    }

    @Test
    void readsGzipIncludingSeveralMembersAndHashesTheCompressedBytes() throws IOException {
        byte[] plain = twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_NANOS, 0).bytes();
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.writeBytes(CaptureBytes.gzip(Arrays.copyOf(plain, 70)));   // cut inside the first record
        twoMembers.writeBytes(CaptureBytes.gzip(Arrays.copyOfRange(plain, 70, plain.length)));
        byte[] stored = twoMembers.toByteArray();
        try (CaptureFileReader r = reader("a.pcap.gz", stored); CaptureFileReader p = reader("a.pcap", plain)) {
            Frames.Result gz = Frames.read(r);
            Frames.Result pl = Frames.read(p);
            assertNull(gz.error());
            assertEquals(2, gz.frames().size());
            assertEquals(pl.frames().get(1).data().length, gz.frames().get(1).data().length);
            assertArrayEquals(pl.frames().get(1).data(), gz.frames().get(1).data());
            assertEquals(pl.frames().get(1).fileOffset(), gz.frames().get(1).fileOffset(), "offsets are uncompressed");
            assertEquals("pcap-ns+gzip", r.files().get(0).format());
            assertEquals(sha256(stored), r.files().get(0).sha256());
        }
    }

    @Test
    void aFileLargerThanTheDigestsChunkPoolIsReadWholeAndHashedWhole() throws IOException {
        // 12 MiB: more chunks than the digest thread's pool holds, so the reader must wait for it
        // and reuse chunks; every record and every byte of the hash must survive that
        CaptureBytes b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 65535,
                LinkType.ETHERNET);
        int records = 12 * 1024 * 1024 / (16 + 1500);
        for (int i = 0; i < records; i++) {
            b.pcapRecord(TS_SECONDS + i, 0, frameData(1500, i), 1500);
        }
        byte[] stored = b.bytes();
        try (CaptureFileReader r = reader("big.pcap", stored)) {
            long n = 0;
            while (r.next()) {
                assertEquals(TS_SECONDS + n, r.frame().timestampNanos() / 1_000_000_000L, "record " + n);
                n++;
            }
            assertEquals(records, n);
            assertEquals(sha256(stored), r.files().get(0).sha256());
        }
    }

    @Test
    void reportsCorruptGzipInOneLine() throws IOException {
        byte[] gz = CaptureBytes.gzip(twoRecords(ByteOrder.LITTLE_ENDIAN, PcapReader.MAGIC_MICROS, 0).bytes());
        try (CaptureFileReader r = reader("t.pcap.gz", Arrays.copyOf(gz, gz.length - 30))) {
            Frames.Result res = Frames.read(r);
            assertTrue(res.error() != null && res.error().reason().startsWith("gzip data ends or is corrupt"),
                    String.valueOf(res.error()));
            assertFalse(res.error().getMessage().contains("\n"));
        }
    }

    @Test
    void refusesZstdNamingTheFileAndTheWayOut() throws IOException {
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
        try (CaptureFileReader r = reader("c.pcapng.zst", zstd)) {
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("c.pcapng.zst: file header at byte offset 0: zstd-compressed captures are not supported"
                    + " (decompress with `zstd -d` first)", e.getMessage());
        }
    }

    @Test
    void detectsFormatByMagicNotByName() throws IOException {
        byte[] pcapng = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).shb().idb(1, 0, null)
                .epb(0, 5, frameData(20, 0), 20, null).bytes();
        try (CaptureFileReader r = reader("really-pcapng.pcap", pcapng)) {
            assertTrue(r.next());
            assertEquals("pcapng", r.files().get(0).format());
        }
    }

    @Test
    void reportsAMissingFileInOneLine() throws IOException {
        try (CaptureFileReader r = new CaptureFileReader(new CaptureFile(0, "nope.pcap"), dir.resolve("nope.pcap"))) {
            CaptureException e = assertThrows(CaptureException.class, r::next);
            assertEquals("nope.pcap: file header at byte offset 0: cannot open: no such file", e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
