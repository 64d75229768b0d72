package io.edgeaudit.rules;

import io.edgeaudit.net.IpAddress;
import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorTest {
    private static final Topology POOL1 = TopologyLoader.load(
            Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/topologies/pool1.yaml"));

    private static Selector.Match match(String selector, String address, Vantage v) {
        return Selector.parse(selector).match(IpAddress.parse(address), POOL1, v);
    }

    /** selector | address | vantage (hlb or a node) | expected. */
    @ParameterizedTest(name = "{0} {1} at {2}")
    @CsvSource({
            "edge.access, 198.51.100.24, hlb, YES",
            "edge.access, 198.51.100.10, hlb, NO",
            "vip.access, 198.51.100.10, hlb, YES",
            "vip.access, 198.51.100.21, hlb, NO",
            "vip.access, 198.51.100.21, node1, YES",
            "vip.access, 198.51.100.24, node1, NO",
            "vip.internal, 198.18.0.22, node2, YES",
            "frontend, 198.18.1.11, hlb, YES",
            "director, 198.18.1.11, hlb, NO",
            "any(director|frontend), 198.18.1.11, hlb, YES",
            "any(director|frontend), 198.18.7.7, hlb, NARROWED_OUT",
            "any(director|sba), 198.18.7.7, hlb, YES",
            "federation.partners, 192.0.2.1, hlb, YES",
            "internal.networks, 198.19.0.1, hlb, YES",
            "192.0.2.0/24|frontend, 192.0.2.9, hlb, YES",
            "192.0.2.0/24, 192.0.3.9, hlb, NO",
    })
    void selectorsReadRolesFromTheTopologyAndVipsFromTheVantage(String selector, String address, String at,
                                                                  Selector.Match expected) {
        Vantage v = at.equals("hlb") ? Vantage.HLB : Vantage.atNode(at);
        assertEquals(expected, match(selector, address, v));
    }

    @Test
    void edgeSidesAndServicesAreKnown() {
        assertTrue(Selector.parse("vip.av").isEdge());
        assertTrue(Selector.parse("vip.av").namesVip());
        assertFalse(Selector.parse("any(frontend)").isEdge());
        assertEquals("any(director|frontend)", Selector.parse("any(director|frontend)").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"edge.acess", "any(edge.av)", "frontend|", "''"})
    void badSelectorsAreRejectedWithTheExpectedForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selector.parse(text));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"any|80|true", "443|443|true", "443|444|false", "50000-59999|59999|true",
            "50001;50003|50002|false", "50001;50003|50003|true", "relay|50000|true"})
    void portSetsHoldSinglesRangesListsAndTheRelayRange(String set, int port, boolean in) {
        assertEquals(in, PortSet.parse(set).contains(port));
        assertEquals(set, PortSet.parse(set).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"70000", "5-3", "http", "''"})
    void badPortSetsAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> PortSet.parse(text));
    }
}
