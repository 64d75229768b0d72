package io.edgeaudit.cli;

import io.edgeaudit.inspect.av.AvCapture;
import io.edgeaudit.inspect.av.AvInspector;
import io.edgeaudit.verdict.av.AvTopology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STUN decoder over the public corpus (../shared/pcaps): never a crash, and the same number of STUN
 * messages as tshark with {@code stun.stunversion: Auto} (which finds MS-TURN by its MAGIC-COOKIE
 * attribute) plus its classicstun dissector. Frames that quote STUN inside ICMP errors are left out of
 * tshark's count: edgeaudit does not decode quoted payloads. Skipped when the corpus or tshark is absent.
 */
class StunCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("edgeaudit.repo", ".."), "../shared/pcaps");

    static AvCapture decode(Path file) {
        AvAnalysis.Result r = AvAnalysis.run(AvTopology.empty(),
                List.of(new AvAnalysis.CapturePointInput("corpus", List.of(file))),
                new AvInspector.Options(50_000, 59_999, true, true));
        return r.verdicts().captures().get(0);
    }

    /** tshark's STUN message count (several messages in one TCP segment count one each). */
    static long tsharkCount(Path file, String decodeAs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-o", "stun.stunversion:Auto"));
        if (!decodeAs.isEmpty()) {
            cmd.addAll(List.of("-d", decodeAs));
        }
        cmd.addAll(List.of("-Y", "!icmp && !icmpv6", "-T", "fields", "-E", "separator=,", "-e", "stun.type",
                "-e", "classicstun.type"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark timed out on " + file);
        long n = 0;
        for (String v : out.split("[,\\n]")) {
            if (!v.isBlank()) {
                n++;
            }
        }
        return n;
    }

    static Path corpusFile(String name) {
        Path f = CORPUS.resolve(name);
        Assumptions.assumeTrue(Files.isReadable(f), "corpus file " + f + " absent");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed");
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "arkime__stun.pcap,",
            "arkime__turn.pcap, 'tcp.port==80,stun'",          // TURN over TCP 80: tshark needs decode-as
            "ndpi__stun.pcap,",
            "ndpi__stun_classic.pcap,",
            "ndpi__teams.pcap,",                             // MS-TURN Data indications from Teams relays
            "ndpi__stun_msteams_unidir.pcapng,",
            "ndpi__stun_tcp_multiple_msgs_same_pkt.pcap,",
            "ndpi__skype-conference-call.pcap,",
            "ndpi__stun_google_meet.pcapng,",
            "ndpi__stun_zoom.pcapng,",
            "ndpi__stun_wa_call.pcapng,",                    // WhatsApp: 16-byte RESERVATION-TOKEN, noted not fatal
            "ndpi__stun_signal.pcapng,",
            "ndpi__stun_dtls_rtp.pcapng,",
            "ndpi__stun_dtls_rtp_unidir.pcapng,",
            "ndpi__zoom_p2p.pcapng,",
            "spicystun__stun-ice-testcall.pcap,",
            "zeek__tls_webrtc-stun.pcap,",
            "ndpi__skype_legacy_2015.pcap,",
            "ndpi__skype_legacy_2015.pcap,"})
    void countsTheSameStunMessagesAsTshark(String name, String decodeAs) throws Exception {
        Path f = corpusFile(name);
        AvCapture c = decode(f);
        assertEquals(tsharkCount(f, decodeAs == null ? "" : decodeAs.trim()), c.messages(),
                () -> name + ": " + c.messageCounts());
        assertEquals(0, c.malformed(), () -> name + ": malformed");
    }

    /** tshark decodes these too, with an expert error; edgeaudit counts them as stun_malformed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "spicystun__stun-attribute-length-ffff.pcap, 1",     // attribute length 0xFFFF
            "spicystun__stun-malformed-error.pcap, 1",           // ERROR-CODE of 3 bytes
            "ndpi__whatsapp_voice_and_message.pcap, 18"})        // WhatsApp Allocates: length 106, not a multiple of 4
    void countsBrokenMessagesAsMalformed(String name, int malformed) throws Exception {
        Path f = corpusFile(name);
        AvCapture c = decode(f);
        assertEquals(malformed, c.malformed(), name);
        assertEquals(tsharkCount(f, ""), c.messages() + c.malformed(), () -> c.messageCounts().toString());
    }

    @Test
    void findsMsTurnInTheTeamsCapture() {
        AvCapture c = decode(corpusFile("ndpi__teams.pcap"));
        assertTrue(c.messageCounts().getOrDefault("ms-turn Data indication", 0L) >= 6, c.messageCounts().toString());
        assertTrue(c.messageCounts().getOrDefault("ms-turn Allocate request", 0L) >= 1, c.messageCounts().toString());
    }
}
