package io.edgeaudit.report.evidence;

import io.edgeaudit.capture.CaptureFile;
import io.edgeaudit.capture.CaptureFileReader;
import io.edgeaudit.decode.PacketDecoder;
import io.edgeaudit.gen.CaptureGenerator;
import io.edgeaudit.gen.FlowScript;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Generated capture, our reader and decoder, evidence pcapng, read back by tshark. */
class EvidenceEndToEndTest {
    private static final String SCRIPT = """
            @start 2026-11-24T08:00:00Z
            @format pcap
            +0   tcp 203.0.113.15:50500 > 198.51.100.10:8443 data=2
            +0.2 udp 203.0.113.10:50124 > 198.51.100.12:3478 pkts=3 replies=3
            +0.4 tcp 203.0.113.16:50600 > 198.51.100.10:443 data=1
            """;

    private static List<String> tshark(Path file, String filter, String field) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-Y", filter, "-T", "fields", "-e", field)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return out.lines().toList();
    }

    @Test
    void evidenceHoldsExactlyTheViolatingFlowsPacketsAndTsharkReadsTheirComments(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (.ci/run installs it)");
        Path pcap = dir.resolve("ext.pcap");
        try (OutputStream out = Files.newOutputStream(pcap)) {
            CaptureGenerator.write(FlowScript.parse("e2e", SCRIPT), out);
        }
        long start = Instant.parse("2026-11-24T08:00:00Z").getEpochSecond() * 1_000_000_000L;
        Evidence window = new Evidence(List.of(pcap.toString()), List.of(), start, start + 60_000_000_000L, 0, 0);
        List<Violation> vs = List.of(new Violation(ViolationKind.UNEXPECTED_PORT, ViolationKind.UNEXPECTED_PORT.defaultSeverity(),
                "F1", "tcp", "203.0.113.15", 50500, "198.51.100.10", 8443, "external", "", "",
                "no rule names tcp/8443", window, "No rule allows TCP 8443 to the Access Edge."));
        Path evidence = dir.resolve("evidence.pcapng");
        PacketDecoder decoder = new PacketDecoder();
        EvidenceWriter.Result r;
        try (CaptureFileReader in = new CaptureFileReader(new CaptureFile(0, pcap.toString()), pcap)) {
            r = EvidenceWriter.write(vs, in, decoder::decode, evidence);
        }
        List<String> original = tshark(pcap, "tcp.port == 8443", "frame.number");
        assertTrue(original.size() >= 7, "handshake, 2 exchanges, close: " + original);
        assertEquals(original.size(), r.packets());
        List<String> comments = tshark(evidence, "frame", "frame.comment");
        assertEquals(original.size(), comments.size());
        assertEquals("edgeaudit: UNEXPECTED_PORT [error] flow F1: No rule allows TCP 8443 to the Access Edge.", comments.get(0));
        assertTrue(comments.stream().skip(1).allMatch("edgeaudit: UNEXPECTED_PORT [error] flow F1"::equals), comments.toString());
        assertEquals(List.of(), tshark(evidence, "not tcp.port == 8443", "frame.number"), "nothing else");
    }
}
