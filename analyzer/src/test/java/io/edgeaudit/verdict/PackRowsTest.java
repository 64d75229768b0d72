package io.edgeaudit.verdict;

import io.edgeaudit.flow.Flow;
import io.edgeaudit.net.IpAddress;
import io.edgeaudit.rules.PortSet;
import io.edgeaudit.rules.Rule;
import io.edgeaudit.rules.RulePack;
import io.edgeaudit.topology.CapturePoint;
import io.edgeaudit.topology.EdgeNode;
import io.edgeaudit.topology.Iface;
import io.edgeaudit.topology.Service;
import io.edgeaudit.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every row of the seed's four tables: a flow built from the row is allowed by it, and changing one
 * attribute (port, direction, interface, endpoint) gives the expected finding. The flows are built
 * from the pack's own selectors and ports; the expectations below are written by hand from the
 * tables (where the changed flow is what another row allows, the expectation says so).
 */
class PackRowsTest {
    /** pool1 with OCS 2007 federation on, so the conditional 50,000-59,999 rows are allowed too. */
    private static final Topology TOPO = Fixtures.pool1With("ocs2007: false", "ocs2007: true");
    private static final RulePack PACK = Fixtures.pack();
    private static final EdgeNode NODE1 = TOPO.node("node1");

    @Test
    void packHasOneRuleForEachRowOfTheSeedTables() {
        assertEquals(33, PACK.rules().size());
        assertEquals(11, PACK.rules().stream().filter(r -> r.table().equals("external-node")).count());
        assertEquals(8, PACK.rules().stream().filter(r -> r.table().equals("internal-node")).count());
        assertEquals(8, PACK.rules().stream().filter(r -> r.table().equals("external-vip")).count());
        assertEquals(6, PACK.rules().stream().filter(r -> r.table().equals("internal-vip")).count());
    }

    /**
     * Columns: rule id | port changed | direction reversed | other interface | other Edge address.
     * Each cell is a violation kind, or ALLOWED:RULE when the changed flow is another row's traffic.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EN-01 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-02 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-03 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-04 | UNEXPECTED_PORT   | ALLOWED:EN-10   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EN-05 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-06 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-07 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EN-08 | UNEXPECTED_PORT   | ALLOWED:EN-09   | WRONG_DIRECTION | WRONG_ENDPOINT",
            "EN-09 | UNEXPECTED_PORT   | ALLOWED:EN-08   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EN-10 | UNEXPECTED_PORT   | ALLOWED:EN-11   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EN-11 | UNEXPECTED_PORT   | ALLOWED:EN-10   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IN-01 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "IN-02 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "IN-03 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "IN-04 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_ENDPOINT  | ALLOWED:IV-04",
            "IN-05 | UNEXPECTED_PORT   | WRONG_ENDPOINT  | WRONG_ENDPOINT  | ALLOWED:IV-05",
            "IN-06 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IN-07 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IN-08 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EV-01 | UNEXPECTED_PORT   | ALLOWED:EV-02   | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EV-02 | UNEXPECTED_PORT   | ALLOWED:EV-01   | WRONG_INTERFACE | WRONG_ENDPOINT",
            "EV-03 | UNEXPECTED_PORT   | WRONG_ENDPOINT  | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EV-04 | UNEXPECTED_PORT   | ALLOWED:EV-05   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EV-05 | UNEXPECTED_PORT   | ALLOWED:EV-04   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EV-06 | UNEXPECTED_PORT   | WRONG_ENDPOINT  | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "EV-07 | UNEXPECTED_PORT   | SNAT_ON_AV      | WRONG_ENDPOINT  | ALLOWED:EN-09",
            "EV-08 | UNEXPECTED_PORT   | SNAT_ON_AV      | WRONG_ENDPOINT  | ALLOWED:EN-10",
            "IV-01 | UNEXPECTED_PORT   | ALLOWED:IV-02   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IV-02 | UNEXPECTED_PORT   | ALLOWED:IV-01   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IV-03 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_INTERFACE | WRONG_ENDPOINT",
            "IV-04 | UNEXPECTED_PORT   | WRONG_DIRECTION | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IV-05 | UNEXPECTED_PORT   | ALLOWED:IV-06   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
            "IV-06 | UNEXPECTED_PORT   | ALLOWED:IV-05   | WRONG_ENDPOINT  | WRONG_ENDPOINT",
    })
    void rowAllowsItsFlowAndEachChangeGivesTheExpectedFinding(String id, String port, String direction,
                                                               String iface, String endpoint) {
        Rule r = PACK.rule(id);
        assertNotNull(r, id);
        FlowClassifier c = Fixtures.classifier(TOPO);
        Flow base = base(r, TOPO.vips().address(Service.ACCESS) == null ? null : null);
        assertEquals("ALLOWED:" + id, outcome(c.classify(base)), "row's own flow " + base);
        assertEquals(port, outcome(c.classify(portChanged(r, base))), "port changed");
        assertEquals(direction, outcome(c.classify(reversed(base))), "direction reversed");
        assertEquals(iface, outcome(c.classify(otherInterface(r, base))), "other interface");
        assertEquals(endpoint, outcome(c.classify(otherEndpoint(r, base))), "other Edge address");
    }

    /** At a node's own interface, a VIP row applies to that node's address: the row's flow built for node1 is allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"EV-01,EV-01", "EV-02,EV-02", "EV-03,EV-03", "EV-04,EV-04", "EV-05,EV-05", "EV-06,EV-06",
            // at node1's interface the A/V VIP rows read as node1's A/V address, which the node rows
            // already allow (the flow may have come through the VIP or straight to the node)
            "EV-07,EN-09", "EV-08,EN-10",
            "IV-01,IV-01", "IV-02,IV-02", "IV-03,IV-03", "IV-04,IV-04", "IV-05,IV-05", "IV-06,IV-06"})
    void vipRowSeenAtTheNodeAppliesToTheNodeAddress(String id, String allowedBy) {
        Rule r = PACK.rule(id);
        CapturePoint cp = new CapturePoint("n1", "node1", r.iface());
        FlowClassifier atNode = new FlowClassifier(TOPO, PACK, new CapturePoints(TOPO, Map.of(0, cp)));
        Flow f = base(r, "node1");
        Classification got = atNode.classify(f);
        assertEquals("ALLOWED:" + allowedBy, outcome(got), f.toString());
        assertEquals("node:node1", got.verdict().vantage());
        assertEquals("capture-point", got.verdict().ifaceSource());
        // the same flow with the VIP, seen at the node, names an address the node never sees
        Flow withVip = base(r, null);
        assertEquals("WRONG_ENDPOINT", outcome(atNode.classify(withVip)), withVip.toString());
    }

    static String outcome(Classification c) {
        if (c.violations().isEmpty()) {
            return "ALLOWED:" + c.allowedRuleId();
        }
        return c.violations().get(0).kind().name();
    }

    // ---- flows built from a rule ----

    /** The row's own flow; with {@code node} non-null, VIP selectors resolve to that node's address. */
    static Flow base(Rule r, String node) {
        String src = address(r.source().toString(), r, node);
        String dst = address(r.destination().toString(), r, node);
        return Fixtures.flow(r.transportName(), src, first(r.srcPorts(), 40123), dst, first(r.dstPorts(), 40000));
    }

    private static String address(String selector, Rule r, String node) {
        if (selector.startsWith("edge.")) {
            return NODE1.address(service(selector)).toString();
        }
        if (selector.startsWith("vip.")) {
            Service s = service(selector);
            return (node == null ? TOPO.vips().address(s) : TOPO.node(node).address(s)).toString();
        }
        if (selector.startsWith("any(")) {
            return Fixtures.FRONTEND;
        }
        return r.iface() == Iface.EXTERNAL ? Fixtures.INTERNET : Fixtures.INTERNAL_HOST;
    }

    private static Service service(String selector) {
        return Service.valueOf(selector.substring(selector.indexOf('.') + 1).toUpperCase());
    }

    private static int first(PortSet p, int dflt) {
        return p.isAny() ? dflt : p.ranges().get(0)[0];
    }

    /** The row's constrained port moved to 7 (echo, in no table): the destination port, else the source port. */
    static Flow portChanged(Rule r, Flow f) {
        boolean dst = !r.dstPorts().isAny();
        return Fixtures.flow(r.transportName(), f.origAddr().toString(), dst ? f.origPort() : 7,
                f.respAddr().toString(), dst ? 7 : f.respPort());
    }

    /** Opened by the other side to the same service port. */
    static Flow reversed(Flow f) {
        return Fixtures.flow(f.transportName(), f.respAddr().toString(), f.origPort(), f.origAddr().toString(),
                f.respPort());
    }

    /** The Edge address moved to the same node's other interface, and the peer to a host of that side. */
    static Flow otherInterface(Rule r, Flow f) {
        boolean edgeIsOrig = TOPO.edgeAddress(f.origAddr()) != null;
        String edge = (r.iface() == Iface.EXTERNAL ? NODE1.internal() : NODE1.access()).toString();
        String peer = r.iface() == Iface.EXTERNAL ? Fixtures.INTERNAL_HOST : Fixtures.INTERNET;
        return edgeIsOrig ? Fixtures.flow(f.transportName(), edge, f.origPort(), peer, f.respPort())
                : Fixtures.flow(f.transportName(), peer, f.origPort(), edge, f.respPort());
    }

    /**
     * The Edge address replaced by another on the same interface: a node address by the node's next
     * service (access → webconf → av → access) or, internally, by the internal VIP; a VIP by node1's
     * matching address (outside the load balancer the VIP must appear).
     */
    static Flow otherEndpoint(Rule r, Flow f) {
        boolean edgeIsOrig = TOPO.edgeAddress(f.origAddr()) != null;
        IpAddress a = edgeIsOrig ? f.origAddr() : f.respAddr();
        var e = TOPO.edgeAddress(a);
        IpAddress other;
        if (e.vip()) {
            other = NODE1.address(e.service());
        } else {
            other = switch (e.service()) {
                case ACCESS -> NODE1.webconf();
                case WEBCONF -> NODE1.av();
                case AV -> NODE1.access();
                case INTERNAL -> TOPO.vips().internal();
            };
        }
        return edgeIsOrig ? Fixtures.flow(f.transportName(), other.toString(), f.origPort(), f.respAddr().toString(), f.respPort())
                : Fixtures.flow(f.transportName(), f.origAddr().toString(), f.origPort(), other.toString(), f.respPort());
    }
}
