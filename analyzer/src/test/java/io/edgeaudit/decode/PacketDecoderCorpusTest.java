package io.edgeaudit.decode;

import io.edgeaudit.capture.CaptureException;
import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureFileReader;
import io.edgeaudit.capture.Frame;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Decodes every file of the shared corpus: decoding never throws, every packet keeps its invariants,
 * and each file's count of packets whose outer IP carries a TCP or UDP header equals tshark's
 * ({@code frame.protocols}, IP defragmentation off, extension headers and AH skipped). Where we
 * knowingly differ the reason is listed, and the test checks that the difference is still there.
 */
class PacketDecoderCorpusTest {

    /** Files whose TCP/UDP counts differ from tshark 4.0, and why. */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "libpcap__ipv6_ext_headers.pcap",
            "100 IPv6 extension headers before UDP: past our cap of 16 (counted as ipv6_extension_chain_too_long); "
                    + "tshark follows all of them",
            "zeek__ipv6-mobility-dst-opts.pcap",
            "frame 1: destination options whose inner option TLVs overrun (tshark and tcpdump call it malformed); "
                    + "we do not validate option TLVs, the header length is consistent, so its UDP is decoded",
            "ppp__null_loopback.pcap",
            "frame 3: NULL family bytes 0f 00 08 00 are no address family (tcpdump: 'AF Unknown'); Wireshark "
                    + "guesses an EtherType 0x0800 in them; we count non_ip",
            "ppp__sip_reqs.pcap", "PPPoE session frames: not decoded (non_ip); tshark decodes PPP inside",
            "zeek__pppoe-over-qinq.pcap", "PPPoE over QinQ: not decoded (non_ip)",
            "zeek__mixed-vlan-mpls.pcap", "MPLS-labelled frames: not decoded (non_ip)",
            "zeek__nflog-http.pcap", "LINKTYPE_NFLOG (239) is not a link type we decode (unknown_link_type)");

    /** Files the capture stage reads differently from tshark (see CaptureCorpusTest): counts are not compared. */
    static final Map<String, String> CAPTURE_DIFFERENCES = Map.of(
            "ppp__pcapng-example.pcapng.zst", "zstd refused by the reader",
            "sv__bug-6875-01_fuzz.pcap", "fuzzed record layout: tshark and libpcap disagree on the frames");

    private static Path corpus() {
        String repo = System.getProperty("edgeaudit.repo");
        if (repo == null) {
            return null;
        }
        Path dir = Path.of(repo, "..", "shared", "pcaps").normalize();
        return Files.isDirectory(dir) ? dir : null;
    }

    /** Per frame: "tcp", "udp" or "-" for the outer IP's transport header, as tshark would name it. */
    private static List<String> decodeAll(Path path) throws IOException {
        CaptureFile file = new CaptureFile(0, path.getFileName().toString());
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        List<String> out = new ArrayList<>();
        try (CaptureFileReader reader = new CaptureFileReader(file, path)) {
            while (reader.next()) {
                Frame f = reader.frame();
                boolean found = decoder.decode(f, p);
                PacketInvariants.check(f, p, found);
                boolean header = found && !(p.fragment && !p.firstFragment);
                out.add(!header ? "-" : p.isTcp() ? "tcp" : p.isUdp() ? "udp" : "-");
            }
        } catch (CaptureException e) {
            // the capture stage's outcome (covered by its own corpus test); the frames before it count
        }
        decoder.finish();
        return out;
    }

    private static List<String> tshark(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tshark", "-n", "-r", path.toString(), "-o", "ip.defragment:FALSE",
                "-o", "ipv6.defragment:FALSE", "-T", "fields", "-e", "frame.encap_type", "-e", "frame.protocols")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark did not finish in 60 s on " + path);
        }
        // records without an encapsulation are pcapng blocks Wireshark shows as frames, not packets
        return text.lines().filter(l -> !l.isEmpty() && !l.startsWith("\t"))
                .map(l -> outerTransport(l.substring(l.indexOf('\t') + 1))).toList();
    }

    /** "eth:ethertype:ipv6:ipv6.hopopts:ah:udp:dns" -> "udp": the layer after the first IP header. */
    private static String outerTransport(String protocols) {
        String[] layers = protocols.split(":");
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].equals("ip") || layers[i].equals("ipv6")) {
                int j = i + 1;
                while (j < layers.length && (layers[j].startsWith("ipv6.") || layers[j].equals("ah"))) {
                    j++;
                }
                return j < layers.length && (layers[j].equals("tcp") || layers[j].equals("udp")) ? layers[j] : "-";
            }
        }
        return "-";
    }

    private static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileDecodesWithoutThrowingAndCountsTcpUdpLikeTshark() throws IOException {
        Path dir = corpus();
        assumeTrue(dir != null, "the shared corpus ../shared/pcaps is absent");
        boolean tshark = tsharkAvailable();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().matches(".*\\.(md|json|tsv|txt)"))
                    .sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            List<String> ours = decodeAll(f);
            String name = f.getFileName().toString();
            if (!tshark || CAPTURE_DIFFERENCES.containsKey(name)) {
                return;
            }
            List<String> theirs = tshark(f);
            assertEquals(theirs.size(), ours.size(), name + ": frames");
            String counts = counts(ours);
            if (KNOWN_DIFFERENCES.containsKey(name)) {
                assertNotEquals(counts(theirs), counts, "no longer differs, remove from KNOWN_DIFFERENCES: "
                        + KNOWN_DIFFERENCES.get(name));
            } else {
                assertEquals(counts(theirs), counts, name + ": TCP/UDP packets (tshark vs ours)");
            }
        }));
    }

    private static String counts(List<String> transports) {
        return "tcp " + transports.stream().filter("tcp"::equals).count()
                + ", udp " + transports.stream().filter("udp"::equals).count();
    }
}
