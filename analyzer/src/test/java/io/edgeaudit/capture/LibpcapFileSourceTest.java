package io.edgeaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** libpcap (through pcap4j) and our reader give the same frames wherever both read a file. */
class LibpcapFileSourceTest {

    /**
     * Files both read whose frames differ by design, and how. (libpcap refuses the pcapng files whose
     * interfaces differ in link type or snaplen, and pcap4j those with a nanosecond field over 1e9.)
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "pcapngtest__le_basic_test012.pcapng",
            "simple packet blocks: libpcap gives timestamp 0, we carry the previous frame's timestamp",
            "pcapngtest__le_basic_test010.pcapng", "simple packet blocks, as above",
            "zeek__trunc_trunc-hdr.pcap",
            "record longer than the header's snaplen (8 > 1): libpcap cuts it to the snaplen, we keep all 8 bytes as Wireshark does",
            "tcpdump__atm-oam-loopback-print-overrun.pcap",
            "invalid 1159821166 us: libpcap scales it to ns in 32 bits and wraps; we add 1159.8 s",
            "tcpdump__time_2038_overflow.pcap",
            "seconds 0x80000000: libpcap reads them as signed (1901), we as unsigned (2038) like Wireshark");

    static boolean libpcapPresent() {
        try {
            org.pcap4j.core.Pcaps.libVersion();
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }

    @TestFactory
    Stream<DynamicTest> libpcapAndOurReaderAgreeOnEveryCorpusFileBothRead() throws Exception {
        Path dir = CorpusSupport.directory();
        assumeTrue(dir != null, "the shared corpus ../shared/pcaps is absent");
        assumeTrue(libpcapPresent(), "libpcap is not installed");
        return CorpusSupport.captures(dir).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            Frames.Result ours;
            try (CaptureFileReader r = new CaptureFileReader(new CaptureFile(0, name), p)) {
                ours = Frames.read(r);
            }
            Frames.Result theirs;
            CaptureFile lf = new CaptureFile(0, name);
            try (LibpcapFileSource s = new LibpcapFileSource(lf, p)) {
                theirs = Frames.read(s);
            }
            if (theirs.error() != null) {
                assertFalse(theirs.error().getMessage().contains("\n"), theirs.error().getMessage());
            }
            if (ours.error() != null || theirs.error() != null || KNOWN_DIFFERENCES.containsKey(name)) {
                return;
            }
            assertEquals(ours.frames().size(), theirs.frames().size(), "frame count");
            assertEquals(lf.sha256(), PcapReaderTest.sha256(java.nio.file.Files.readAllBytes(p)));
            for (int i = 0; i < ours.frames().size(); i++) {
                Frames.Copy o = ours.frames().get(i);
                Frames.Copy t = theirs.frames().get(i);
                String where = name + " frame " + (i + 1);
                assertEquals(o.number(), t.number(), where);
                assertEquals(o.ts(), t.ts(), where + " timestamp");
                assertEquals(LinkType.name(o.linkType()), LinkType.name(t.linkType()), where + " link type");
                assertEquals(o.originalLength(), t.originalLength(), where + " original length");
                assertEquals(o.data().length, t.data().length, where + " captured length");
                assertEquals(java.util.Arrays.toString(o.data()), java.util.Arrays.toString(t.data()), where + " bytes");
            }
        }));
    }

    /** Run in a child JVM by {@link #namesTheDebianPackageWhenLibpcapIsMissing}: prints the error of one read. */
    public static final class ReadOnce {
        public static void main(String[] args) throws Exception {
            try (LibpcapFileSource s = new LibpcapFileSource(new CaptureFile(0, "f.pcap"), Path.of(args[0]))) {
                s.next();
                System.out.print("read");
            } catch (CaptureException e) {
                System.out.print(e.getMessage());
            }
        }
    }

    @Test
    void namesTheDebianPackageWhenLibpcapIsMissing(@TempDir Path dir) throws Exception {
        Path file = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 100, 1)
                .write(dir.resolve("f.pcap"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.pcap4j.core.pcapLibName=edgeaudit-no-such-pcap", // pcap4j's property for the library name
                "-cp", System.getProperty("java.class.path"), ReadOnce.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("f.pcap: file header at byte offset 0: libpcap is not installed (expected: the Debian package"
                + " libpcap0.8)", out);
    }

    @Test
    void mergedFilesDeliverACutFilesFramesBeforeItsError(@TempDir Path dir) throws Exception {
        assumeTrue(libpcapPresent(), "libpcap is not installed");
        byte[] a = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 1000, 1)
                .pcapRecord(1, 0, CaptureBytes.frameData(20, 1), 20)
                .pcapRecord(3, 0, CaptureBytes.frameData(20, 2), 20)
                .pcapRecord(5, 0, CaptureBytes.frameData(20, 3), 20).bytes();
        Path cut = dir.resolve("a.pcap");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(a, a.length - 4)); // third record cut short
        Path b = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 1000, 1)
                .pcapRecord(2, 0, CaptureBytes.frameData(20, 4), 20).write(dir.resolve("b.pcap"));
        List<String> seen = new java.util.ArrayList<>();
        List<String> errors = new java.util.ArrayList<>();
        try (CaptureSource s = CaptureSources.open(List.of(cut, b), CaptureSources.Reader.LIBPCAP, n -> { })) {
            while (true) {
                try {
                    if (!s.next()) {
                        break;
                    }
                    seen.add(s.frame().file().index() + "#" + s.frame().packetNumber());
                } catch (CaptureException e) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(2, s.files().get(0).packets());
        }
        assertEquals(List.of("0#1", "1#1", "0#2"), seen);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith(cut + ": packet 3 at byte offset -1: libpcap: "), errors.get(0));
    }

    @Test
    void refusesGzipInOneLine(@TempDir Path dir) throws Exception {
        byte[] plain = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 100, 1)
                .pcapRecord(1, 0, CaptureBytes.frameData(10, 0), 10).bytes();
        Path gz = dir.resolve("a.pcap.gz");
        java.nio.file.Files.write(gz, CaptureBytes.gzip(plain));
        try (CaptureSource s = CaptureSources.open(List.of(gz), CaptureSources.Reader.LIBPCAP, n -> { })) {
            CaptureException e = org.junit.jupiter.api.Assertions.assertThrows(CaptureException.class, s::next);
            assertEquals(gz + ": file header at byte offset 0: gzip-compressed input cannot be read with --reader "
                    + "libpcap (expected: the default reader, or gunzip first)", e.getMessage());
        }
    }

    @Test
    void readsAPlainFileWithTheSameFramesAsOurReader(@TempDir Path dir) throws Exception {
        assumeTrue(libpcapPresent(), "libpcap is not installed");
        Path file = CaptureBytes.in(ByteOrder.BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_NANOS, 1000, LinkType.RAW)
                .pcapRecord(1_700_000_000L, 999_999_999L, CaptureBytes.frameData(40, 1), 40)
                .pcapRecord(1_700_000_001L, 5, CaptureBytes.frameData(30, 2), 60)
                .write(dir.resolve("n.pcap"));
        CaptureFile f = new CaptureFile(0, "n.pcap");
        try (LibpcapFileSource s = new LibpcapFileSource(f, file)) {
            Frames.Result r = Frames.read(s);
            assertNull(r.error());
            assertEquals(2, r.frames().size());
            assertEquals(1_700_000_000_999_999_999L, r.frames().get(0).ts());
            assertEquals(LinkType.RAW, r.frames().get(0).linkType());
            assertEquals(60, r.frames().get(1).originalLength());
            assertEquals("pcap-ns", f.format());
            assertNotNull(f.sha256());
            assertEquals(1, f.truncatedRecords());
        }
    }
}
