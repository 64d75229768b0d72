package io.edgeaudit.topology;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyCheckTest {
    private static final Path POOL1 = Path.of(System.getProperty("edgeaudit.repo", ".."), "samples/topologies/pool1.yaml");

    private static List<TopologyFinding> check(String yaml) {
        return TopologyCheck.check(TopologyLoader.parse("t.yaml", yaml));
    }

    private static String pool1(String from, String to) throws Exception {
        String text = java.nio.file.Files.readString(POOL1);
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void theSamplePoolIsConsistent() {
        assertEquals(List.of(), TopologyCheck.check(TopologyLoader.load(POOL1)));
    }

    @Test
    void aPrivateExternalAddressIsNotPubliclyRoutable() throws Exception {
        List<TopologyFinding> f = check(pool1("av: 198.51.100.26", "av: 10.1.1.26"));
        assertEquals("public-address", f.get(0).check());
        assertEquals(11, f.get(0).line());
        assertTrue(f.get(0).message().contains("edge.nodes[1].external.av 10.1.1.26"), f.get(0).message());
    }

    @Test
    void nPlusOneCountsThreeVipsAndThreePerNode() throws Exception {
        List<TopologyFinding> f = check(pool1("webconf: 198.51.100.25, ", ""));
        assertTrue(f.stream().anyMatch(x -> x.check().equals("n-plus-one")
                && x.message().contains("give 8 distinct public addresses (expected: 9 = 3 VIPs + 3 per node)")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.check().equals("missing-role") && x.message().contains("webconf")), f.toString());
    }

    @Test
    void anAddressGivenTwiceIsADuplicate() throws Exception {
        List<TopologyFinding> f = check(pool1("av: 198.51.100.26", "av: 198.51.100.23"));
        assertTrue(f.stream().anyMatch(x -> x.check().equals("duplicate")
                && x.message().contains("node1 av (198.51.100.23) and to node2 av")), f.toString());
    }

    @Test
    void anInternalAddressInsideAnExternalNetworkIsReported() throws Exception {
        List<TopologyFinding> f = check(pool1("internal: 198.18.0.22", "internal: 198.51.100.99"));
        assertTrue(f.stream().anyMatch(x -> x.check().equals("internal-in-external")
                && x.message().contains("198.51.100.99 lies in the external network 198.51.100.0/24")), f.toString());
    }

    @Test
    void xmppNeedsTheFrontEndsWhereTheGatewayRuns() throws Exception {
        List<TopologyFinding> f = check(pool1("frontend: [198.18.1.10, 198.18.1.11]", "frontend: []"));
        assertEquals("missing-role", f.get(0).check());
        assertTrue(f.get(0).message().contains("features.xmpp is on"), f.get(0).message());
    }
}
