package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and one-line errors of {@code analyze} and {@code topology check}. */
class AnalyzeCommandTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();
    private static final String POOL1 = REPO.resolve("samples/topologies/pool1.yaml").toString();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String sample(String name) {
        return REPO.resolve("samples/analyze/" + name).toString();
    }

    @Test
    void aCompliantCaptureExitsZeroAndSaysSo() {
        Run r = run("analyze", "--topology", POOL1, sample("compliant.pcap"));
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("VERDICT: COMPLIANT"), r.out);
    }

    @Test
    void failOnDecidesWhichSeveritiesFailTheRun() {
        // condition-not-met holds one warning
        assertEquals(1, run("analyze", "--topology", POOL1, sample("condition-not-met.pcap")).code);
        Run lenient = run("analyze", "--topology", POOL1, "--fail-on", "error", sample("condition-not-met.pcap"));
        assertEquals(0, lenient.code);
        assertTrue(lenient.out.contains("COMPLIANT at --fail-on error: 1 violation"), lenient.out);
        Run bad = run("analyze", "--topology", POOL1, "--fail-on", "fatal", sample("compliant.pcap"));
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("unknown severity 'fatal' (expected: info, warning, error)"), bad.err);
    }

    @Test
    void inputErrorsExitTwoWithOneLine(@TempDir Path tmp) throws IOException {
        Run missing = run("analyze", "--topology", tmp.resolve("none.yaml").toString(), sample("compliant.pcap"));
        assertEquals(2, missing.code);
        assertTrue(missing.err.startsWith("edgeaudit: " + tmp.resolve("none.yaml") + ": cannot read"), missing.err);
        assertEquals(1, missing.err.strip().lines().count(), missing.err);

        Path pack = tmp.resolve("broken.csv");
        Files.writeString(pack, "id,table,row,transport,src_ports,dst_ports,source,destination,interface,target,nat\n"
                + "X-1,t,1,tcp,any,5061,any,vip.acess,external,vip,snat-allowed\n");
        Run broken = run("analyze", "--topology", POOL1, "--pack", pack.toString(), sample("compliant.pcap"));
        assertEquals(2, broken.code);
        assertTrue(broken.err.contains("broken.csv:2:8: destination: unknown selector 'vip.acess'"), broken.err);

        Run point = run("analyze", "--topology", POOL1, "--capture-point", "node9:external=" + sample("compliant.pcap"));
        assertEquals(2, point.code);
        assertTrue(point.err.contains("unknown capture point 'node9:external'"), point.err);

        assertEquals(2, run("analyze", "--topology", POOL1).code);
    }

    @Test
    void aCaptureCutShortIsAnalysedAsFarAsItGoesAndExitsTwo(@TempDir Path tmp) throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(sample("compliant.pcap")));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2 + 7)); // ends inside a record
        Path out = tmp.resolve("out");
        Run r = run("analyze", "--topology", POOL1, "--out", out.toString(), cut.toString());
        assertEquals(2, r.code, r.out + r.err);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.at("/summary/partial").asBoolean());
        assertTrue(report.at("/summary/flows").asLong() > 5, report.at("/summary").toString());
        assertFalse(report.at("/files/0/error").asText().isEmpty());
        assertTrue(r.err.contains("cut.pcap"), r.err);
    }

    @Test
    void outputsAreWrittenInsideTheFolderWithNoTemporaryFilesLeft(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("report");
        Run r = run("analyze", "--topology", POOL1, "--out", out.toString(), sample("wrong-endpoint.pcap"));
        assertEquals(1, r.code);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("allocations.csv", "coverage.csv", "flows.csv", "report.html", "report.json", "violations.csv"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("report"), s.map(p -> p.getFileName().toString()).toList());
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        for (String field : List.of("files", "packets", "flows", "in_scope_flows", "violations", "compliant", "partial")) {
            assertTrue(report.get("summary").has(field), field);
        }
        JsonNode v = report.at("/violations/0");
        assertEquals("WRONG_ENDPOINT", v.get("kind").asText());
        assertEquals("EV-04", v.get("rule_id").asText());
        assertEquals(1, v.at("/evidence/first_packets/0/packet").asLong());
        assertTrue(v.get("explanation").asText().contains("table external-vip row 4"));
    }

    @Test
    void aCapturePointGivenOnTheCommandLineSetsTheVantage(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("o");
        Run r = run("analyze", "--topology", POOL1, "--out", out.toString(),
                "--capture-point", "hlb:internal=" + sample("wrong-endpoint.pcap"));
        assertEquals(1, r.code);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("capture-point", report.at("/flows/1/iface_source").asText());
        assertEquals("hlb", report.at("/flows/1/vantage").asText());
        assertEquals("hlb:internal", report.at("/files/0/capture_point").asText());
    }

    @Test
    void topologyCheckExitsZeroOneOrTwo(@TempDir Path tmp) throws IOException {
        assertEquals(0, run("topology", "check", POOL1).code);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(POOL1)).replace("av: 198.51.100.26", "av: 10.0.0.26"));
        Run r = run("topology", "check", bad.toString());
        assertEquals(1, r.code);
        assertTrue(r.out.contains(bad + ":11: public-address: edge.nodes[1].external.av 10.0.0.26"), r.out);
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "name: x\nedge: [\n");
        Run b = run("topology", "check", broken.toString());
        assertEquals(2, b.code);
        assertTrue(b.err.startsWith("edgeaudit: " + broken + ":"), b.err);
    }
}
