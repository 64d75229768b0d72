package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ICMP error quoting a flow's packet is that flow's evidence in {@code analyze}'s report, not a flow. */
class AnalyzeIcmpRefusalTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "..")).toAbsolutePath().normalize();

    @Test
    void refusedUdpFlowCarriesTheIcmpErrorAsEvidenceInReportJson(@TempDir Path out) throws IOException {
        // packet 1: udp 203.0.113.10:5000 -> 198.51.100.21:9999 (node1's Access address, a port no row allows);
        // packet 2: icmp 3/3 port unreachable from 198.51.100.21 quoting packet 1
        StringWriter stdout = new StringWriter();
        CommandLine cl = EdgeAuditCommand.newCommandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("analyze", "--topology", REPO.resolve("samples/topologies/pool1.yaml").toString(),
                "--out", out.toString(), REPO.resolve("samples/flows/icmp-port-unreachable.pcap").toString());
        assertEquals(0, code, stdout.toString()); // an unanswered attempt is info, below --fail-on warning

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(1, report.get("flows").size(), "the ICMP error is no flow of its own: " + report.get("flows"));
        JsonNode flow = report.get("flows").get(0);
        assertEquals("udp", flow.get("transport").asText());
        assertTrue(flow.get("attempt_only").asBoolean());
        JsonNode refusal = flow.get("icmp_refusal");
        assertEquals(2, refusal.get("packet").asLong());
        assertTrue(refusal.get("file").asText().endsWith("icmp-port-unreachable.pcap"), refusal.toString());
        assertEquals("icmp 3/3 port unreachable from 198.51.100.21", refusal.get("reason").asText());
        JsonNode violation = report.get("violations").get(0);
        assertTrue(violation.get("why").asText().contains("icmp 3/3 port unreachable"), violation.toString());
    }
}
