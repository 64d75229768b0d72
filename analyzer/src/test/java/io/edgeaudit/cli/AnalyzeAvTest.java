package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze} reports the A/V checks' findings in the same outputs as the port rules. */
class AnalyzeAvTest {
    static final Path SAMPLES = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/av");

    static CommandRun analyze(String... args) {
        List<String> all = new ArrayList<>(List.of("analyze", "--topology", SAMPLES.resolve("topology.yaml").toString()));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void avFindingsAndAllocationsReachReportJsonViolationsCsvAndConsole(@TempDir Path dir) throws Exception {
        CommandRun run = analyze("--out", dir.toString(), SAMPLES.resolve("av-asymmetric.pcap").toString());
        assertEquals(ExitCodes.VIOLATIONS, run.exit());
        assertTrue(run.out().contains("AV_RESPONSE_SOURCE"), run.out());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        JsonNode allocation = report.get("allocations").get(0);
        assertEquals("198.51.100.12:50010", allocation.get("relayed").asText());
        assertEquals("AV_RELAY_ADDRESS", allocation.get("verdict").asText());
        String csv = Files.readString(dir.resolve("violations.csv"));
        assertTrue(csv.contains("AV_RESPONSE_SOURCE,error,F1,udp,203.0.113.10,50123,198.51.100.12,3478,external,HLB-2"), csv);
        assertTrue(csv.contains("AV_MEDIA_VIA_VIP,error,F3"), csv);
    }

    @Test
    void snatSeenAtTwoCapturePointsKeepsThemApart(@TempDir Path dir) throws Exception {
        int exit = analyze("--out", dir.toString(),
                "--capture-point", "lb=" + SAMPLES.resolve("av-snat-lb.pcap"),
                "--capture-point", "node1=" + SAMPLES.resolve("av-snat-node1.pcap")).exit();
        assertEquals(ExitCodes.VIOLATIONS, exit);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(2, report.get("allocations").size(), "one allocation per capture point, not a retransmission");
        JsonNode atNode = report.get("allocations").get(1);
        assertEquals("node1", atNode.get("node").asText());
        assertTrue(atNode.get("detail").asText().contains("client 203.0.113.10:50123 at the load balancer (lb) became "
                + "198.51.100.2:40001 at node1"), atNode.toString());
        assertTrue(Files.readString(dir.resolve("violations.csv")).contains("SNAT_ON_AV,error,F1,udp,203.0.113.10,50123"));
    }

    @Test
    void compliantCallAddsItsAllocationAndNoFinding(@TempDir Path dir) throws Exception {
        analyze("--out", dir.toString(), SAMPLES.resolve("av-compliant.pcap").toString());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals("ok", report.get("allocations").get(0).get("verdict").asText());
        String csv = Files.readString(dir.resolve("violations.csv"));
        assertTrue(!csv.contains("AV_") && !csv.contains("SNAT_ON_AV"), csv);
    }
}
