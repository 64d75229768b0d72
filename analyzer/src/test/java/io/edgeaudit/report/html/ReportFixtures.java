package io.edgeaudit.report.html;

import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.report.html.ReportModel.FlowRow;
import io.edgeaudit.report.html.ReportModel.RuleTable;
import io.edgeaudit.verdict.AnomalyCount;
import io.edgeaudit.verdict.AuditSummary;
import io.edgeaudit.verdict.AvAllocation;
import io.edgeaudit.verdict.Evidence;
import io.edgeaudit.verdict.InputFile;
import io.edgeaudit.verdict.RequirementStatus;
import io.edgeaudit.verdict.RequirementStatus.Status;
import io.edgeaudit.verdict.RuleCoverage;
import io.edgeaudit.verdict.Severity;
import io.edgeaudit.verdict.Violation;
import io.edgeaudit.verdict.ViolationKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built report models for the writer tests; {@link #HOSTILE} strings stand in for packet data. */
final class ReportFixtures {
    /** Script injection, attribute break-out, a CSV formula, a script-end and line separators. */
    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "\"><img src=x onerror=alert(2)>",
            "</script><script>alert(3)</script>",
            "a\u2028b\u2029c\u0000d\u001be");

    static final long T0 = Instant.parse("2026-11-24T08:00:00Z").getEpochSecond() * 1_000_000_000L;

    private ReportFixtures() {
    }

    /** A non-compliant run: one SNAT_ON_AV and one UNEXPECTED_PORT whose texts carry hostile strings. */
    static ReportModel sample(String hostile) {
        List<FlowRow> flows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flows.add(new FlowRow("F" + i, i % 3 == 0 ? "tcp" : "udp", "203.0.113." + (10 + i % 5), 50000 + i,
                    "198.51.100.12", i % 3 == 0 ? 443 : 3478, "external", i == 7 ? "violation" : "allowed",
                    i % 3 == 0 ? "ext-node-av-tcp443-in" : "ext-vip-av-udp3478", 10 + i, 1000L * (i + 1),
                    T0 + i * 60_000_000_000L, T0 + i * 60_000_000_000L + 5_000_000_000L, "SF", i % 3 == 0 ? "sip.example.com" : ""));
        }
        flows.add(new FlowRow("F99", "tcp", "203.0.113.66", 40000, "198.51.100.10", 8080, "external", "violation",
                "", 3, 180, T0 + 100_000_000_000L, T0 + 101_000_000_000L, "S0", hostile));
        Evidence ev1 = new Evidence(List.of("lab/" + hostile + ".pcap"),
                List.of(new PacketRef(0, "lab/" + hostile + ".pcap", 17, T0 + 420_000_000_000L)),
                T0 + 420_000_000_000L, T0 + 425_000_000_000L, 17, 8000);
        Evidence ev2 = new Evidence(List.of("lab/ext.pcap"), List.of(new PacketRef(0, "lab/ext.pcap", 3, T0)),
                T0 + 100_000_000_000L, T0 + 101_000_000_000L, 3, 180);
        List<Violation> violations = List.of(
                new Violation(ViolationKind.SNAT_ON_AV, Severity.ERROR, "F7", "udp", "198.51.100.2", 50007,
                        "198.51.100.12", 3478, "external", "ext-vip-av-udp3478", "external-vip#7",
                        "STUN SOFTWARE " + hostile + " USERNAME " + hostile, ev1,
                        "The A/V Edge saw the load balancer's address as the client (" + hostile + ")."),
                new Violation(ViolationKind.UNEXPECTED_PORT, Severity.ERROR, "F99", "tcp", "203.0.113.66", 40000,
                        "198.51.100.10", 8080, "external", "", "", "no rule names tcp/8080", ev2,
                        "No rule of the external tables allows TCP 8080 (SNI " + hostile + ")."));
        List<RuleTable> tables = List.of(
                new RuleTable("external-node", "Firewall summary: external interface, node 1 and node 2", List.of(
                        new RuleCoverage("ext-node-http80-out", "external-node", "", 1, "Access/HTTP/TCP/80",
                                "Access Edge public IP", "Any", "CRL check", true, 0, 0, 0),
                        new RuleCoverage("ext-node-av-tcp443-in", "external-node", "", 10, "A/V/STUN,MSTURN/TCP/443", "Any",
                                "A/V Edge public IP", "STUN/TURN over TCP/443", true, 10, 235, 145_000),
                        new RuleCoverage("ext-node-rtp-udp-out", "external-node", "", 5, "A/V/RTP/UDP/50,000-59,999",
                                "A/V Edge public IP", "Any", "OCS 2007 federation only " + hostile, false, 0, 0, 0))),
                new RuleTable("external-vip", "External port settings: external interface VIPs", List.of(
                        new RuleCoverage("ext-vip-av-udp3478", "external-vip", "", 7, "A/V/STUN,MSTURN/UDP/3478", "Any",
                                "A/V Edge public VIP", "candidate negotiation over UDP/3478", true, 20, 530, 320_000))));
        List<RequirementStatus> reqs = List.of(
                new RequirementStatus("HLB-1", "SNAT can be configured for Access Edge and Web Conferencing Edge.",
                        "not-observable", Status.PASS, "allowed, nothing to check"),
                new RequirementStatus("HLB-2", "SNAT cannot be configured on the A/V Edge.", "SNAT_ON_AV", Status.FAIL,
                        "flow F7: client address is the load balancer's " + hostile),
                new RequirementStatus("HLB-7", "Once established, clients talk to the real server.", "AV_MEDIA_VIA_VIP",
                        Status.NOT_EXERCISED, "no relayed media in the capture"),
                new RequirementStatus("HLB-9", "The HLB Access Edge VIP is the default gateway.", "not-observable",
                        Status.NOT_OBSERVABLE, "no packet shows the Edge's routes"));
        List<AvAllocation> allocs = List.of(new AvAllocation("F7", "udp", "198.51.100.2:50007", "198.51.100.12:3478",
                "198.51.100.21:53000", "198.51.100.2:50007", "node1", "realm " + hostile, "user " + hostile,
                "client " + hostile, "server " + hostile, "SNAT_ON_AV", "software " + hostile));
        return new ReportModel("edgeaudit report: " + hostile, Instant.parse("2026-11-24T09:00:00Z"),
                "edgeaudit 0.1.0", "samples/" + hostile + ".yaml",
                new AuditSummary(1, 700, 470_180, flows.size(), flows.size(), 0, 29, 2, 2, 2, 0, 0, Severity.ERROR,
                        false, false), 1,
                List.of(new InputFile(0, "lab/" + hostile + ".pcap", "pcap", "ab".repeat(32), 700, "", "")),
                violations, tables, reqs, allocs, flows, List.of(new AnomalyCount("bad_UDP_checksum", 2, hostile)), null);
    }
}
