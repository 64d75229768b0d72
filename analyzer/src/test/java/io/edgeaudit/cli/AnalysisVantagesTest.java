package io.edgeaudit.cli;

import io.edgeaudit.topology.Topology;
import io.edgeaudit.topology.TopologyLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** How {@code analyze} tells its vantage points apart: one flow key space per capture point. */
class AnalysisVantagesTest {
    private static final Path REPO = Path.of(System.getProperty("edgeaudit.repo", "."));

    private static Topology pool1() throws IOException {
        // capture_points: eth1 -> node1 external
        return TopologyLoader.load(REPO.resolve("samples/topologies/pool1.yaml"));
    }

    @Test
    void eachCapturePointFileGetsItsOwnVantageAndFilesOfOnePointShareOne() throws IOException {
        Analysis.Vantages v = new Analysis.Vantages(Map.of(0, "hlb", 1, "node1", 2, "hlb"), pool1());
        int hlb = v.vantage(0, -1, null);
        int node1 = v.vantage(1, -1, null);
        assertNotEquals(0, hlb);
        assertNotEquals(0, node1);
        assertNotEquals(hlb, node1);
        assertEquals(hlb, v.vantage(2, -1, null), "rotated files of one capture point are one vantage");
        assertEquals("hlb", v.name(hlb));
        assertEquals("node1", v.name(node1));
    }

    @Test
    void pcapngInterfaceNamedInTheTopologyIsAVantageOfItsOwn() throws IOException {
        Analysis.Vantages v = new Analysis.Vantages(Map.of(), pool1());
        int eth1 = v.vantage(0, 1, "eth1");
        assertNotEquals(0, eth1);
        assertEquals("eth1", v.name(eth1));
        assertEquals(0, v.vantage(0, 0, "eth0"), "an interface the topology does not name");
        assertEquals(Analysis.Vantages.UNNAMED, v.name(0));
    }

    @Test
    void aFilesCapturePointWinsOverItsInterfaceName() throws IOException {
        Analysis.Vantages v = new Analysis.Vantages(Map.of(0, "hlb"), pool1());
        assertEquals(v.vantage(0, -1, null), v.vantage(0, 1, "eth1"));
        assertNotEquals(v.vantage(0, 1, "eth1"), v.vantage(1, 1, "eth1"));
    }
}
