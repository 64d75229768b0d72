package io.edgeaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeaudit.report.html.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code edgeaudit av} end to end on the synthetic captures of samples/av (see its README for each). */
class AvCommandTest {
    static final Path SAMPLES = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/av");

    static CommandRun av(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "av";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandRun.of(all);
    }

    static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }

    @Test
    void compliantCallHasAnOkVerdictAndExitsZero() {
        CommandRun r = av("--topology", sample("topology.yaml"), sample("av-compliant.pcap"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("verdict: OK: the A/V VIP 198.51.100.12 allocated 198.51.100.23:50010 for 203.0.113.10:50123"), r.out());
        assertTrue(r.out().contains("No A/V findings."), r.out());
    }

    @Test
    void asymmetricResponseAndVipRelayNameTheRequirementAndTheFix() {
        CommandRun r = av("--topology", sample("topology.yaml"), sample("av-asymmetric.pcap"));
        assertEquals(ExitCodes.VIOLATIONS, r.exit(), r.err());
        assertTrue(r.out().contains("ERROR AV_RESPONSE_SOURCE [HLB-2]"), r.out());
        assertTrue(r.out().contains("went to the A/V VIP 198.51.100.12:3478 and was answered from node1 (198.51.100.23):3478"), r.out());
        assertTrue(r.out().contains("ERROR AV_RELAY_ADDRESS [HLB-2]"), r.out());
        assertTrue(r.out().contains("AV_MEDIA_VIA_VIP [HLB-7]"), r.out());
        assertTrue(r.out().contains("av-asymmetric.pcap#2"), "evidence names file and packet: " + r.out());
    }

    @Test
    void twoCapturePointsShowTheSnatRewriteAsJson(@TempDir Path dir) throws Exception {
        CommandRun r = av("--topology", sample("topology.yaml"), "--capture-point", "lb=" + sample("av-snat-lb.pcap"),
                "--capture-point", "node1=" + sample("av-snat-node1.pcap"), "--format", "json", "--out", dir.toString());
        assertEquals(ExitCodes.VIOLATIONS, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("client 203.0.113.10:50123 at the load balancer (lb) became 198.51.100.2:40001 at node1",
                json.get("rewrites").get(0).asText());
        assertEquals(2, json.get("capturePoints").size());
        JsonNode node1 = json.get("allocations").get(1);
        assertEquals("node1", node1.get("capturePoint").asText());
        assertEquals("SNAT_ON_AV", node1.get("verdict").asText());
        assertEquals("198.51.100.23:50010", node1.get("relayed").asText());
        assertTrue(Files.readString(dir.resolve("av.txt")).contains("Address rewriting between capture points"));
        assertEquals(json, new ObjectMapper().readTree(dir.resolve("av.json").toFile()));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data-verdict=\"violations\" data-exit-code=\"1\""), "verdict in report.html");
        assertTrue(html.contains("SNAT_ON_AV"), "the A/V violation and allocation are on the page");
        assertTrue(html.contains("198.51.100.23:50010"), "the relayed address is in the allocations table");
        // one uid space across capture points: each violation's uid names the allocation flow it is about
        JsonNode lb = json.get("allocations").get(0);
        assertNotEquals(lb.get("flowUid").asText(), node1.get("flowUid").asText(), "uids restart at each point");
        for (JsonNode v : json.get("violations")) {
            JsonNode at = v.get("flowUid").asText().equals(lb.get("flowUid").asText()) ? lb : node1;
            assertEquals(at.get("client").asText(), v.get("origAddr").asText() + ":" + v.get("origPort").asInt(),
                    "violation " + v + " names the flow of " + at.get("capturePoint").asText());
        }
    }

    @Test
    void theAvPageCountsFindingsAndAllocationsNotFlowsItNeverClassified(@TempDir Path dir) throws Exception {
        CommandRun r = av("--topology", sample("topology.yaml"), "--capture-point", "lb=" + sample("av-snat-lb.pcap"),
                "--capture-point", "node1=" + sample("av-snat-node1.pcap"), "--out", dir.toString());
        assertEquals(ExitCodes.VIOLATIONS, r.exit(), r.err());
        String html = Files.readString(dir.resolve("report.html"));
        String count = HeadlessChromium.attribute(html, "count-violations", "data-v");
        assertTrue(count != null && Integer.parseInt(count) > 0, "violations card: " + count);
        assertTrue(html.contains("<div class=\"headline\">" + count + " violation"), "headline counts what the page lists");
        assertEquals(new ObjectMapper().readTree(dir.resolve("av.json").toFile()).get("violations").size(),
                Integer.parseInt(count), "the page and av.json list the same findings");
        assertTrue(html.contains(" in the A/V exchanges</div>"), "the headline counts findings");
        assertFalse(html.contains("flows touch the Edge"), "no flow was classified: no flow counts");
        assertFalse(html.contains("id=\"count-flows\""), "no flow cards");
        assertFalse(html.contains("<h2 id=\"flows\"") || html.contains("<h2 id=\"tables\"")
                || html.contains("<h2 id=\"charts\"") || html.contains("href=\"#flows\""), "no empty flow sections");
        assertTrue(html.contains("id=\"count-allocations\" data-v=\"2\""), "the two allocations are counted");
        assertTrue(html.contains("id=\"av-only\""), "the page says what it covers");
    }

    @Test
    void theAvPageOpensWithoutScriptErrors(@TempDir Path dir) throws Exception {
        HeadlessChromium.assumeInstalled();
        assertEquals(ExitCodes.VIOLATIONS, av("--topology", sample("topology.yaml"), "--out", dir.toString(),
                sample("av-asymmetric.pcap")).exit());
        String dom = HeadlessChromium.dumpDom(dir.resolve("report.html"), dir);
        assertEquals("0", HeadlessChromium.attribute(dom, "js-errors", "data-count"),
                () -> "script errors: " + HeadlessChromium.text(dom, "js-errors"));
        assertTrue(dom.contains("data-ready=\"1\""), "the page's script ran");
        assertEquals("violations", HeadlessChromium.attribute(dom, "verdict", "data-verdict"));
    }

    @Test
    void udpBlockedThenMsTurnOverPseudoTlsOn443() {
        CommandRun r = av("--topology", sample("topology.yaml"), "--timeline", sample("av-udp-blocked.pcap"));
        assertEquals(ExitCodes.VIOLATIONS, r.exit(), "a warning fails at the default --fail-on warning: " + r.err());
        assertTrue(r.out().contains("WARNING UDP_BLOCKED"), r.out());
        assertTrue(r.out().contains("203.0.113.10:50200 -> 198.51.100.12:443 tcp (pseudo-tls, ms-turn)"), r.out());
        assertTrue(r.out().contains("relayed 198.51.100.23:50020; mapped 203.0.113.10:50200; lifetime 480 s"), r.out());
        assertEquals(ExitCodes.OK, av("--topology", sample("topology.yaml"), "--fail-on", "error",
                sample("av-udp-blocked.pcap")).exit());
    }

    @Test
    void rejectsAnUnknownCapturePointWithOneLine() {
        CommandRun r = av("--topology", sample("topology.yaml"), "--capture-point", "nowhere=" + sample("av-compliant.pcap"));
        assertEquals(ExitCodes.INPUT_ERROR, r.exit());
        assertEquals("edgeaudit av: capture point 'nowhere' is not in " + sample("topology.yaml")
                + " (expected one of: lb, node1, NODE:external, hlb:external)", r.err().strip());
    }

    @Test
    void acceptsInlineCapturePointsLikeAnalyze() {
        CommandRun r = av("--topology", sample("topology.yaml"), "--capture-point", "hlb:external=" + sample("av-snat-lb.pcap"),
                "--capture-point", "node1:external=" + sample("av-snat-node1.pcap"));
        assertEquals(ExitCodes.VIOLATIONS, r.exit(), r.err());
        assertTrue(r.out().contains("client 203.0.113.10:50123 at the load balancer (hlb:external) became 198.51.100.2:40001 at node1"),
                r.out());
    }

    @Test
    void reportsAMissingFileAsAnInputError() {
        CommandRun r = av(sample("no-such.pcap"));
        assertEquals(ExitCodes.INPUT_ERROR, r.exit());
        assertTrue(r.err().startsWith("edgeaudit av: cannot read "), r.err());
    }
}
