package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.flow.PacketRef;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.edgeaudit.verdict.Fixtures.FRONTEND;
import static io.edgeaudit.verdict.Fixtures.INTERNAL_HOST;
import static io.edgeaudit.verdict.Fixtures.INTERNET;
import static io.edgeaudit.verdict.Fixtures.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples of each finding, and how vantage, inferred direction and unanswered attempts are judged. */
class FlowClassifierTest {
    private static final Topology POOL1 = Fixtures.pool1();
    private static final String NODE1_ACCESS = "198.51.100.21";
    private static final String NODE1_AV = "198.51.100.23";
    private static final String NODE1_INTERNAL = "198.18.0.21";
    private static final String VIP_ACCESS = "198.51.100.10";
    private static final String VIP_INTERNAL = "198.18.0.20";
    private static final String SNAT = "198.51.100.2";

    private static Classification judge(Flow f) {
        return Fixtures.classifier(POOL1).classify(f);
    }

    private static Classification judgeAt(CapturePoint cp, Flow f) {
        return new FlowClassifier(POOL1, Fixtures.pack(), new CapturePoints(POOL1, Map.of(0, cp))).classify(f);
    }

    private static Violation only(Classification c) {
        assertEquals(1, c.violations().size(), c.violations().toString());
        return c.violations().get(0);
    }

    @Test
    void inboundHttpToTheAccessEdgeIsWrongDirection() {
        Violation v = only(judge(flow("tcp", INTERNET, 40123, NODE1_ACCESS, 80)));
        assertEquals(ViolationKind.WRONG_DIRECTION, v.kind());
        assertEquals("EN-01", v.ruleId());
        assertEquals("external-node#1", v.ruleRef());
        assertTrue(v.explanation().contains("table external-node row 1"), v.explanation());
    }

    @Test
    void cmsReplicationOnTheExternalSideIsWrongInterface() {
        Violation v = only(judge(flow("tcp", INTERNET, 40123, NODE1_ACCESS, 4443)));
        assertEquals(ViolationKind.WRONG_INTERFACE, v.kind());
        assertEquals("IN-02", v.ruleId());
        assertEquals("external", v.iface());
    }

    @Test
    void sipToANodeInsteadOfTheAccessVipIsWrongEndpointOutsideTheLoadBalancer() {
        Violation v = only(judge(flow("tcp", INTERNET, 40123, NODE1_ACCESS, 5061)));
        assertEquals(ViolationKind.WRONG_ENDPOINT, v.kind());
        assertEquals("EV-04", v.ruleId());
        assertTrue(v.why().contains("vip.access (198.51.100.10)"), v.why());
        assertTrue(v.why().contains("vantage unknown"), v.why());
    }

    @Test
    void outboundSipLeavesANodeFromItsOwnAccessAddressAtTheNode() {
        CapturePoint node1Ext = new CapturePoint("eth1", "node1", Iface.EXTERNAL);
        Classification c = judgeAt(node1Ext, flow("tcp", NODE1_ACCESS, 40123, INTERNET, 5061));
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertEquals("EV-05", c.allowedRuleId());
        // outside the load balancer the same flow must carry the VIP
        CapturePoint outside = new CapturePoint("lb-out", null, Iface.EXTERNAL);
        assertEquals(ViolationKind.WRONG_ENDPOINT, only(judgeAt(outside, flow("tcp", NODE1_ACCESS, 40123, INTERNET, 5061))).kind());
        assertEquals("EV-05", judgeAt(outside, flow("tcp", VIP_ACCESS, 40123, INTERNET, 5061)).allowedRuleId());
    }

    @Test
    void avAuthenticationToANodeInsteadOfTheInternalVipIsWrongEndpoint() {
        CapturePoint inside = new CapturePoint("lb-in", null, Iface.INTERNAL);
        Violation v = only(judgeAt(inside, flow("tcp", FRONTEND, 40123, NODE1_INTERNAL, 5062)));
        assertEquals(ViolationKind.WRONG_ENDPOINT, v.kind());
        assertEquals("IV-03", v.ruleId());
        assertEquals("IV-03", judgeAt(inside, flow("tcp", FRONTEND, 40123, VIP_INTERNAL, 5062)).allowedRuleId());
    }

    @Test
    void aSourceOutsideTheDeclaredFrontEndsIsAWarningWhereTheRowSaysCanBeDefinedAs() {
        Violation v = only(judge(flow("tcp", INTERNAL_HOST, 40123, NODE1_INTERNAL, 4443)));
        assertEquals(ViolationKind.WRONG_ENDPOINT, v.kind());
        assertEquals(Severity.WARNING, v.severity());
        assertTrue(v.why().contains("is not the declared frontend (198.18.1.10/32, 198.18.1.11/32)"), v.why());
        assertEquals("IN-02", judge(flow("tcp", FRONTEND, 40123, NODE1_INTERNAL, 4443)).allowedRuleId());
    }

    @Test
    void inboundRelayPortsWithoutOcs2007FederationAreConditionNotMet() {
        Violation v = only(judge(flow("udp", INTERNET, 40123, NODE1_AV, 50500)));
        assertEquals(ViolationKind.CONDITION_NOT_MET, v.kind());
        assertEquals(Severity.WARNING, v.severity());
        assertEquals("EN-07", v.ruleId());
        assertTrue(v.explanation().contains("ocs2007"), v.explanation());
    }

    @Test
    void anInternalHostOnTheExternalInterfaceIsInternalOnExternal() {
        Violation v = only(judge(flow("tcp", FRONTEND, 40123, VIP_ACCESS, 443)));
        assertEquals(ViolationKind.INTERNAL_ON_EXTERNAL, v.kind());
        assertEquals("HLB-8", v.ruleId());
    }

    @Test
    void anInternetHostOnTheInternalInterfaceIsExternalOnInternal() {
        Classification c = judge(flow("udp", INTERNET, 40123, VIP_INTERNAL, 3478));
        assertEquals(ViolationKind.EXTERNAL_ON_INTERNAL, c.violations().get(0).kind());
        assertEquals(FlowVerdict.Status.VIOLATION, c.verdict().status());
    }

    @Test
    void anEdgeAddressOfTheOtherSideAtACapturePointIsALocationFindingNotAlsoWrongInterface() {
        CapturePoint node1Ext = new CapturePoint("eth1", "node1", Iface.EXTERNAL);
        Classification c = judgeAt(node1Ext, flow("tcp", FRONTEND, 40123, NODE1_INTERNAL, 4443));
        assertEquals(ViolationKind.INTERNAL_ON_EXTERNAL, only(c).kind());
        assertEquals("capture-point", c.verdict().ifaceSource());
    }

    @Test
    void flowsWithoutAnEdgeAddressAreOutOfScope() {
        Classification c = judge(flow("tcp", INTERNET, 40123, "192.0.2.99", 22));
        assertEquals(FlowVerdict.Status.OUT_OF_SCOPE, c.verdict().status());
        assertTrue(c.violations().isEmpty());
        assertEquals("none", c.verdict().ifaceSource());
    }

    @Test
    void aRefusedAttemptOutsideTheLoadBalancerIsInfoAndAtTheNodeAWarning() {
        Flow refused = flow("tcp", INTERNET, 40123, NODE1_ACCESS, 3389, "REJ", 1, 1);
        Violation outside = only(judge(refused));
        assertEquals(ViolationKind.UNEXPECTED_PORT, outside.kind());
        assertEquals(Severity.INFO, outside.severity());
        assertTrue(outside.why().contains("conn_state REJ"), outside.why());
        Violation atNode = only(judgeAt(new CapturePoint("eth1", "node1", Iface.EXTERNAL), refused));
        assertEquals(Severity.WARNING, atNode.severity());
        Violation answered = only(judge(flow("tcp", INTERNET, 40123, NODE1_ACCESS, 3389)));
        assertEquals(Severity.ERROR, answered.severity());
    }

    @Test
    void theEdgeTryingAForbiddenPortIsAWarningEvenUnanswered() {
        Violation v = only(judge(flow("tcp", NODE1_ACCESS, 40123, INTERNET, 25, "S0", 3, 0)));
        assertEquals(ViolationKind.UNEXPECTED_PORT, v.kind());
        assertEquals(Severity.WARNING, v.severity());
    }

    @Test
    void aFlowWhoseDirectionWasInferredIsAllowedTheOtherWayRound() {
        // a DNS answer seen without its query: the table reads it as responder 203.0.113.53:53
        Flow f = new Flow("F9", 17, IpAddress.parse("203.0.113.53"), 53, IpAddress.parse(NODE1_ACCESS), 40123, 0, 0, 0,
                null, null, true, 0, 0L);
        f.resp().add(80, 40);
        f.orig().add(120, 80);
        f.addPacketRef(new PacketRef(0, "t.pcap", 1, 0L));
        Classification c = judge(f);
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertEquals("EN-03", c.allowedRuleId());
        assertEquals("reversed", c.verdict().orientation());
    }

    @Test
    void avTrafficFromTheLoadBalancersSnatAddressIsSnatOnAv() {
        Violation v = only(judgeAt(new CapturePoint("eth1", "node1", Iface.EXTERNAL), flow("udp", SNAT, 40123, NODE1_AV, 3478)));
        assertEquals(ViolationKind.SNAT_ON_AV, v.kind());
        assertTrue(v.explanation().contains("may not SNAT"), v.explanation());
        // Access traffic may be SNATed (requirement 1)
        Classification access = judgeAt(new CapturePoint("eth1", "node1", Iface.EXTERNAL), flow("tcp", SNAT, 40123, NODE1_ACCESS, 443));
        assertTrue(access.violations().isEmpty(), access.violations().toString());
    }

    @Test
    void icmpToTheEdgeIsReportedForInformation() {
        Violation v = only(judge(flow("icmp", INTERNET, 8, NODE1_ACCESS, 0)));
        assertEquals(ViolationKind.UNEXPECTED_PORT, v.kind());
        assertEquals(Severity.INFO, v.severity());
    }

    @Test
    void theCapturePointOfAnInputFileDecidesTheInterface() {
        CapturePoints points = new CapturePoints(POOL1, Map.of(0, new CapturePoint("lb-out", null, Iface.EXTERNAL)));
        Flow f = flow("tcp", INTERNET, 40123, VIP_ACCESS, 443);
        assertEquals("hlb", points.of(f) == null ? "" : points.of(f).vantage());
        // a pcapng interface name mapped in the topology: pool1 maps eth1 to node1's external side
        Flow named = new Flow("F2", 6, IpAddress.parse(INTERNET), 1, IpAddress.parse(NODE1_ACCESS), 443, 0, 0, 0,
                "eth1", null, false, 0, 0L);
        assertEquals("node:node1", new CapturePoints(POOL1, Map.of()).of(named).vantage());
    }

    @Test
    void theRelayRowsFollowTheTopologysRelayPortRange() {
        Topology narrow = Fixtures.pool1With("features: {xmpp: true, web_conferencing: true, av: true}",
                "features: {xmpp: true, web_conferencing: true, av: true}\nav: {relay_ports: 40000-40999}");
        FlowClassifier c = Fixtures.classifier(narrow);
        // node1 A/V to a partner's TCP 443 from a relay port: EN-04 with the topology's range
        assertEquals("EN-04", c.classify(flow("tcp", NODE1_AV, 40500, INTERNET, 443)).allowedRuleId());
        assertEquals("EN-11", c.classify(flow("tcp", NODE1_AV, 50500, INTERNET, 443)).allowedRuleId());
        assertEquals("EN-04", judge(flow("tcp", NODE1_AV, 50500, INTERNET, 443)).allowedRuleId());
    }
}
