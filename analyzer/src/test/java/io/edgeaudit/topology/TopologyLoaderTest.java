package io.edgeaudit.topology;

import io.edgeaudit.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyLoaderTest {
    private static final Path POOL1 = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/topologies/pool1.yaml");

    /** A minimal valid topology; tests break one line of it. */
    private static final String VALID = """
            name: t
            edge:
              nodes:
                - name: node1
                  external: {access: 198.51.100.21, webconf: 198.51.100.22, av: 198.51.100.23}
                  internal: 198.18.0.21
              vips:
                external: {access: 198.51.100.10, webconf: 198.51.100.11, av: 198.51.100.12}
                internal: 198.18.0.20
            internal:
              networks: [198.18.0.0/15]
            """;

    @Test
    void readsTheIssueExampleWithEveryRole() {
        Topology t = TopologyLoader.load(POOL1);
        assertEquals("pool1", t.name());
        assertEquals("lync2013-edge-hlb", t.pack());
        assertEquals(2, t.nodes().size());
        assertEquals(IpAddress.parse("198.51.100.26"), t.node("node2").av());
        assertEquals(IpAddress.parse("198.18.0.20"), t.vips().internal());
        assertTrue(t.isHlbSnat(IpAddress.parse("198.51.100.2")));
        assertTrue(t.isInternal(IpAddress.parse("198.19.255.1")));
        assertEquals(2, t.frontend().size());
        assertFalse(t.ocs2007());
        assertTrue(t.features().xmpp());
        CapturePoint eth1 = t.capturePoints().get("eth1");
        assertEquals("node1", eth1.node());
        assertEquals(Iface.EXTERNAL, eth1.iface());
        assertEquals(50000, t.relayPortLow());
        assertEquals(59999, t.relayPortHigh());
        EdgeAddress vipAv = t.edgeAddress(IpAddress.parse("198.51.100.12"));
        assertTrue(vipAv.vip());
        assertEquals(Service.AV, vipAv.service());
        assertEquals("node2", t.edgeAddress(IpAddress.parse("198.18.0.22")).node());
        assertNull(t.edgeAddress(IpAddress.parse("203.0.113.10")));
    }

    @Test
    void optionalSettingsTakeTheirDefaults() {
        Topology t = TopologyLoader.parse("t.yaml", VALID);
        assertEquals("lync2013-edge-hlb", t.pack());
        assertFalse(t.features().xmpp());
        assertTrue(t.features().av());
        assertTrue(t.features().webConferencing());
        assertTrue(t.federationPartners().isEmpty());
        assertTrue(t.capturePoints().isEmpty());
    }

    @Test
    void capturePointsNameANodeSideOrTheLoadBalancer() {
        Topology t = TopologyLoader.parse("t.yaml", VALID + """
                capture_points:
                  lb-outside: {hlb: external}
                  n1-int: {node: node1, interface: internal}
                av: {relay_ports: 40000-49999}
                """);
        assertNull(t.capturePoints().get("lb-outside").node());
        assertEquals("hlb", t.capturePoints().get("lb-outside").vantage());
        assertEquals(Iface.INTERNAL, t.capturePoints().get("n1-int").iface());
        assertEquals(40000, t.relayPortLow());
    }

    /** Each line: the text replaced in VALID | its replacement | line:column | part of the message. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
            "name: t              | nme: t                    | 1:1  | unknown key 'nme' in topology",
            "access: 198.51.100.21 | access: 198.51.100.300   | 5:26 | is not an IP address",
            "access: 198.51.100.21 | access: ns1.example.com  | 5:26 | names are not resolved",
            "- name: node1        | - nam: node1              | 4:7  | unknown key 'nam'",
            "networks: [198.18.0.0/15] | networks: [198.18.0.0/33] | 11:14 | is not an address or network",
            "internal: 198.18.0.20 | internal: [198.18.0.20]  | 9:15 | a list (expected: a value)",
            "name: t              | 'name: t\nname: u'        | 2:1  | duplicate key 'name' (first at line 1)",
            "edge:                | 'edge: {'                 | 3:8  | not valid YAML",
    })
    void errorsNameLineAndColumn(String from, String to, String at, String message) {
        String text = VALID.replace(from.strip(), to.replace("\\n", "\n"));
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse("t.yaml", text));
        assertEquals(at, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.yaml:" + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aCapturePointNamingAnUnknownNodeIsAnError() {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyLoader.parse("t.yaml",
                VALID + "capture_points:\n  eth9: {node: node7, interface: external}\n"));
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("unknown node 'node7' (expected: one of node1)"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingFileIsAnErrorNamingIt() {
        assertTrue(assertThrows(TopologyException.class, () -> TopologyLoader.parse("e.yaml", ""))
                .getMessage().startsWith("e.yaml:1:1: empty file"));
        assertTrue(assertThrows(TopologyException.class, () -> TopologyLoader.load(Path.of("/nonexistent/t.yaml")))
                .getMessage().startsWith("/nonexistent/t.yaml: cannot read"));
    }
}
