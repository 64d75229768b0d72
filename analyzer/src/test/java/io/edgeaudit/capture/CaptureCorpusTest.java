package io.edgeaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the shared corpus is either read to its end or refused with one line, and agrees
 * with Wireshark: same frames (count, lengths, timestamps) when both read it, and where tshark fails
 * we fail too or read the same prefix. Disagreements we keep on purpose are listed with the reason.
 */
class CaptureCorpusTest {

    /** Files where we knowingly differ from tshark 4.0, and why; they are still read and checked for one-line errors. */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "ppp__pcapng-example.pcapng.zst",
            "zstd is refused on purpose (one line: decompress with zstd -d); tshark 4.0 reads zstd",
            "sv__bug-6875-01_fuzz.pcap",
            "fuzzed: tshark's pcap-variant heuristics choose another record layout and deliver 2 frames; "
                    + "libpcap (tcpdump -r) agrees with us: 1 frame, then captured length 1409179648",
            "tcpdump__atm-oam-loopback-print-overrun.pcap",
            "SUNATM: Wireshark moves the 4-byte ATM pseudo-header out of the frame (60 vs our 64 bytes) and its "
                    + "microseconds*1000 overflows 32 bits for the invalid 1159821166 us; tcpdump agrees with us");

    /** Files where frame count and lengths agree but tshark shows timestamps we do not produce, and why. */
    static final Map<String, String> TIMESTAMP_DIFFERENCES = Map.of(
            "tcpdump__timestamp_invalid_nano.pcap",
            "nanosecond fields >= 1e9: tshark prints them unnormalised (1418145370.1000000000) or as negative; "
                    + "we add them to the seconds (1418145371.000000000)",
            "ppp__pcapng-example.pcapng",
            "EPB timestamps of 2^64 - 505e6 us (year 586,000): beyond a long of nanoseconds; we saturate at "
                    + "Long.MAX_VALUE (2262-04-11) where tshark and libpcap print the unsigned value");

    /** Files where tshark names other interfaces than we do, and why. */
    static final Map<String, String> INTERFACE_DIFFERENCES = Map.of(
            "pcapngtest__le_difficult_test201.pcapng", "several sections: tshark 4.0 resolves a later section's "
                    + "interface ids against the first section's IDBs; pcapng scopes IDBs to their section, as we do",
            "pcapngtest__le_difficult_test202.pcapng", "several sections, as above",
            "pcapngtest__be_difficult_test202.pcapng", "several sections, as above");

    /** What our reader made of one file. */
    record Outcome(List<String> frames, CaptureException error, CaptureFile file) {
    }

    static Outcome readAll(Path path) throws Exception {
        CaptureFile file = new CaptureFile(0, path.getFileName().toString());
        List<String> frames = new ArrayList<>();
        try (CaptureFileReader reader = new CaptureFileReader(file, path)) {
            while (reader.next()) {
                Frame f = reader.frame();
                frames.add(epoch(f.timestampNanos()) + "\t" + f.capturedLength() + "\t" + f.originalLength() + "\t"
                        + (f.interfaceName() == null ? "" : f.interfaceName()) + "\t" + f.direction().label());
            }
            assertFalse(reader.next(), "next() after the end");
            return new Outcome(frames, null, file);
        } catch (CaptureException e) {
            return new Outcome(frames, e, file);
        }
    }

    static String epoch(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsReadOrRefusedInOneLineLikeTshark() throws Exception {
        Path dir = CorpusSupport.directory();
        assumeTrue(dir != null, "the shared corpus ../shared/pcaps is absent");
        return CorpusSupport.captures(dir).stream().map(path -> DynamicTest.dynamicTest(
                path.getFileName().toString(), () -> check(path)));
    }

    private static void check(Path path) throws Exception {
        String name = path.getFileName().toString();
        Outcome ours = readAll(path);
        if (ours.error() != null) {
            String message = ours.error().getMessage();
            assertFalse(message.contains("\n"), "one line: " + message);
            assertTrue(message.startsWith(name + ": "), message);
            assertEquals(ours.error(), ours.file().error());
        } else {
            assertEquals(ours.frames().size(), ours.file().packets());
        }
        assertTrue(ours.file().sha256() != null && ours.file().sha256().length() == 64, "sha256 of " + name);
        if (!Tshark.available() || KNOWN_DIFFERENCES.containsKey(name)) {
            return;
        }
        Tshark.Result theirs = Tshark.fields(path, "frame.encap_type", "frame.time_epoch", "frame.cap_len", "frame.len",
                "frame.interface_name", "frame.interface_description", "frame.packet_flags_direction");
        // records without an encapsulation are pcapng custom/other blocks Wireshark shows as frames: not packets
        List<String> packets = theirs.lines().stream().filter(l -> !l.startsWith("\t"))
                .map(l -> l.substring(l.indexOf('\t') + 1)).toList();
        boolean tsharkFailed = theirs.exitCode() != 0 || !theirs.stderr().isEmpty();
        if (!tsharkFailed && ours.error() != null) {
            fail("tshark reads " + packets.size() + " frames, we stop: " + ours.error().getMessage());
        }
        if (tsharkFailed && ours.error() != null) {
            assertEquals(packets.size(), ours.frames().size(), "frames before the error; tshark: " + theirs.stderr()
                    + "; ours: " + ours.error().getMessage());
            return;
        }
        assertEquals(packets.size(), ours.frames().size(), "frame count" + (tsharkFailed ? ", tshark failed: "
                + theirs.stderr() : ""));
        boolean times = !TIMESTAMP_DIFFERENCES.containsKey(name);
        for (int i = 0; i < packets.size(); i++) {
            String[] t = packets.get(i).split("\t", -1);
            String[] o = ours.frames().get(i).split("\t", -1);
            String where = name + " frame " + (i + 1);
            assertEquals(t[1] + "\t" + t[2], o[1] + "\t" + o[2], where + " captured/original length");
            // if_name, else if_description (Wireshark shows both, we keep one; it says "unknown" for neither)
            String tsharkName = t[3].isEmpty() || t[3].equals("unknown") ? t[4] : t[3];
            String ourName = o[3].replace("\r", "\\r").replace("\n", "\\n"); // tshark escapes control characters
            if (!INTERFACE_DIFFERENCES.containsKey(name)) {
                assertEquals(tsharkName, ourName, where + " interface name");
            }
            String direction = switch (t[5]) {
                case "0x00000001" -> "inbound";
                case "0x00000002" -> "outbound";
                default -> "unknown";
            };
            assertEquals(direction, o[4], where + " direction");
            // a simple packet block has no timestamp: tshark shows none, we carry the previous one
            if (times && !t[0].isEmpty()) {
                assertEquals(t[0], o[0], where + " timestamp");
            }
        }
    }
}
