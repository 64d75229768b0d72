package io.edgeaudit.capture;

import static io.edgeaudit.capture.CaptureBytes.frameData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeaudit.capture.CaptureBytes.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PcapngReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int EPB_FLAGS = 2;
    private static final long US = 1_700_000_000_000_000L; // 2023-11-14 in microseconds

    @TempDir
    Path dir;

    private Frames.Result read(byte[] bytes) throws IOException {
        Path p = dir.resolve("t.pcapng");
        Files.write(p, bytes);
        try (CaptureFileReader r = new CaptureFileReader(new CaptureFile(0, "t.pcapng"), p)) {
            return Frames.read(r);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(names = {"LITTLE", "BIG"})
    void readsEnhancedPacketsWithInterfaceNameAndDirection(Endian endian) throws IOException {
        ByteOrder o = endian.order;
        byte[] bytes = CaptureBytes.in(o).shb()
                .idb(LinkType.ETHERNET, 0, Options.of().text(IF_NAME, "eth0"))
                .epb(0, US, frameData(60, 1), 60, Options.of().int32(EPB_FLAGS, 0b01, o))      // inbound
                .epb(0, US + 1, frameData(61, 2), 1500, Options.of().int32(EPB_FLAGS, 0b10, o)) // outbound
                .epb(0, US + 2, frameData(3, 3), 3, null)                                        // no flags
                .bytes();
        Frames.Result r = read(bytes);
        assertNull(r.error());
        List<Frames.Copy> f = r.frames();
        assertEquals(3, f.size());
        // SHB 28 bytes, IDB 16 + if_name(4 + 4) + end(4) + 4 = 32 -> first EPB at 60, data at 88
        assertEquals(new Frames.Copy("t.pcapng", 1, 60, 88, US * 1000, LinkType.ETHERNET, frameData(60, 1), 60, 0,
                "eth0", Direction.INBOUND), f.get(0));
        assertEquals(Direction.OUTBOUND, f.get(1).direction());
        assertEquals(1500, f.get(1).originalLength());
        assertEquals(Direction.UNKNOWN, f.get(2).direction());
        assertEquals((US + 2) * 1000, f.get(2).ts());
    }

    enum Endian {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);
        final ByteOrder order;

        Endian(ByteOrder order) {
            this.order = order;
        }
    }

    @Test
    void usesIfDescriptionWhenThereIsNoName() throws IOException {
        byte[] bytes = CaptureBytes.in(LE).shb().idb(1, 0, Options.of().text(IF_DESCRIPTION, "Edge external NIC"))
                .epb(0, US, frameData(14, 0), 14, null).bytes();
        assertEquals("Edge external NIC", read(bytes).frames().get(0).interfaceName());
    }

    @ParameterizedTest(name = "tsresol {0}")
    @CsvSource({
            "9,   1700000000123456789, 1700000000123456789",   // 10^-9: nanoseconds as they are
            "3,   1700000000123,       1700000000123000000",   // 10^-3: milliseconds
            "12,  1700000000123456789, 1700000000123456",      // 10^-12: picoseconds, truncated
            "148, 1677721600524288,    1600000000500000000",   // 0x94 = 2^-20: (1.6e9 s + 0.5 s) * 2^20
            "157, 4611686018427387904, 8589934592000000000"})  // 0x9d = 2^-29: 2^62 ticks = 2^33 s (year 2242)
    void convertsDecimalAndBinaryResolutionsToNanoseconds(int resolution, String ticks, long nanos) throws IOException {
        byte[] bytes = CaptureBytes.in(LE).shb().idb(1, 0, Options.of().add(IF_TSRESOL, (byte) resolution))
                .epb(0, Long.parseUnsignedLong(ticks), frameData(14, 0), 14, null).bytes();
        assertEquals(nanos, read(bytes).frames().get(0).ts());
    }

    @Test
    void binaryResolutionKeepsTheFractionOfASecond() {
        PcapngInterface i = new PcapngInterface(0, 1, 0, null, 0x80 | 10, 0); // 2^-10 s
        assertEquals(1_000_000_000L + 500_000_000L, i.toNanos(1024 + 512));
        assertEquals(976_562L, i.toNanos(1)); // 1/1024 s, truncated to whole ns
    }

    @Test
    void timestampsBeyondALongOfNanosecondsSaturateInsteadOfWrapping() {
        PcapngInterface micros = new PcapngInterface(0, 1, 0, null, 6, 0);
        assertEquals(Long.MAX_VALUE, micros.toNanos(-505_000_000L)); // 2^64 - 505e6 us, year 586,000
        PcapngInterface before = new PcapngInterface(0, 1, 0, null, 9, Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, before.toNanos(5));
    }

    @Test
    void addsIfTsoffsetSeconds() throws IOException {
        byte[] bytes = CaptureBytes.in(ByteOrder.BIG_ENDIAN).shb()
                .idb(1, 0, Options.of().int64(IF_TSOFFSET, 1_000_000_000L, ByteOrder.BIG_ENDIAN)
                        .add(IF_TSRESOL, (byte) 0))
                .epb(0, 7, frameData(14, 0), 14, null).bytes();
        assertEquals(1_000_000_007L * 1_000_000_000L, read(bytes).frames().get(0).ts());
    }

    @Test
    void interfaceIndexesStayUniqueAcrossSectionsThatSwitchByteOrder() throws IOException {
        byte[] bytes = concat(
                CaptureBytes.in(LE).shb()
                        .idb(LinkType.ETHERNET, 0, Options.of().text(IF_NAME, "a"))
                        .idb(LinkType.RAW, 0, Options.of().text(IF_NAME, "b"))
                        .epb(1, US, frameData(20, 1), 20, null).bytes(),
                CaptureBytes.in(ByteOrder.BIG_ENDIAN).shb()
                        .idb(LinkType.LINUX_SLL, 0, Options.of().text(IF_NAME, "c"))
                        .epb(0, US + 5, frameData(30, 2), 30, null).bytes());
        List<Frames.Copy> f = read(bytes).frames();
        assertEquals(List.of(1, 2), f.stream().map(Frames.Copy::interfaceIndex).toList());
        assertEquals(List.of("b", "c"), f.stream().map(Frames.Copy::interfaceName).toList());
        assertEquals(List.of(LinkType.RAW, LinkType.LINUX_SLL), f.stream().map(Frames.Copy::linkType).toList());
        assertArrayEquals(frameData(30, 2), f.get(1).data());
    }

    @Test
    void simplePacketUsesInterfaceZeroSnaplenAndThePreviousTimestamp() throws IOException {
        byte[] bytes = CaptureBytes.in(LE).shb().idb(1, 50, null)
                .epb(0, US, frameData(20, 0), 20, null)
                .spb(1500, frameData(64, 1))   // 64 bytes in the block, snaplen 50 cuts to 50
                .spb(10, frameData(12, 2))     // original 10 < room 12: captured 10
                .bytes();
        List<Frames.Copy> f = read(bytes).frames();
        assertEquals(3, f.size());
        assertArrayEquals(Arrays.copyOf(frameData(64, 1), 50), f.get(1).data());
        assertEquals(1500, f.get(1).originalLength());
        assertEquals(US * 1000, f.get(1).ts());
        assertArrayEquals(Arrays.copyOf(frameData(12, 2), 10), f.get(2).data());
    }

    @Test
    void readsObsoletePacketBlocksWithTheirFlags() throws IOException {
        byte[] bytes = CaptureBytes.in(ByteOrder.BIG_ENDIAN).shb().idb(1, 0, null)
                .pb(0, US, frameData(40, 0), 40, Options.of().int32(EPB_FLAGS, 0b10, ByteOrder.BIG_ENDIAN)).bytes();
        Frames.Copy f = read(bytes).frames().get(0);
        assertArrayEquals(frameData(40, 0), f.data());
        assertEquals(Direction.OUTBOUND, f.direction());
        assertEquals(US * 1000, f.ts());
    }

    @Test
    void skipsUnknownBlocksOfAnySizeByTheirLength() throws IOException {
        byte[] bytes = CaptureBytes.in(LE).shb().idb(1, 0, null)
                .block(0x0000_0BAD, frameData(100, 0))          // custom block
                .block(0x4000_0000, new byte[3 * 1024 * 1024 / 2]) // 1.5 MiB, more than the reader's buffer
                .block(5, new byte[20])                            // interface statistics
                .epb(0, US, frameData(14, 0), 14, null).bytes();
        Frames.Result r = read(bytes);
        assertNull(r.error());
        assertEquals(1, r.frames().size());
    }

    /** SHB 28 + IDB 20 = 48: the EPB starts at 48; its length field is at 52. */
    private static byte[] oneEpb() {
        return CaptureBytes.in(LE).shb().idb(1, 0, null).epb(0, US, frameData(16, 0), 16, null).bytes();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "length below minimum   | 52 | 28 | t.pcapng: packet 1 at byte offset 52: enhanced packet block length 28 (expected: >= 32)",
            "not a multiple of 4    | 52 | 50 | t.pcapng: packet 1 at byte offset 52: enhanced packet block length 50 (expected: a multiple of 4)",
            "longer than the file   | 52 | 64 | t.pcapng: packet 1 at byte offset 48: file ends inside a enhanced packet block: 48 of 64 bytes (the file may still have been written to)",
            "trailer disagrees      | 92 | 44 | t.pcapng: packet 1 at byte offset 92: enhanced packet block length 48 disagrees with its trailing copy 44 (expected: equal)",
            "interface undefined    | 56 | 1  | t.pcapng: packet 1 at byte offset 56: interface id 1 (expected: < 1, the interfaces defined in this section)",
            "captured over 256 KiB  | 68 | 262145 | t.pcapng: packet 1 at byte offset 68: captured length 262145 (expected: <= 262144)",
            "captured over block    | 68 | 20 | t.pcapng: packet 1 at byte offset 68: captured length 20 does not fit in its enhanced packet block of 48 bytes (expected: <= 16)"})
    void refusesAnEnhancedPacketBlockWithOneBadField(String what, int offset, int value, String message)
            throws IOException {
        byte[] bytes = oneEpb();
        ByteBuffer.wrap(bytes).order(LE).putInt(offset, value);
        CaptureException e = read(bytes).error();
        assertEquals(message, e == null ? null : e.getMessage());
    }

    @Test
    void refusesAnOptionRunningPastItsBlock() throws IOException {
        byte[] bytes = CaptureBytes.in(LE).shb().idb(1, 0, Options.of().text(IF_NAME, "eth0")).bytes();
        ByteBuffer.wrap(bytes).order(LE).putShort(28 + 16 + 2, (short) 200); // if_name length 200 in a 32-byte IDB
        assertEquals("t.pcapng: packet 1 at byte offset 44: option 2 of 200 bytes runs past the end of its"
                + " interface description block (expected: <= 8)", read(bytes).error().getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad byte-order magic | 8  | 1 | t.pcapng: file header at byte offset 8: section header byte-order magic 01000000 (expected: 1a2b3c4d in either byte order)",
            "version 2            | 12 | 2 | t.pcapng: file header at byte offset 12: unsupported pcapng version 2.0 (expected: 1.x)",
            "length not 4-aligned | 4  | 30| t.pcapng: file header at byte offset 4: section header block length 30 (expected: a multiple of 4)"})
    void refusesASectionHeaderWithOneBadField(String what, int offset, int value, String message) throws IOException {
        byte[] bytes = oneEpb();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(LE);
        if (offset == 12) {
            b.putShort(offset, (short) value);
        } else {
            b.putInt(offset, value);
        }
        assertEquals(message, read(bytes).error().getMessage());
    }

    @ParameterizedTest(name = "cut inside the {1}")
    @CsvSource({
            "10,  section header block",
            "40,  interface description block",
            "60,  enhanced packet block",
            "110, simple packet block",
            "140, packet block",
            "180, block of type 0x00000bad"})
    void reportsAFileEndingInsideEachBlockType(int cut, String block) throws IOException {
        byte[] full = everyBlockType();
        CaptureException e = read(Arrays.copyOf(full, cut)).error();
        assertTrue(e != null && (e.reason().startsWith("file ends inside a " + block)
                || (cut == 10 && e.reason().startsWith("file ends inside a section header"))), String.valueOf(e));
    }

    /** One block of each kind, offsets as noted. */
    private static byte[] everyBlockType() {
        return CaptureBytes.in(LE).shb()                 // 0..27
                .idb(1, 0, null)                          // 28..47
                .epb(0, US, frameData(16, 0), 16, null)   // 48..95
                .spb(16, frameData(16, 1))                // 96..127
                .pb(0, US, frameData(4, 2), 4, null)      // 128..163
                .block(0xBAD, frameData(40, 3))           // 164..215
                .bytes();
    }

    @Test
    void aFileCutInsideAnyBlockEndsWithOneLineErrorAfterTheWholeBlocksBeforeIt() throws IOException {
        byte[] full = everyBlockType();
        long[] packetEnds = {96, 128, 164}; // ends of the EPB, SPB and PB
        java.util.Set<Integer> blockEnds = java.util.Set.of(28, 48, 96, 128, 164); // a clean end of file
        for (int cut = 0; cut < full.length; cut++) {
            Frames.Result r = read(Arrays.copyOf(full, cut));
            int whole = 0;
            for (long end : packetEnds) {
                whole += cut >= end ? 1 : 0;
            }
            assertEquals(whole, r.frames().size(), "frames before a cut at " + cut);
            if (blockEnds.contains(cut)) {
                assertNull(r.error(), "a cut between blocks is a shorter file");
            } else {
                assertTrue(r.error() != null && !r.error().getMessage().contains("\n"), "error for a cut at " + cut);
            }
        }
    }

    @Test
    void readsEveryBlockTypeWhenWhole() throws IOException {
        Frames.Result r = read(everyBlockType());
        assertNull(r.error());
        assertEquals(List.of(48L, 96L, 128L), r.frames().stream().map(Frames.Copy::fileOffset).toList());
    }
}
