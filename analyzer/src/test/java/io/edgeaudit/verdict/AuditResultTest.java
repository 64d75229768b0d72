package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditResultTest {

    private static AuditResult resultOf(Flow... flows) {
        Auditor a = new Auditor(Fixtures.pool1(), Fixtures.pack(), new CapturePoints(Fixtures.pool1(), java.util.Map.of()));
        for (Flow f : flows) {
            a.flowEnded(f);
        }
        return a.result(List.of(new InputFile(0, "t.pcap", "pcap", "", 10, "", "")), 10, 1000, List.of(), "",
                List.of(), Severity.WARNING);
    }

    @Test
    void summaryCountsScopeVerdictsAndSeverities() {
        AuditResult r = resultOf(Fixtures.flow("tcp", "203.0.113.10", 40000, "198.51.100.10", 443),
                Fixtures.flow("tcp", "203.0.113.10", 40001, "198.51.100.21", 80),
                Fixtures.flow("tcp", "203.0.113.10", 40002, "192.0.2.1", 22));
        AuditSummary s = r.summary();
        assertEquals(3, s.flows());
        assertEquals(2, s.inScopeFlows());
        assertEquals(1, s.allowedFlows());
        assertEquals(1, s.violatingFlows());
        assertEquals(1, s.errors());
        assertFalse(s.compliant());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.coverage().stream().filter(c -> c.ruleId().equals("EV-03")).findFirst().orElseThrow().flows());
        // the inbound HTTP flow breaks no requirement's check; the topology check found nothing
        assertEquals(RequirementStatus.Status.PASS, r.requirements().stream().filter(q -> q.id().equals("HLB-3"))
                .findFirst().orElseThrow().status());
    }

    @Test
    void avFindingsAreAddedOnceAndFailTheirRequirements() {
        Flow stun = Fixtures.flow("udp", "203.0.113.10", 40000, "198.51.100.23", 3478);
        AuditResult r = resultOf(stun);
        assertTrue(r.summary().compliant());
        RequirementStatus before = r.requirements().stream().filter(q -> q.id().equals("HLB-2")).findFirst().orElseThrow();
        assertEquals(RequirementStatus.Status.NOT_EXERCISED, before.status());
        Violation relay = Violation.onFlow(ViolationKind.AV_RELAY_ADDRESS, Severity.ERROR, stun, "external", "", "",
                "relayed 198.51.100.12:50000 is the VIP", "The relayed address is the VIP.");
        AuditResult withAv = r.withAv(List.of(relay, relay), List.of(new AvAllocation("F1", "udp", "203.0.113.10:40000",
                "198.51.100.23:3478", "198.51.100.12:50000", "203.0.113.10:40000", "node1", "", "", "", "", "AV_RELAY_ADDRESS", "")));
        assertEquals(1, withAv.summary().violations());
        assertEquals(FlowVerdict.Status.VIOLATION, withAv.flows().get(0).status());
        assertEquals(List.of(ViolationKind.AV_RELAY_ADDRESS), withAv.flows().get(0).violationKinds());
        assertEquals(RequirementStatus.Status.FAIL, withAv.requirements().stream().filter(q -> q.id().equals("HLB-2"))
                .findFirst().orElseThrow().status());
        assertEquals(RequirementStatus.Status.PASS, withAv.requirements().stream().filter(q -> q.id().equals("HLB-7"))
                .findFirst().orElseThrow().status());
        assertEquals(1, withAv.allocations().size());
        assertEquals(1, withAv.exitCode());
    }

    @Test
    void avFindingsWithDifferentEvidenceAreAllKeptButTheFlowCountsTheKindOnce() {
        Flow stun = Fixtures.flow("udp", "203.0.113.10", 40000, "198.51.100.23", 3478);
        AuditResult r = resultOf(stun);
        Violation request = Violation.onFlow(ViolationKind.SNAT_ON_AV, Severity.ERROR, stun, "external", "", "",
                "seen at lb: client 203.0.113.10:40000", "SNAT on A/V.");
        Violation response = Violation.onFlow(ViolationKind.SNAT_ON_AV, Severity.ERROR, stun, "external", "", "",
                "seen at node1: client 198.51.100.2:40001", "SNAT on A/V.");
        AuditResult withAv = r.withAv(List.of(request, response, response), List.of());
        assertEquals(2, withAv.summary().violations(), "two findings with their own evidence; the repeat once");
        assertEquals(List.of(ViolationKind.SNAT_ON_AV), withAv.flows().get(0).violationKinds());
    }

    @Test
    void aPartialInputExitsTwoEvenWhenCompliant() {
        AuditResult r = AuditResult.of("t", "", "p", List.of(new InputFile(0, "c.pcap", "pcap", "", 2, "",
                "c.pcap: packet 3 at byte offset 120: record cut short")), 2, 100, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), "", Severity.WARNING);
        assertTrue(r.summary().partial());
        assertEquals("partial", r.summary().status());
        assertEquals(2, r.exitCode());
    }
}
